import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  type CaseDto,
  type TryggaHemCaseDto,
  type TryggaHemNotificationDto,
  TryggaHemRecordKind,
} from '@samsyn/common';
import { formatWhen } from '../../../../../core/i18n/format';
import { LabelPipe, WhenPipe } from '../../../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { CaseStore } from '../../case.store';
import { NotificationForm } from './notification-form';
import { recordSection } from './record-form';
import { RecordHistory } from './record-history';
import { RecordRemovalForm } from './record-removal-form';
import { mayRecord, newRecordId, recordWhat } from './records';
import { RemovedRecords } from './removed-records';

/**
 * The notifications of a Trygga hem case (D4) with their history (D21), the form to record one
 * (coordination writers) and, for the recording organisation, correct and remove.
 */
@Component({
  selector: 'app-thr-notifications',
  imports: [
    MatButtonModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    NotificationForm,
    RecordRemovalForm,
    RecordHistory,
    RemovedRecords,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (profile().notifications; as list) {
      @if (list.length) {
        <ul class="plain-list">
          @for (n of list; track n.id) {
            <li [id]="'thr-n-item-' + n.id" tabindex="-1">
              {{ n.deliveredOn | when }} –
              {{ n.customMethod ?? (n.method | label: 'notificationMethod') }} ({{ n.deliveredBy }})
              @if (n.outcome) {
                – <span class="pre-line">{{ n.outcome }}</span>
              }
              @if (n.canCorrect && section.editing() !== n.id && section.removing() !== n.id) {
                <span class="thr-item-actions no-print">
                  <button
                    mat-button
                    type="button"
                    [id]="'thr-n-correct-' + n.id"
                    [attr.aria-label]="'thr.correctLabel' | t: { what: what(n) }"
                    (click)="section.startCorrect(n.id)"
                  >
                    {{ 'thr.correct' | t }}
                  </button>
                  <button
                    mat-button
                    type="button"
                    [id]="'thr-n-remove-' + n.id"
                    [attr.aria-label]="'thr.removeLabel' | t: { what: what(n) }"
                    (click)="section.startRemove(n.id)"
                  >
                    {{ 'thr.remove' | t }}
                  </button>
                </span>
              }
              <app-thr-record-history [kind]="kind" [record]="n" />
              @if (section.editing() === n.id) {
                <app-thr-notification-form
                  [caseId]="profile().caseId"
                  [record]="n"
                  (saved)="saved($event, n.id)"
                  (cancelled)="section.cancelled(n.id, 'correct')"
                  (reload)="reload.emit()"
                />
              }
              @if (section.removing() === n.id) {
                <app-thr-record-removal-form
                  [kind]="kind"
                  [record]="n"
                  [what]="what(n)"
                  (saved)="saved($event, null)"
                  (cancelled)="section.cancelled(n.id, 'remove')"
                  (reload)="reload.emit()"
                />
              }
            </li>
          }
        </ul>
      } @else {
        <p class="muted">{{ 'th.case.noNotifications' | t }}</p>
      }
      @if (canRecord()) {
        @if (section.adding()) {
          <app-thr-notification-form
            [caseId]="profile().caseId"
            (saved)="saved($event, null, list)"
            (cancelled)="section.cancelled(null, 'add')"
            (reload)="reload.emit()"
          />
        } @else {
          <button
            mat-stroked-button
            type="button"
            class="no-print"
            [id]="section.addButtonId"
            (click)="section.startAdd()"
          >
            {{ 'thr.notification.add' | t }}
          </button>
        }
      }
      <app-thr-removed-records [caseId]="profile().caseId" [kind]="kind" />
    } @else {
      <p class="withheld">{{ 'th.notAvailable' | t }}</p>
    }
  `,
})
export class NotificationsSection {
  private readonly store = inject(CaseStore);
  private readonly i18n = inject(I18nService);

  readonly profile = input.required<TryggaHemCaseDto>();
  /** The case as the API answered a write. */
  readonly updated = output<TryggaHemCaseDto>();
  /** After a version conflict: load the case again. */
  readonly reload = output<void>();

  protected readonly kind = TryggaHemRecordKind.Notification;
  protected readonly section = recordSection('thr-n');
  protected readonly canRecord = computed(() =>
    mayRecord(this.store.caseDto() as CaseDto, this.profile(), this.kind),
  );

  protected what(n: TryggaHemNotificationDto): string {
    const locale = this.i18n.locale();
    return recordWhat(this.kind, n, {
      label: (group, code) => this.i18n.label(group, code),
      date: (day) => formatWhen(day, 'date', locale),
    });
  }

  /** `before`: the list before adding, to find (and focus) the new record. */
  protected saved(
    profile: TryggaHemCaseDto,
    id: string | null,
    before?: readonly { id: string }[],
  ): void {
    this.updated.emit(profile);
    this.section.saved(before ? newRecordId(before, profile.notifications) : id);
  }
}
