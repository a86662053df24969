import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  type CaseDto,
  type ControlMeasureDto,
  type TryggaHemCaseDto,
  TryggaHemRecordKind,
} from '@samsyn/common';
import { formatWhen } from '../../../../../core/i18n/format';
import { LabelPipe, WhenPipe } from '../../../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { CaseStore } from '../../case.store';
import { ControlMeasureForm } from './control-measure-form';
import { recordSection } from './record-form';
import { RecordHistory } from './record-history';
import { RecordRemovalForm } from './record-removal-form';
import { mayRecord, newRecordId, recordWhat } from './records';
import { RemovedRecords } from './removed-records';

/**
 * Sanctions and control measures (D4) with their history (D21); criminal-category writers record
 * new ones, the recording organisation corrects (a new end moves its reminder) or removes them.
 */
@Component({
  selector: 'app-thr-control-measures',
  imports: [
    MatButtonModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    ControlMeasureForm,
    RecordRemovalForm,
    RecordHistory,
    RemovedRecords,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (profile().controlMeasures; as list) {
      @if (list.length) {
        <ul class="plain-list">
          @for (m of list; track m.id) {
            <li [id]="'thr-m-item-' + m.id" tabindex="-1">
              {{ m.kind | label: 'controlMeasureKind' }} ({{ m.organisation.name }}),
              {{ m.startsOn | when }} –
              {{ m.endsOn ? (m.endsOn | when) : ('th.case.untilFurther' | t) }}
              @if (m.active) {
                <span class="badge">{{ 'th.case.active' | t }}</span>
              }
              @if (m.description) {
                – <span class="pre-line">{{ m.description }}</span>
              }
              @if (m.canCorrect && section.editing() !== m.id && section.removing() !== m.id) {
                <span class="thr-item-actions no-print">
                  <button
                    mat-button
                    type="button"
                    [id]="'thr-m-correct-' + m.id"
                    [attr.aria-label]="'thr.correctLabel' | t: { what: what(m) }"
                    (click)="section.startCorrect(m.id)"
                  >
                    {{ 'thr.correct' | t }}
                  </button>
                  <button
                    mat-button
                    type="button"
                    [id]="'thr-m-remove-' + m.id"
                    [attr.aria-label]="'thr.removeLabel' | t: { what: what(m) }"
                    (click)="section.startRemove(m.id)"
                  >
                    {{ 'thr.remove' | t }}
                  </button>
                </span>
              }
              <app-thr-record-history [kind]="kind" [record]="m" />
              @if (section.editing() === m.id) {
                <app-thr-control-measure-form
                  [caseId]="profile().caseId"
                  [record]="m"
                  (saved)="saved($event, m.id)"
                  (cancelled)="section.cancelled(m.id, 'correct')"
                  (reload)="reload.emit()"
                />
              }
              @if (section.removing() === m.id) {
                <app-thr-record-removal-form
                  [kind]="kind"
                  [record]="m"
                  [what]="what(m)"
                  (saved)="saved($event, null)"
                  (cancelled)="section.cancelled(m.id, 'remove')"
                  (reload)="reload.emit()"
                />
              }
            </li>
          }
        </ul>
      } @else {
        <p class="muted">{{ 'th.case.noControlMeasures' | t }}</p>
      }
      @if (canRecord()) {
        @if (section.adding()) {
          <app-thr-control-measure-form
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
            {{ 'thr.measure.add' | t }}
          </button>
        }
      }
      <app-thr-removed-records [caseId]="profile().caseId" [kind]="kind" />
    } @else {
      <p class="withheld">{{ 'th.notAvailable' | t }}</p>
    }
  `,
})
export class ControlMeasuresSection {
  private readonly store = inject(CaseStore);
  private readonly i18n = inject(I18nService);

  readonly profile = input.required<TryggaHemCaseDto>();
  readonly updated = output<TryggaHemCaseDto>();
  readonly reload = output<void>();

  protected readonly kind = TryggaHemRecordKind.ControlMeasure;
  protected readonly section = recordSection('thr-m');
  protected readonly canRecord = computed(() =>
    mayRecord(this.store.caseDto() as CaseDto, this.profile(), this.kind),
  );

  protected what(m: ControlMeasureDto): string {
    const locale = this.i18n.locale();
    return recordWhat(this.kind, m, {
      label: (group, code) => this.i18n.label(group, code),
      date: (day) => formatWhen(day, 'date', locale),
    });
  }

  protected saved(
    profile: TryggaHemCaseDto,
    id: string | null,
    before?: readonly { id: string }[],
  ): void {
    this.updated.emit(profile);
    this.section.saved(before ? newRecordId(before, profile.controlMeasures) : id);
  }
}
