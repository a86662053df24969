import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  computed,
  inject,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  type ControlMeasureDto,
  type IncidentDto,
  TryggaHemAction,
  type TryggaHemCaseDto,
  type TryggaHemNotificationDto,
  type TryggaHemRecordKind,
} from '@samsyn/common';
import { formatWhen } from '../../../../../core/i18n/format';
import { I18nService } from '../../../../../core/i18n/i18n.service';
import type { TranslationKey } from '../../../../../core/i18n/sv';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { CaseStore } from '../../case.store';
import type { recordSection } from './record-form';
import { RecordHistory } from './record-history';
import { RecordRemovalForm } from './record-removal-form';
import { RECORD_ACTION, mayRecord, newRecordId, recordWhat } from './records';

type ListedRecord = TryggaHemNotificationDto | ControlMeasureDto | IncidentDto;

/** A record's own actions: its control's id part, action, screen-reader name and text. */
interface RecordChange {
  verb: 'correct' | 'remove';
  action: TryggaHemAction;
  label: TranslationKey;
  text: TranslationKey;
}

const RECORD_CHANGES: readonly RecordChange[] = [
  {
    verb: 'correct',
    action: TryggaHemAction.CorrectRecord,
    label: 'thr.correctLabel',
    text: 'thr.correct',
  },
  {
    verb: 'remove',
    action: TryggaHemAction.RemoveRecord,
    label: 'thr.removeLabel',
    text: 'thr.remove',
  },
];
type RecordSectionState = ReturnType<typeof recordSection>;

/**
 * One record of a section's list, on its `<li>`: what the section says of it (projected),
 * then — for the recording organisation — correct and remove, its history (D21), the section's
 * correction form (projected, while correcting) and the removal form (while removing).
 */
@Component({
  // On the <li> itself (no wrapper element), so the rendered DOM stays as the forms' own.
  // eslint-disable-next-line @angular-eslint/component-selector
  selector: 'li[appThrRecordItem]',
  imports: [MatButtonModule, TranslatePipe, RecordHistory, RecordRemovalForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[id]': "prefix() + '-item-' + record().id",
    tabindex: '-1',
  },
  template: `
    <ng-content />
    @if (changes().length && !open()) {
      <span class="thr-item-actions no-print">
        @for (c of changes(); track c.action) {
          <button
            mat-button
            type="button"
            [id]="prefix() + '-' + c.verb + '-' + record().id"
            [attr.data-action]="c.action"
            [attr.data-action-id]="record().id"
            [attr.aria-label]="c.label | t: { what: what() }"
            (click)="started.emit(); start(c.verb)"
          >
            {{ c.text | t }}
          </button>
        }
      </span>
    }
    <app-thr-record-history [kind]="kind()" [record]="record()" />
    <ng-content
      select="app-thr-notification-form, app-thr-control-measure-form, app-thr-incident-form"
    />
    @if (section().removing() === record().id) {
      <app-thr-record-removal-form
        [kind]="kind()"
        [record]="record()"
        [what]="what()"
        (saved)="removed.emit($event)"
        (cancelled)="section().cancelled(record().id, 'remove')"
        (reload)="reload.emit()"
      />
    }
  `,
})
export class RecordItem {
  /** The section's id prefix, e.g. `thr-n`. */
  readonly prefix = input.required<string>();
  readonly kind = input.required<TryggaHemRecordKind>();
  readonly record = input.required<ListedRecord>();
  /** How the record is named to screen readers ("the notification of 3 May"). */
  readonly what = input.required<string>();
  readonly section = input.required<RecordSectionState>();
  /** Correct or remove was chosen (before its form opens). */
  readonly started = output<void>();
  readonly removed = output<TryggaHemCaseDto>();
  readonly reload = output<void>();

  /** Correct and remove, each only when the API allows it on this record (issue 15). */
  protected readonly changes = computed(() =>
    RECORD_CHANGES.filter((c) => this.record().allowedActions.includes(c.action)),
  );

  protected start(verb: RecordChange['verb']): void {
    if (verb === 'correct') this.section().startCorrect(this.record().id);
    else this.section().startRemove(this.record().id);
  }

  /** Its correction or removal form is open. */
  protected readonly open = computed(() => {
    const id = this.record().id;
    return this.section().editing() === id || this.section().removing() === id;
  });
}

/**
 * What every record section's class shares: the case it belongs to, whether the caller may
 * record, how a record is named, and where focus goes once the case was written.
 */
@Directive()
export abstract class RecordsSection<R extends ListedRecord> {
  protected readonly store = inject(CaseStore);
  protected readonly i18n = inject(I18nService);

  readonly profile = input.required<TryggaHemCaseDto>();
  /** The case as the API answered a write. */
  readonly updated = output<TryggaHemCaseDto>();
  /** After a version conflict: load the case again. */
  readonly reload = output<void>();

  protected abstract readonly kind: TryggaHemRecordKind;
  protected abstract readonly section: RecordSectionState;
  /** The API allows recording this section's kind on the case. */
  protected readonly canRecord = computed(() => mayRecord(this.profile(), this.kind));
  /** The action the section's add button offers (`data-action`). */
  protected readonly addAction = computed(() => RECORD_ACTION[this.kind]);

  /** The section's records in a case. */
  protected abstract records(profile: TryggaHemCaseDto): readonly R[] | null;

  protected what(record: R): string {
    const locale = this.i18n.locale();
    return recordWhat(this.kind, record, {
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
    this.section.saved(before ? newRecordId(before, this.records(profile)) : id);
  }
}
