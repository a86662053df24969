import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { CorrectableRecordDto, RecordRevisionDto, TryggaHemRecordKind } from '@samsyn/common';
import { formatWhen } from '../../../../../core/i18n/format';
import { WhenPipe } from '../../../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { CaseStore } from '../../case.store';
import { displayName } from '../../participant-view';
import { type PreviousValue, previousValues } from './records';

/**
 * D21: a record's corrections and removal, visible where the record is — who, when, which
 * organisation, why, and the values it had before. Collapsed behind a disclosure.
 */
@Component({
  selector: 'app-thr-record-history',
  imports: [TranslatePipe, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (record().revisions.length) {
      <details class="thr-history">
        <summary>
          {{ 'thr.history.summary' | t: { count: record().revisions.length } }}
        </summary>
        <ol class="plain-list">
          @for (r of entries(); track $index) {
            <li>
              <strong>{{
                (r.revision.kind === 'removal' ? 'thr.history.removal' : 'thr.history.correction')
                  | t
              }}</strong>
              {{ r.revision.changedAt | when: 'dateTime' }},
              {{ r.revision.changedBy.displayName }} ({{ r.revision.changedByOrganisationName }}).
              {{ 'thr.history.reason' | t }}: <span class="pre-line">{{ r.revision.reason }}</span>
              @if (r.previous.length) {
                <br />{{ 'thr.history.previous' | t }}:
                @for (p of r.previous; track p.field; let last = $last) {
                  {{ p.label | t }}: {{ p.text }}{{ last ? '' : ';' }}
                }
              }
            </li>
          }
        </ol>
      </details>
    }
  `,
  styles: ['.thr-history { margin-top: 0.25rem; } .thr-history summary { cursor: pointer; }'],
})
export class RecordHistory {
  private readonly i18n = inject(I18nService);
  private readonly store = inject(CaseStore);

  readonly kind = input.required<TryggaHemRecordKind>();
  readonly record = input.required<CorrectableRecordDto>();

  protected readonly entries = computed<
    { revision: RecordRevisionDto; previous: PreviousValue[] }[]
  >(() => {
    const locale = this.i18n.locale();
    const participants = this.store.caseDto()?.participants ?? [];
    return this.record().revisions.map((revision) => ({
      revision,
      previous: previousValues(this.kind(), revision.previous, {
        label: (group, code) => this.i18n.label(group, code),
        date: (day) => formatWhen(day, 'date', locale),
        yesNo: (value) => this.i18n.t(value ? 'common.yes' : 'common.no'),
        person: (id) => {
          const p = participants.find((x) => x.person.id === id);
          return p ? displayName(p.person) : null;
        },
        notGiven: this.i18n.t('common.notGiven'),
        withheld: this.i18n.t('person.withheld'),
      }),
    }));
  });
}
