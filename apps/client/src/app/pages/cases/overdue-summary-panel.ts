import { ChangeDetectionStrategy, Component, inject, signal, type OnInit } from '@angular/core';
import type { OverdueSummaryDto } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { RemindersApi } from '../../core/api/reminders-api.service';
import { LabelPipe } from '../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/**
 * For samordnare (issue 15 §7, D1): overdue case-level reminders counted per unit and kind.
 * Counts only; the API sends no case.
 */
@Component({
  selector: 'app-overdue-summary-panel',
  imports: [TranslatePipe, LabelPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel" aria-labelledby="overdue-title">
      <h2 id="overdue-title">{{ 'overdue.title' | t }}</h2>
      @if (summary(); as s) {
        <p class="hint">{{ 'overdue.intro' | t: { hours: s.overdueAfterHours } }}</p>
        @if (s.items.length === 0) {
          <p class="overdue-empty">{{ 'overdue.empty' | t }}</p>
        } @else {
          <div class="table-scroll">
            <table class="data-table plain-table overdue-table">
              <caption>
                {{
                  'overdue.caption' | t: { total: s.total }
                }}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{{ 'overdue.unit' | t }}</th>
                  <th scope="col">{{ 'overdue.kind' | t }}</th>
                  <th scope="col">{{ 'overdue.count' | t }}</th>
                </tr>
              </thead>
              <tbody>
                @for (row of s.items; track row.unit.id + row.kind) {
                  <tr>
                    <th scope="row">{{ row.unit.name }}</th>
                    <td>{{ row.kind | label: 'reminderKind' }}</td>
                    <td>{{ row.count }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      } @else if (failed()) {
        <p class="form-error" role="alert">{{ 'overdue.error' | t }}</p>
      } @else {
        <p class="muted" aria-live="polite">{{ 'overdue.loading' | t }}</p>
      }
    </section>
  `,
})
export class OverdueSummaryPanel implements OnInit {
  private readonly api = inject(RemindersApi);
  protected readonly summary = signal<OverdueSummaryDto | null>(null);
  protected readonly failed = signal(false);

  ngOnInit(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.summary.set(await firstValueFrom(this.api.overdueSummary()));
    } catch {
      this.failed.set(true);
    }
  }
}
