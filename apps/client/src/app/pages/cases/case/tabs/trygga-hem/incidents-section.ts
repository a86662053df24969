import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  type CaseDto,
  type IncidentDto,
  ParticipantRole,
  type TryggaHemCaseDto,
  TryggaHemRecordKind,
} from '@samsyn/common';
import { LabelPipe, WhenPipe } from '../../../../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { ReferenceData } from '../../../../../core/reference/reference-data';
import { ViolenceFormsPipe } from '../../../shared/violence-forms';
import { displayName } from '../../participant-view';
import { IncidentForm, type VictimChoice } from './incident-form';
import { recordSection } from './record-form';
import { RecordItem, RecordsSection } from './record-list';
import { incidentOutcome, incidentOutcomeMessages, newRecordId } from './records';
import { RemovedRecords } from './removed-records';

/**
 * New incidents (D4) with their history (D21). Recording one may flag a repeat (issue 6 §4) and
 * calls for reassessment (D5): the section says so from the API's answer, on screen and to
 * screen readers. The recording organisation corrects or removes an incident (the flags are
 * judged again by the API).
 */
@Component({
  selector: 'app-thr-incidents',
  imports: [
    MatButtonModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    IncidentForm,
    RecordItem,
    RemovedRecords,
    ViolenceFormsPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (profile().incidents; as list) {
      @if (outcome(); as lines) {
        <div class="notice thr-outcome" id="thr-i-outcome">
          @for (line of lines; track line.key) {
            <p>{{ line.key | t: line.params }}</p>
          }
        </div>
      }
      @if (list.length) {
        <ul class="plain-list">
          @for (i of list; track i.id) {
            <li
              appThrRecordItem
              [prefix]="'thr-i'"
              [kind]="kind"
              [record]="i"
              [what]="what(i)"
              [section]="section"
              (started)="outcome.set(null)"
              (removed)="saved($event, null)"
              (reload)="reload.emit()"
            >
              {{ i.occurredOn | when }} – {{ i.kind | label: 'incidentKind' }},
              {{ i.reportingOrganisation.name }}
              @if (i.victimPersonId) {
                ({{ victimName(i.victimPersonId) }})
              }
              @if (i.repeat) {
                <span class="badge badge-danger">{{ 'th.repeat' | t }}</span>
              }
              @if (i.violenceForms.length) {
                <span class="thr-violence-forms"
                  >– {{ 'violenceForms.label' | t }}: {{ i.violenceForms | violenceForms }}</span
                >
              }
              @if (i.note) {
                – <span class="pre-line">{{ i.note }}</span>
              }
              @if (section.editing() === i.id) {
                <app-thr-incident-form
                  [caseId]="profile().caseId"
                  [record]="i"
                  [victims]="victims()"
                  (saved)="saved($event, i.id)"
                  (cancelled)="section.cancelled(i.id, 'correct')"
                  (reload)="reload.emit()"
                />
              }
            </li>
          }
        </ul>
      } @else {
        <p class="muted">{{ 'th.case.noIncidents' | t }}</p>
      }
      @if (canRecord()) {
        @if (section.adding()) {
          <app-thr-incident-form
            [caseId]="profile().caseId"
            [victims]="victims()"
            (saved)="added($event, list)"
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
            (click)="outcome.set(null); section.startAdd()"
          >
            {{ 'thr.incident.add' | t }}
          </button>
        }
      }
      <app-thr-removed-records [caseId]="profile().caseId" [kind]="kind" />
    } @else {
      <p class="withheld">{{ 'th.notAvailable' | t }}</p>
    }
  `,
})
export class IncidentsSection extends RecordsSection<IncidentDto> {
  private readonly reference = inject(ReferenceData);
  private readonly announcer = inject(LiveAnnouncer);

  protected readonly kind = TryggaHemRecordKind.Incident;
  protected readonly section = recordSection('thr-i');
  protected readonly outcome = signal<ReturnType<typeof incidentOutcomeMessages> | null>(null);
  /** The case's victims and children (as the programme names the victim side, D3). */
  protected readonly victims = computed<VictimChoice[]>(() => {
    const kase = this.store.caseDto() as CaseDto;
    const roles = this.reference.programme(kase.programme)?.victimSideRoles ?? [
      ParticipantRole.Victim,
      ParticipantRole.Child,
    ];
    return kase.participants
      .filter((p) => roles.includes(p.role))
      .map((p) => ({
        personId: p.person.id,
        name: displayName(p.person) ?? this.i18n.t('person.withheld'),
      }));
  });

  protected records(profile: TryggaHemCaseDto) {
    return profile.incidents;
  }

  protected victimName(personId: string): string {
    return (
      this.victims().find((v) => v.personId === personId)?.name ?? this.i18n.t('person.withheld')
    );
  }

  /** Issue 6 §4, D5: what the new incident led to, shown and announced. */
  protected added(profile: TryggaHemCaseDto, before: readonly { id: string }[]): void {
    const id = newRecordId(before, profile.incidents);
    const outcome = id ? incidentOutcome(profile, id) : null;
    const lines = outcome ? incidentOutcomeMessages(outcome) : null;
    this.outcome.set(lines);
    if (lines)
      void this.announcer.announce(
        lines.map((l) => this.i18n.t(l.key, l.params)).join(' '),
        'polite',
      );
    this.updated.emit(profile);
    this.section.saved(id);
  }
}
