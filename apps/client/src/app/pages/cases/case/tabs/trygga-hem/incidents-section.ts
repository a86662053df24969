import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  type CaseDto,
  type IncidentDto,
  ParticipantRole,
  type TryggaHemCaseDto,
  TryggaHemRecordKind,
} from '@samsyn/common';
import { formatWhen } from '../../../../../core/i18n/format';
import { LabelPipe, WhenPipe } from '../../../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { ReferenceData } from '../../../../../core/reference/reference-data';
import { CaseStore } from '../../case.store';
import { displayName } from '../../participant-view';
import { IncidentForm, type VictimChoice } from './incident-form';
import { recordSection } from './record-form';
import { RecordHistory } from './record-history';
import { RecordRemovalForm } from './record-removal-form';
import {
  incidentOutcome,
  incidentOutcomeMessages,
  mayRecord,
  newRecordId,
  recordWhat,
} from './records';
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
    RecordRemovalForm,
    RecordHistory,
    RemovedRecords,
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
            <li [id]="'thr-i-item-' + i.id" tabindex="-1">
              {{ i.occurredOn | when }} – {{ i.kind | label: 'incidentKind' }},
              {{ i.reportingOrganisation.name }}
              @if (i.victimPersonId) {
                ({{ victimName(i.victimPersonId) }})
              }
              @if (i.repeat) {
                <span class="badge badge-danger">{{ 'th.repeat' | t }}</span>
              }
              @if (i.note) {
                – <span class="pre-line">{{ i.note }}</span>
              }
              @if (i.canCorrect && section.editing() !== i.id && section.removing() !== i.id) {
                <span class="thr-item-actions no-print">
                  <button
                    mat-button
                    type="button"
                    [id]="'thr-i-correct-' + i.id"
                    [attr.aria-label]="'thr.correctLabel' | t: { what: what(i) }"
                    (click)="start('correct', i.id)"
                  >
                    {{ 'thr.correct' | t }}
                  </button>
                  <button
                    mat-button
                    type="button"
                    [id]="'thr-i-remove-' + i.id"
                    [attr.aria-label]="'thr.removeLabel' | t: { what: what(i) }"
                    (click)="start('remove', i.id)"
                  >
                    {{ 'thr.remove' | t }}
                  </button>
                </span>
              }
              <app-thr-record-history [kind]="kind" [record]="i" />
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
              @if (section.removing() === i.id) {
                <app-thr-record-removal-form
                  [kind]="kind"
                  [record]="i"
                  [what]="what(i)"
                  (saved)="saved($event, null)"
                  (cancelled)="section.cancelled(i.id, 'remove')"
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
            (click)="start('add')"
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
export class IncidentsSection {
  private readonly store = inject(CaseStore);
  private readonly reference = inject(ReferenceData);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);

  readonly profile = input.required<TryggaHemCaseDto>();
  readonly updated = output<TryggaHemCaseDto>();
  readonly reload = output<void>();

  protected readonly kind = TryggaHemRecordKind.Incident;
  protected readonly section = recordSection('thr-i');
  protected readonly outcome = signal<ReturnType<typeof incidentOutcomeMessages> | null>(null);
  protected readonly canRecord = computed(() =>
    mayRecord(this.store.caseDto() as CaseDto, this.profile(), this.kind),
  );
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

  protected victimName(personId: string): string {
    return (
      this.victims().find((v) => v.personId === personId)?.name ?? this.i18n.t('person.withheld')
    );
  }

  protected what(i: IncidentDto): string {
    const locale = this.i18n.locale();
    return recordWhat(this.kind, i, {
      label: (group, code) => this.i18n.label(group, code),
      date: (day) => formatWhen(day, 'date', locale),
    });
  }

  protected start(what: 'add' | 'correct' | 'remove', id?: string): void {
    this.outcome.set(null);
    if (what === 'add') this.section.startAdd();
    else if (what === 'correct') this.section.startCorrect(id!);
    else this.section.startRemove(id!);
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

  protected saved(profile: TryggaHemCaseDto, id: string | null): void {
    this.updated.emit(profile);
    this.section.saved(id);
  }
}
