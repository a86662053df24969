import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { type ControlMeasureDto, type TryggaHemCaseDto, TryggaHemRecordKind } from '@samsyn/common';
import { LabelPipe, WhenPipe } from '../../../../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { ControlMeasureForm } from './control-measure-form';
import { recordSection } from './record-form';
import { RecordItem, RecordsSection } from './record-list';
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
    RecordItem,
    RemovedRecords,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (profile().controlMeasures; as list) {
      @if (list.length) {
        <ul class="plain-list">
          @for (m of list; track m.id) {
            <li
              appThrRecordItem
              [prefix]="'thr-m'"
              [kind]="kind"
              [record]="m"
              [what]="what(m)"
              [section]="section"
              (removed)="saved($event, null)"
              (reload)="reload.emit()"
            >
              {{ m.kind | label: 'controlMeasureKind' }} ({{ m.organisation.name }}),
              {{ m.startsOn | when }} –
              {{ m.endsOn ? (m.endsOn | when) : ('th.case.untilFurther' | t) }}
              @if (m.active) {
                <span class="badge">{{ 'th.case.active' | t }}</span>
              }
              @if (m.description) {
                – <span class="pre-line">{{ m.description }}</span>
              }
              @if (section.editing() === m.id) {
                <app-thr-control-measure-form
                  [caseId]="profile().caseId"
                  [record]="m"
                  (saved)="saved($event, m.id)"
                  (cancelled)="section.cancelled(m.id, 'correct')"
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
            [attr.data-action]="addAction()"
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
export class ControlMeasuresSection extends RecordsSection<ControlMeasureDto> {
  protected readonly kind = TryggaHemRecordKind.ControlMeasure;
  protected readonly section = recordSection('thr-m');

  protected records(profile: TryggaHemCaseDto) {
    return profile.controlMeasures;
  }
}
