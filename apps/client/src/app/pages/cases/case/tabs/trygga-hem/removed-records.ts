import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  type ControlMeasureDto,
  type IncidentDto,
  type TryggaHemCaseDto,
  type TryggaHemNotificationDto,
  TryggaHemRecordKind,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { errorMessageKey } from '../../../../../core/api/problem';
import { TryggaHemRecordsApi } from '../../../../../core/api/trygga-hem-records-api.service';
import { formatWhen } from '../../../../../core/i18n/format';
import { WhenPipe } from '../../../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../../../core/i18n/i18n.service';
import type { TranslationKey } from '../../../../../core/i18n/sv';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { recordWhat } from './records';

type Removable = TryggaHemNotificationDto | ControlMeasureDto | IncidentDto;

const LISTS: Readonly<Record<TryggaHemRecordKind, (p: TryggaHemCaseDto) => Removable[] | null>> = {
  [TryggaHemRecordKind.Notification]: (p) => p.notifications,
  [TryggaHemRecordKind.ControlMeasure]: (p) => p.controlMeasures,
  [TryggaHemRecordKind.Incident]: (p) => p.incidents,
};

/**
 * D21: removed records are hidden from the case but kept; on request they are shown with who
 * removed them, when and why (the API logs the read like any other).
 */
@Component({
  selector: 'app-thr-removed-records',
  imports: [MatButtonModule, TranslatePipe, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="thr-removed no-print">
      <button
        mat-button
        type="button"
        [id]="'thr-removed-toggle-' + kind()"
        [attr.aria-expanded]="open()"
        [attr.aria-controls]="'thr-removed-' + kind()"
        (click)="toggle()"
      >
        {{ (open() ? 'thr.removedHide' : 'thr.removedShow') | t }}
      </button>
      <div [id]="'thr-removed-' + kind()" role="status">
        @if (open()) {
          @if (loading()) {
            <p class="muted">{{ 'common.loading' | t }}</p>
          } @else if (error(); as e) {
            <p class="form-error">{{ e | t }}</p>
          } @else if (removed().length) {
            <ul class="plain-list">
              @for (r of removed(); track r.record.id) {
                <li>
                  <s>{{ r.what }}</s> –
                  {{
                    'thr.removedBy'
                      | t
                        : {
                            date: (r.record.removal!.removedAt | when: 'dateTime'),
                            name: r.record.removal!.removedBy.displayName,
                          }
                  }}
                  <span class="pre-line">{{ r.record.removal!.reason }}</span>
                </li>
              }
            </ul>
          } @else {
            <p class="muted">{{ 'thr.noneRemoved' | t }}</p>
          }
        }
      </div>
    </div>
  `,
})
export class RemovedRecords {
  private readonly api = inject(TryggaHemRecordsApi);
  private readonly i18n = inject(I18nService);

  readonly caseId = input.required<string>();
  readonly kind = input.required<TryggaHemRecordKind>();

  protected readonly open = signal(false);
  protected readonly loading = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  private readonly profile = signal<TryggaHemCaseDto | null>(null);

  protected readonly removed = computed(() => {
    const p = this.profile();
    const locale = this.i18n.locale();
    const list = p ? (LISTS[this.kind()](p) ?? []) : [];
    return list
      .filter((r) => r.removal !== null)
      .map((record) => ({
        record,
        what: recordWhat(this.kind(), record, {
          label: (group, code) => this.i18n.label(group, code),
          date: (day) => formatWhen(day, 'date', locale),
        }),
      }));
  });

  protected async toggle(): Promise<void> {
    if (this.open()) {
      this.open.set(false);
      return;
    }
    this.open.set(true);
    this.loading.set(true);
    this.error.set(null);
    try {
      this.profile.set(await firstValueFrom(this.api.withRemoved(this.caseId())));
    } catch (failure: unknown) {
      this.error.set(errorMessageKey(failure));
    } finally {
      this.loading.set(false);
    }
  }
}
