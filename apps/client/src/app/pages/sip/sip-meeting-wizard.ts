import type { StepperSelectionEvent } from '@angular/cdk/stepper';
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
  output,
  signal,
  viewChild,
} from '@angular/core';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type MatStepper, MatStepperModule } from '@angular/material/stepper';
import {
  type CallSipMeetingDto,
  OrganisationType,
  type SipInviteeDto,
  type SipMeetingDto,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { errorMessageKey, problemOf } from '../../core/api/problem';
import { SipApi } from '../../core/api/sip-api.service';
import { AuthService } from '../../core/auth/auth.service';
import { focusFirstInvalid } from '../../core/forms/focus-invalid';
import { applyServerErrors } from '../../core/forms/server-errors';
import { required } from '../../core/forms/validators';
import { isoDay } from '../../core/i18n/format';
import { WhenPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ReferenceData } from '../../core/reference/reference-data';
import { CheckboxGroup, type CheckboxOption } from '../../core/ui/checkbox-group';
import { SipFieldErrorPipe, localDateTime } from './sip-field-error.pipe';

const STEPS = ['when', 'who', 'person', 'review'] as const;
type Step = (typeof STEPS)[number];

/** The huvudman a kallelse goes to: the other one of region and municipality (D7). */
export function otherPrincipalType(own: OrganisationType | undefined): OrganisationType | null {
  if (own === OrganisationType.Region) return OrganisationType.Municipality;
  if (own === OrganisationType.Municipality) return OrganisationType.Region;
  return null;
}

/** Which step an API field error belongs to. */
export function stepOfField(field: string): Step {
  if (field.startsWith('invitees')) return 'who';
  if (['personParticipates', 'relativesParticipate', 'note'].includes(field)) return 'person';
  return 'when';
}

/**
 * "Kalla till SIP-möte" (D7): when and where, who (kallelse to the other huvudman's units,
 * inbjudan to other units and free-text actors), the person's participation, then review.
 * The API's field errors are shown on the fields and the wizard returns to their step.
 */
@Component({
  selector: 'app-sip-meeting-wizard',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatStepperModule,
    CheckboxGroup,
    TranslatePipe,
    WhenPipe,
    SipFieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sip-meeting-wizard.html',
})
export class SipMeetingWizard {
  readonly caseId = input.required<string>();
  /** Called with the new meeting, or null when cancelled. */
  readonly done = output<SipMeetingDto | null>();

  private readonly api = inject(SipApi);
  private readonly auth = inject(AuthService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly reference = inject(ReferenceData);
  private readonly stepper = viewChild.required<MatStepper>('stepper');
  private focusRequest = 0;

  protected readonly today = isoDay();
  protected readonly pending = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  /** Bumped on every value change so the review step's computed texts follow the form. */
  protected readonly revision = signal(0);

  protected readonly form = this.fb.group({
    when: this.fb.group({
      date: [isoDay(new Date(), 7), required],
      startTime: ['10:00', required],
      endTime: ['11:00'],
      place: ['', Validators.maxLength(300)],
      videoLink: ['', [Validators.maxLength(500), Validators.pattern(/^https:\/\/\S+$/)]],
    }),
    who: this.fb.group({
      summons: this.fb.control<string[]>([]),
      invitations: this.fb.control<string[]>([]),
      actors: this.fb.array<AbstractControl<string>>([]),
    }),
    person: this.fb.group({
      personParticipates: [true],
      relativesParticipate: [false],
      note: ['', Validators.maxLength(1000)],
    }),
  });

  private readonly otherType = computed(() =>
    otherPrincipalType(this.auth.me()?.organisation.type),
  );
  private readonly others = computed(() =>
    (this.reference.organisations() ?? []).filter(
      (o) => o.id !== this.auth.me()?.organisation.id && o.units.length > 0,
    ),
  );
  private unitOptions(kallelse: boolean): CheckboxOption[] {
    return this.others()
      .filter((o) => (o.type === this.otherType()) === kallelse)
      .flatMap((o) => o.units.map((u) => ({ value: u.id, label: u.name, detail: o.name })));
  }
  protected readonly summonsOptions = computed(() => this.unitOptions(true));
  protected readonly invitationOptions = computed(() => this.unitOptions(false));

  protected readonly invitedNames = computed(() => {
    this.revision();
    const chosen = new Set([
      ...this.form.controls.who.controls.summons.value,
      ...this.form.controls.who.controls.invitations.value,
    ]);
    return [...this.summonsOptions(), ...this.invitationOptions()]
      .filter((o) => chosen.has(o.value))
      .map((o) => `${o.label} (${o.detail})`)
      .concat(this.actorNames());
  });
  protected readonly startsAt = computed(() => {
    this.revision();
    const when = this.form.controls.when.getRawValue();
    return localDateTime(when.date, when.startTime);
  });

  constructor() {
    void this.reference.loadOrganisations().catch(() => undefined);
    this.form.valueChanges.subscribe(() => this.revision.update((n) => n + 1));
    afterNextRender(() => this.focus('#sip-wizard-title'), { injector: this.injector });
  }

  protected get actors() {
    return this.form.controls.who.controls.actors;
  }

  private actorNames(): string[] {
    return this.actors
      .getRawValue()
      .map((a) => a.trim())
      .filter((a) => a !== '');
  }

  protected addActor(): void {
    this.actors.push(this.fb.control('', [required, Validators.maxLength(200)]));
    const index = this.actors.length - 1;
    afterNextRender(() => this.focus(`#sip-actor-${index}`), { injector: this.injector });
  }

  protected removeActor(index: number): void {
    this.actors.removeAt(index);
    afterNextRender(() => this.focus('#sip-add-actor'), { injector: this.injector });
  }

  /** "Next": an invalid step shows its errors and keeps focus there. */
  protected next(step: Step): void {
    const group =
      step === 'when'
        ? this.form.controls.when
        : step === 'who'
          ? this.form.controls.who
          : this.form.controls.person;
    const when = this.form.controls.when.controls;
    if (step === 'when' && !when.place.value.trim() && !when.videoLink.value.trim()) {
      when.place.setErrors({ ...(when.place.errors ?? {}), placeOrVideo: true });
    }
    if (step === 'who' && !this.invitedNames().length) {
      const summons = this.form.controls.who.controls.summons;
      summons.setErrors({ chooseAtLeastOne: true });
      summons.markAsTouched();
    }
    if (group.invalid) {
      group.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.stepContent(step)), {
        injector: this.injector,
      });
      return;
    }
    this.stepper().next();
  }

  protected onStepChange(event: StepperSelectionEvent): void {
    const step = STEPS[event.selectedIndex];
    this.focusInStep(() => this.focus(`#sip-step-${step}-heading`));
  }

  protected cancel(): void {
    this.done.emit(null);
  }

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    this.error.set(null);
    const v = this.form.getRawValue();
    const startsAt = localDateTime(v.when.date, v.when.startTime);
    const endsAt = v.when.endTime ? localDateTime(v.when.date, v.when.endTime) : null;
    const invitees: SipInviteeDto[] = [
      ...[...v.who.summons, ...v.who.invitations].map((unitId) => ({ unitId })),
      ...this.actorNames().map((externalActor) => ({ externalActor })),
    ];
    const dto: CallSipMeetingDto = {
      startsAt: startsAt ?? v.when.date,
      personParticipates: v.person.personParticipates,
      relativesParticipate: v.person.relativesParticipate,
      invitees,
    };
    if (endsAt) dto.endsAt = endsAt;
    if (v.when.place.trim()) dto.place = v.when.place.trim();
    if (v.when.videoLink.trim()) dto.videoLink = v.when.videoLink.trim();
    if (v.person.note.trim()) dto.note = v.person.note.trim();
    this.pending.set(true);
    try {
      const meeting = await firstValueFrom(this.api.callMeeting(this.caseId(), dto));
      void this.announcer.announce(this.i18n.t('sip.wizard.called'), 'polite');
      this.done.emit(meeting);
    } catch (error: unknown) {
      this.error.set(errorMessageKey(error));
      const firstField = problemOf(error)?.errors?.[0]?.field;
      const invalid = applyServerErrors(this.form, error, (path) => {
        if (path === 'startsAt') return 'when.date';
        if (path === 'endsAt') return 'when.endTime';
        if (path === 'place' || path === 'videoLink') return `when.${path}`;
        if (path.startsWith('invitees')) return 'who.summons';
        if (['personParticipates', 'relativesParticipate', 'note'].includes(path))
          return `person.${path}`;
        return null;
      });
      if (firstField && invalid.length) {
        const step = stepOfField(firstField);
        this.stepper().selectedIndex = STEPS.indexOf(step);
        this.focusInStep(() => focusFirstInvalid(this.stepContent(step)));
      } else {
        afterNextRender(() => this.focus('#sip-wizard-error'), { injector: this.injector });
      }
    } finally {
      this.pending.set(false);
    }
  }

  private stepContent(step: Step): HTMLElement | null {
    return this.host.nativeElement.querySelector<HTMLElement>(`#sip-step-${step}`);
  }

  private focusInStep(focus: () => boolean): void {
    const request = ++this.focusRequest;
    let tries = 0;
    const attempt = () => {
      if (request !== this.focusRequest || focus() || ++tries >= 20) return;
      setTimeout(attempt, 25);
    };
    afterNextRender(attempt, { injector: this.injector });
  }

  private focus(selector: string): boolean {
    const el = this.host.nativeElement.querySelector<HTMLElement>(selector);
    el?.focus();
    return !!el && el.ownerDocument.activeElement === el;
  }
}
