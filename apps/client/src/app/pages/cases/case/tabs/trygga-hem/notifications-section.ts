import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  type TryggaHemCaseDto,
  type TryggaHemNotificationDto,
  TryggaHemRecordKind,
} from '@samsyn/common';
import { LabelPipe, WhenPipe } from '../../../../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { NotificationForm } from './notification-form';
import { recordSection } from './record-form';
import { RecordItem, RecordsSection } from './record-list';
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
    RecordItem,
    RemovedRecords,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (profile().notifications; as list) {
      @if (list.length) {
        <ul class="plain-list">
          @for (n of list; track n.id) {
            <li
              appThrRecordItem
              [prefix]="'thr-n'"
              [kind]="kind"
              [record]="n"
              [what]="what(n)"
              [section]="section"
              (removed)="saved($event, null)"
              (reload)="reload.emit()"
            >
              {{ n.deliveredOn | when }} –
              {{ n.customMethod ?? (n.method | label: 'notificationMethod') }} ({{ n.deliveredBy }})
              @if (n.outcome) {
                – <span class="pre-line">{{ n.outcome }}</span>
              }
              @if (section.editing() === n.id) {
                <app-thr-notification-form
                  [caseId]="profile().caseId"
                  [record]="n"
                  (saved)="saved($event, n.id)"
                  (cancelled)="section.cancelled(n.id, 'correct')"
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
            [attr.data-action]="addAction()"
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
export class NotificationsSection extends RecordsSection<TryggaHemNotificationDto> {
  protected readonly kind = TryggaHemRecordKind.Notification;
  protected readonly section = recordSection('thr-n');

  protected records(profile: TryggaHemCaseDto) {
    return profile.notifications;
  }
}
