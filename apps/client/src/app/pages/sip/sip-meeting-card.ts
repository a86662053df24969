import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import {
  type AttendedUnitInputDto,
  type SipAction,
  type SipInvitationDto,
  SipInvitationState,
  type SipMeetingDto,
  SipMeetingState,
  type UpdateSipMeetingDto,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { errorMessageKey } from '../../core/api/problem';
import { SIP_PATHS, SipApi } from '../../core/api/sip-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { applyServerErrors } from '../../core/forms/server-errors';
import { focusFirstInvalid } from '../../core/forms/focus-invalid';
import { required } from '../../core/forms/validators';
import { LabelPipe, WhenPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { MeetingAttendance } from '../../core/ui/meeting-attendance';
import { SipFieldErrorPipe, localDateTime, splitDateTime } from './sip-field-error.pipe';

/** The badge tone of an invitation's state: accepted green, declined red, waiting amber. */
export function invitationTone(state: SipInvitationState): string {
  switch (state) {
    case SipInvitationState.Accepted:
      return 'badge-positive';
    case SipInvitationState.Declined:
      return 'badge-danger';
    case SipInvitationState.Cancelled:
      return 'badge-muted';
    default:
      return 'badge-warning';
  }
}

/**
 * One SIP meeting: time, place, who was invited and how each answered (accepted, declined with
 * reason, proposed another time), the calendar file, and — for the caller — move and cancel.
 */
@Component({
  selector: 'app-sip-meeting-card',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    SipFieldErrorPipe,
    MeetingAttendance,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sip-meeting-card.html',
})
export class SipMeetingCard {
  readonly meeting = input.required<SipMeetingDto>();
  /** Only what the API's `allowedActions` holds is offered (the server enforces the same rule). */
  protected allows(action: `${SipAction}`): boolean {
    return this.meeting().allowedActions.includes(action as SipAction);
  }
  /** Show a link to the meeting's own page. */
  readonly linkToPage = input(true);
  /**
   * The level of the card's heading: 3 under the SIP tab's h2, 2 directly under the meeting
   * page's h1 (its forms' headings one below). The tags stay; `aria-level` says the level.
   */
  readonly headingLevel = input(3);

  /** `aria-level` for a heading written as h`tagLevel` in the card's template (null: as tagged). */
  protected level(tagLevel: 3 | 4): number | null {
    const level = this.headingLevel() + (tagLevel - 3);
    return level === tagLevel ? null : level;
  }
  readonly changed = output<SipMeetingDto>();

  private readonly api = inject(SipApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly paths = APP_PATHS;
  protected readonly tone = invitationTone;
  protected readonly calendarUrl = SIP_PATHS.calendar;
  protected readonly letterUrl = SIP_PATHS.letter;
  protected readonly invitationLetterUrl = SIP_PATHS.invitationLetter;
  protected readonly cancelled = SipMeetingState.Cancelled;
  protected readonly mode = signal<'view' | 'move' | 'cancel'>('view');
  protected readonly pending = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);

  protected readonly moveForm = this.fb.group({
    date: ['', required],
    startTime: ['', required],
    endTime: [''],
    place: ['', Validators.maxLength(300)],
    videoLink: ['', [Validators.maxLength(500), Validators.pattern(/^https:\/\/\S+$/)]],
  });
  protected readonly cancelForm = this.fb.group({
    reason: ['', [required, Validators.maxLength(500)]],
  });

  protected invitee(inv: SipInvitationDto): string {
    if (inv.unit && inv.organisation) return `${inv.unit.name}, ${inv.organisation.name}`;
    return inv.unit?.name ?? inv.externalActor ?? '';
  }

  /** Records who took part (issue 17 §2); the card then shows the meeting as answered. */
  protected readonly saveAttendance = async (units: AttendedUnitInputDto[]): Promise<void> => {
    const m = this.meeting();
    this.changed.emit(
      await firstValueFrom(this.api.recordAttendance(m.id, { version: m.version, units })),
    );
  };

  protected open(mode: 'move' | 'cancel'): void {
    const m = this.meeting();
    this.error.set(null);
    if (mode === 'move') {
      const start = splitDateTime(m.startsAt);
      this.moveForm.reset({
        date: start.date,
        startTime: start.time,
        endTime: splitDateTime(m.endsAt).time,
        place: m.place ?? '',
        videoLink: m.videoLink ?? '',
      });
    } else this.cancelForm.reset();
    this.mode.set(mode);
    afterNextRender(() => this.focus(`#sip-${mode}-${m.id}-title`), { injector: this.injector });
  }

  protected close(): void {
    this.mode.set('view');
    afterNextRender(() => this.focus(`#sip-meeting-${this.meeting().id}`), {
      injector: this.injector,
    });
  }

  protected async move(): Promise<void> {
    const form = this.moveForm;
    if (form.invalid) {
      form.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.host.nativeElement), {
        injector: this.injector,
      });
      return;
    }
    const v = form.getRawValue();
    const dto: UpdateSipMeetingDto = {
      version: this.meeting().version,
      startsAt: localDateTime(v.date, v.startTime) ?? v.date,
    };
    const end = v.endTime ? localDateTime(v.date, v.endTime) : null;
    if (end) dto.endsAt = end;
    if (v.place.trim()) dto.place = v.place.trim();
    if (v.videoLink.trim()) dto.videoLink = v.videoLink.trim();
    await this.write(
      () => this.api.moveMeeting(this.meeting().id, dto),
      'sip.meeting.moved',
      (path) => (path === 'startsAt' ? 'date' : path === 'endsAt' ? 'endTime' : path),
    );
  }

  protected async cancelMeeting(): Promise<void> {
    if (this.cancelForm.invalid) {
      this.cancelForm.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.host.nativeElement), {
        injector: this.injector,
      });
      return;
    }
    const reason = this.cancelForm.getRawValue().reason.trim();
    await this.write(
      () => this.api.cancelMeeting(this.meeting().id, { version: this.meeting().version, reason }),
      'sip.meeting.cancelledDone',
      (path) => (path === 'reason' ? 'reason' : null),
    );
  }

  private async write(
    call: () => ReturnType<SipApi['meeting']>,
    done: TranslationKey,
    mapPath: (path: string) => string | null,
  ): Promise<void> {
    if (this.pending()) return;
    this.pending.set(true);
    this.error.set(null);
    try {
      const meeting = await firstValueFrom(call());
      void this.announcer.announce(this.i18n.t(done), 'polite');
      this.mode.set('view');
      this.changed.emit(meeting);
    } catch (error: unknown) {
      this.error.set(errorMessageKey(error));
      const form = this.mode() === 'move' ? this.moveForm : this.cancelForm;
      const invalid = applyServerErrors(form, error, mapPath);
      afterNextRender(
        () =>
          (invalid.length && focusFirstInvalid(this.host.nativeElement)) ||
          this.focus(`#sip-meeting-error-${this.meeting().id}`),
        { injector: this.injector },
      );
    } finally {
      this.pending.set(false);
    }
  }

  private focus(selector: string): boolean {
    const el = this.host.nativeElement.querySelector<HTMLElement>(selector);
    el?.focus();
    return !!el;
  }
}
