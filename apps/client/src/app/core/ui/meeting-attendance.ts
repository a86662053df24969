import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import type {
  AttendanceCandidateDto,
  AttendedUnitInputDto,
  MeetingAttendanceDto,
} from '@samsyn/common';
import { errorMessageKey } from '../api/problem';
import { WhenPipe } from '../i18n/i18n-pipes';
import { I18nService } from '../i18n/i18n.service';
import type { TranslationKey } from '../i18n/sv';
import { TranslatePipe } from '../i18n/translate.pipe';

/** What is chosen for one candidate unit while editing. */
interface UnitChoice {
  present: boolean;
  userIds: string[];
  others: number;
}

/**
 * "Närvaro" of a cooperation meeting (issue 17 §2), on the SIP meeting and the koordinatorsgrupp
 * meeting: which units took part and their people. Editing is offered only when the API lists
 * the record action (`canRecord`), with the units and people the API gives (`candidates`);
 * anyone else present for a unit is only counted, never named.
 */
@Component({
  selector: 'app-meeting-attendance',
  imports: [MatButtonModule, MatCheckboxModule, TranslatePipe, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let a = attendance();
    <!-- Named by its title and, where a page shows several meetings, the meeting's own heading:
         landmarks must have unique names. -->
    <section
      class="attendance"
      [attr.aria-labelledby]="
        idPrefix() + '-title' + (meetingHeadingId() ? ' ' + meetingHeadingId() : '')
      "
    >
      <h3
        [id]="idPrefix() + '-title'"
        tabindex="-1"
        [attr.aria-level]="headingLevel() === 3 ? null : headingLevel()"
      >
        {{ 'attendance.title' | t }}
      </h3>
      @if (!editing()) {
        @if (a.units.length) {
          <ul class="plain-list" [attr.aria-label]="'attendance.title' | t">
            @for (u of a.units; track u.unit.id) {
              <li>
                <strong>{{ u.unit.name }}, {{ u.organisation.name }}</strong
                >{{ u.people.length ? ': ' + names(u.people) : '' }}
                @if (u.otherParticipants) {
                  <span class="muted">
                    ({{ 'attendance.othersCount' | t: { count: u.otherParticipants } }})</span
                  >
                }
              </li>
            }
          </ul>
          @if (a.recordedAt) {
            <p class="hint">
              {{
                'attendance.recordedBy'
                  | t
                    : {
                        name: a.recordedBy?.displayName ?? '',
                        when: (a.recordedAt | when: 'dateTime'),
                      }
              }}
            </p>
          }
        } @else {
          <p class="muted">{{ 'attendance.none' | t }}</p>
        }
        @if (canRecord() && a.candidates) {
          <button
            mat-stroked-button
            type="button"
            [attr.data-action]="action()"
            [attr.data-action-id]="actionId()"
            [id]="idPrefix() + '-edit'"
            (click)="edit()"
          >
            {{ 'attendance.record' | t }}
          </button>
        }
      } @else {
        <form novalidate (submit)="$event.preventDefault(); submit()">
          <p class="hint">{{ 'attendance.hint' | t }}</p>
          @for (c of candidates(); track c.unit.id) {
            @let choice = choices()[c.unit.id];
            <div class="attendance-unit" role="group" [attr.aria-label]="unitName(c)">
              <mat-checkbox
                [checked]="choice.present"
                [attr.data-unit]="c.unit.id"
                (change)="setPresent(c.unit.id, $event.checked)"
                >{{ 'attendance.unitPresent' | t: { unit: unitName(c) } }}</mat-checkbox
              >
              @if (choice.present) {
                <div class="attendance-people">
                  @if (c.people.length) {
                    <fieldset class="plain-fieldset">
                      <legend class="visually-hidden">
                        {{ 'attendance.people' | t: { unit: c.unit.name } }}
                      </legend>
                      @for (p of c.people; track p.id) {
                        <mat-checkbox
                          [checked]="choice.userIds.includes(p.id)"
                          (change)="setPerson(c.unit.id, p.id, $event.checked)"
                          >{{ p.displayName }}</mat-checkbox
                        >
                      }
                    </fieldset>
                  }
                  <label class="others" [for]="idPrefix() + '-others-' + c.unit.id">
                    {{ 'attendance.others' | t }}
                  </label>
                  <input
                    type="number"
                    inputmode="numeric"
                    min="0"
                    max="50"
                    class="others-input"
                    [id]="idPrefix() + '-others-' + c.unit.id"
                    [value]="choice.others"
                    [attr.aria-invalid]="missing().includes(c.unit.id)"
                    [attr.aria-describedby]="
                      missing().includes(c.unit.id) ? idPrefix() + '-missing-' + c.unit.id : null
                    "
                    (input)="setOthers(c.unit.id, $any($event.target).value)"
                  />
                  @if (missing().includes(c.unit.id)) {
                    <p class="field-error" [id]="idPrefix() + '-missing-' + c.unit.id">
                      {{ 'attendance.nobody' | t }}
                    </p>
                  }
                </div>
              }
            </div>
          }
          @if (error(); as e) {
            <p class="form-error" role="alert" [id]="idPrefix() + '-error'" tabindex="-1">
              {{ e | t }}
            </p>
          }
          <div class="form-actions">
            <button mat-flat-button type="submit" [disabled]="pending()">
              {{ 'attendance.save' | t }}
            </button>
            <button mat-button type="button" (click)="close()">{{ 'common.cancel' | t }}</button>
          </div>
        </form>
      }
    </section>
  `,
  styles: `
    .attendance-unit {
      margin-block: 0.5rem;
    }
    .attendance-people {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 1rem;
      margin-inline-start: 2rem;
    }
    .others-input {
      width: 5rem;
      padding: 0.25rem;
    }
  `,
})
export class MeetingAttendance {
  readonly attendance = input.required<MeetingAttendanceDto>();
  /** The API's allowed actions hold the record action (the server enforces the same rule). */
  readonly canRecord = input(false);
  /** The record control's `data-action` (the allowed action's key) and `data-action-id`. */
  readonly action = input.required<string>();
  readonly actionId = input<string | null>(null);
  /** Prefix of the section's element ids (unique on the page). */
  readonly idPrefix = input.required<string>();
  readonly headingLevel = input(3);
  /** The id of the meeting's heading when a page lists several meetings (named after it too). */
  readonly meetingHeadingId = input<string | null>(null);
  /** Sends the units present (the parent adds the meeting's version) and shows the answer. */
  readonly save = input.required<(units: AttendedUnitInputDto[]) => Promise<void>>();

  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly editing = signal(false);
  protected readonly pending = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly choices = signal<Record<string, UnitChoice>>({});
  /** Units marked present with nobody named or counted. */
  protected readonly missing = signal<string[]>([]);
  protected readonly candidates = computed<AttendanceCandidateDto[]>(
    () => this.attendance().candidates ?? [],
  );

  protected names(people: { displayName: string }[]): string {
    return people.map((p) => p.displayName).join(', ');
  }

  protected unitName(c: AttendanceCandidateDto): string {
    return `${c.unit.name}, ${c.organisation.name}`;
  }

  protected edit(): void {
    const recorded = this.attendance().units;
    this.choices.set(
      Object.fromEntries(
        this.candidates().map((c) => {
          const r = recorded.find((u) => u.unit.id === c.unit.id);
          return [
            c.unit.id,
            {
              present: !!r,
              userIds: r?.people.map((p) => p.id) ?? [],
              others: r?.otherParticipants ?? 0,
            },
          ];
        }),
      ),
    );
    this.missing.set([]);
    this.error.set(null);
    this.editing.set(true);
    afterNextRender(() => this.focus(`#${this.idPrefix()}-title`), { injector: this.injector });
  }

  protected close(): void {
    this.editing.set(false);
    afterNextRender(() => this.focus(`#${this.idPrefix()}-edit`), { injector: this.injector });
  }

  private update(unitId: string, change: (c: UnitChoice) => UnitChoice): void {
    this.choices.update((all) => ({ ...all, [unitId]: change(all[unitId]) }));
    this.missing.update((m) => m.filter((id) => id !== unitId));
  }

  protected setPresent(unitId: string, present: boolean): void {
    this.update(unitId, (c) => ({ ...c, present }));
  }

  protected setPerson(unitId: string, userId: string, present: boolean): void {
    this.update(unitId, (c) => ({
      ...c,
      userIds: present ? [...c.userIds, userId] : c.userIds.filter((id) => id !== userId),
    }));
  }

  protected setOthers(unitId: string, value: string): void {
    const n = Math.max(0, Math.min(50, Math.floor(Number(value) || 0)));
    this.update(unitId, (c) => ({ ...c, others: n }));
  }

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    const present = this.candidates()
      .map((c) => ({ id: c.unit.id, choice: this.choices()[c.unit.id] }))
      .filter((x) => x.choice.present);
    const missing = present.filter((x) => !x.choice.userIds.length && !x.choice.others);
    if (missing.length) {
      this.missing.set(missing.map((x) => x.id));
      afterNextRender(() => this.focus(`#${this.idPrefix()}-others-${missing[0].id}`), {
        injector: this.injector,
      });
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    try {
      await this.save()(
        present.map((x) => ({
          unitId: x.id,
          userIds: x.choice.userIds,
          otherParticipants: x.choice.others,
        })),
      );
      void this.announcer.announce(this.i18n.t('attendance.saved'), 'polite');
      this.close();
    } catch (error: unknown) {
      this.error.set(errorMessageKey(error));
      afterNextRender(() => this.focus(`#${this.idPrefix()}-error`), { injector: this.injector });
    } finally {
      this.pending.set(false);
    }
  }

  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
