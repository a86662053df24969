import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  type StatisticsDto,
  type StatisticsOptionsDto,
  StatisticsPeriod,
  smallCountsNote,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { errorMessageKey } from '../../core/api/problem';
import { StatisticsApi, type StatisticsFilters } from '../../core/api/statistics-api.service';
import { saveDownload } from '../../core/download';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { applyServerErrors } from '../../core/forms/server-errors';
import { dateOrder } from '../../core/forms/validators';
import { LabelPipe, WhenPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FollowUpReportPanel } from './follow-up-report-panel';
import { IndicatorChart } from './indicator-chart';

type State =
  | { kind: 'loading' }
  | { kind: 'loaded'; value: StatisticsDto }
  | { kind: 'error'; key: TranslationKey };

const PERIODS: readonly { value: StatisticsPeriod; key: TranslationKey }[] = [
  { value: StatisticsPeriod.Month, key: 'statistics.period.month' },
  { value: StatisticsPeriod.Quarter, key: 'statistics.period.quarter' },
  { value: StatisticsPeriod.Year, key: 'statistics.period.year' },
];

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The statistics page (issue 17 §1–2): the agreements' indicators for steering, coordinators
 * and org_admin, as charts with a table of each below, filtered by agreement, municipality,
 * programme and period, and downloadable as CSV (the same figures as shown). With an agreement
 * chosen, its yearly follow-up report (issue 17 §4) can be downloaded too.
 */
@Component({
  selector: 'app-statistics-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    FieldErrorPipe,
    IndicatorChart,
    FollowUpReportPanel,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './statistics.page.html',
  styleUrl: './statistics.page.scss',
})
export class StatisticsPage {
  private readonly api = inject(StatisticsApi);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly i18n = inject(I18nService);
  private readonly document = inject(DOCUMENT);
  protected readonly periods = PERIODS;

  protected readonly form = this.fb.group(
    {
      agreementId: [''],
      municipalityCode: [''],
      programme: [''],
      period: [StatisticsPeriod.Month as string],
      from: [`${today().slice(0, 4)}-01-01`],
      to: [today()],
    },
    { validators: dateOrder('from', 'to') },
  );
  protected readonly options = signal<StatisticsOptionsDto | null>(null);
  private readonly agreementId = toSignal(this.form.controls.agreementId.valueChanges, {
    initialValue: this.form.controls.agreementId.value,
  });
  /** The agreement chosen in the filters, whose follow-up report is offered. */
  protected readonly chosenAgreement = computed(() => {
    const id = this.agreementId();
    return id ? (this.options()?.agreements.find((a) => a.id === id) ?? null) : null;
  });
  protected readonly state = signal<State>({ kind: 'loading' });
  protected readonly result = computed(() => {
    const s = this.state();
    return s.kind === 'loaded' ? s.value : null;
  });
  /** Nothing counted at all in the period: say so instead of a page of zeros. */
  protected readonly empty = computed(() =>
    (this.result()?.tables ?? []).every((t) =>
      t.cells.every((row) => row.every((c) => c === 0 || c === null)),
    ),
  );
  protected readonly note = computed(() => smallCountsNote(this.i18n.locale()));
  protected readonly downloading = signal(false);
  protected readonly downloadError = signal<TranslationKey | null>(null);
  /** The filters of the figures shown: the CSV is of these, not of unsubmitted changes. */
  private shown: StatisticsFilters | null = null;

  constructor() {
    void this.init();
  }

  private async init(): Promise<void> {
    try {
      this.options.set(await firstValueFrom(this.api.options()));
    } catch (error: unknown) {
      this.state.set({ kind: 'error', key: errorMessageKey(error) });
      return;
    }
    await this.load();
  }

  protected async load(): Promise<void> {
    if (this.form.invalid) return;
    this.state.set({ kind: 'loading' });
    const filters = this.form.getRawValue();
    try {
      const value = await firstValueFrom(this.api.indicators(filters));
      this.shown = filters;
      this.state.set({ kind: 'loaded', value });
    } catch (error: unknown) {
      applyServerErrors(this.form, error);
      this.state.set({ kind: 'error', key: errorMessageKey(error) });
    }
  }

  protected async download(): Promise<void> {
    const filters = this.shown;
    const result = this.result();
    if (!filters || !result) return;
    this.downloading.set(true);
    this.downloadError.set(null);
    try {
      const blob = await firstValueFrom(this.api.csv(filters, this.i18n.locale()));
      saveDownload(this.document, blob, `statistik-${result.from}-${result.to}.csv`);
    } catch (error: unknown) {
      this.downloadError.set(errorMessageKey(error));
    } finally {
      this.downloading.set(false);
    }
  }
}
