import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { followUpReportFileName, lastFullYear } from '@samsyn/common';
import { errorMessageKey } from '../../core/api/problem';
import { StatisticsApi } from '../../core/api/statistics-api.service';
import { saveDownload } from '../../core/download';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** At most this many years back are offered. */
const YEARS_OFFERED = 15;

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The yearly follow-up report of one agreement (issue 17 §4): a year (the last full year by
 * default) and the PDF and CSV in the interface's language. Shown by the pages only to callers
 * with `statistics:read`; the API decides again whether the agreement is theirs to report on.
 */
@Component({
  selector: 'app-follow-up-report-panel',
  imports: [MatButtonModule, MatFormFieldModule, MatSelectModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel follow-up-report" aria-labelledby="follow-up-report-title">
      <h2 id="follow-up-report-title">{{ 'followUpReport.title' | t }}</h2>
      <p class="hint">{{ 'followUpReport.intro' | t }}</p>
      <div class="follow-up-report-controls">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'followUpReport.year' | t }}</mat-label>
          <mat-select id="follow-up-report-year" [value]="year()" (valueChange)="choose($event)">
            @for (y of years(); track y) {
              <mat-option [value]="y">{{ y }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <button
          mat-flat-button
          type="button"
          id="follow-up-report-pdf"
          [disabled]="busy()"
          [attr.aria-label]="'followUpReport.pdfLabel' | t: { year: year() }"
          (click)="download('pdf')"
        >
          {{ 'followUpReport.pdf' | t }}
        </button>
        <button
          mat-stroked-button
          type="button"
          id="follow-up-report-csv"
          [disabled]="busy()"
          [attr.aria-label]="'followUpReport.csvLabel' | t: { year: year() }"
          (click)="download('csv')"
        >
          {{ 'followUpReport.csv' | t }}
        </button>
      </div>
      <p class="hint">{{ 'followUpReport.audited' | t }}</p>
      <div role="status" aria-live="polite">
        @if (busy()) {
          <p class="muted">{{ 'followUpReport.working' | t }}</p>
        } @else if (done(); as fileName) {
          <p class="follow-up-report-done">{{ 'followUpReport.done' | t: { fileName } }}</p>
        }
      </div>
      @if (error(); as key) {
        <p class="alert" role="alert">{{ key | t }}</p>
      }
    </section>
  `,
  styles: `
    .follow-up-report-controls {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem;
    }
  `,
})
export class FollowUpReportPanel {
  private readonly api = inject(StatisticsApi);
  private readonly i18n = inject(I18nService);
  private readonly document = inject(DOCUMENT);

  readonly agreementId = input.required<string>();
  /** The agreement's first valid day: years before it are still offered down to the last full year. */
  readonly validFrom = input<string | null>(null);

  private readonly thisYear = Number(today().slice(0, 4));
  protected readonly years = computed(() => {
    const from = Number(this.validFrom()?.slice(0, 4) ?? this.thisYear);
    const oldest = Math.max(
      Math.min(from, lastFullYear(today())),
      this.thisYear - YEARS_OFFERED + 1,
    );
    const years: number[] = [];
    for (let y = this.thisYear; y >= oldest; y--) years.push(y);
    return years;
  });
  protected readonly year = signal(lastFullYear(today()));
  protected readonly busy = signal(false);
  protected readonly done = signal<string | null>(null);
  protected readonly error = signal<TranslationKey | null>(null);

  constructor() {
    // Another agreement: what was said about the last one no longer applies.
    effect(() => {
      this.agreementId();
      this.done.set(null);
      this.error.set(null);
    });
  }

  protected choose(year: number): void {
    this.year.set(year);
    this.done.set(null);
  }

  protected async download(format: 'pdf' | 'csv'): Promise<void> {
    const id = this.agreementId();
    const year = this.year();
    this.busy.set(true);
    this.done.set(null);
    this.error.set(null);
    try {
      const file = await this.api.followUpReport(id, year, format, this.i18n.locale());
      const fileName = `${followUpReportFileName(id, year)}.${format}`;
      saveDownload(this.document, file, fileName);
      this.done.set(fileName);
    } catch (failure: unknown) {
      this.error.set(errorMessageKey(failure));
    } finally {
      this.busy.set(false);
    }
  }
}
