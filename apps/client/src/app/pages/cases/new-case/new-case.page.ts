import { LiveAnnouncer } from '@angular/cdk/a11y';
import type { StepperSelectionEvent } from '@angular/cdk/stepper';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { type MatStepper, MatStepperModule } from '@angular/material/stepper';
import { Router, RouterLink } from '@angular/router';
import {
  type InformationCategory,
  type OrganisationDto,
  type ParticipantRole,
  type ProgrammeDto,
  formatPersonalNumber,
  parsePersonalNumber,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { CasesApi } from '../../../core/api/cases-api.service';
import { errorMessageKey } from '../../../core/api/problem';
import { APP_PATHS } from '../../../core/app-paths';
import { AuthService } from '../../../core/auth/auth.service';
import { FieldErrorPipe } from '../../../core/forms/field-error.pipe';
import { focusFirstInvalid } from '../../../core/forms/focus-invalid';
import { applyServerErrors } from '../../../core/forms/server-errors';
import { isoDay } from '../../../core/i18n/format';
import { LabelPipe, LanguageNamePipe, WhenPipe } from '../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../core/i18n/i18n.service';
import type { TranslationKey } from '../../../core/i18n/sv';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ReferenceData } from '../../../core/reference/reference-data';
import { ConsentFields } from '../shared/consent-fields';
import { PersonFields } from '../shared/person-fields';
import { birthDateOf, isMinor } from '../shared/person-form';
import {
  type NewCaseFormValue,
  WIZARD_STEPS,
  createNewCaseForm,
  createParticipantForm,
  stepOfPath,
  toCreateCaseDto,
  wizardPath,
} from './new-case-form';

/**
 * The open-case wizard: programme → participants → consent (optional) → review. The case, its
 * participants and the consent are created in one request; field errors go back to their step.
 */
@Component({
  selector: 'app-new-case-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    MatStepperModule,
    PersonFields,
    ConsentFields,
    TranslatePipe,
    LabelPipe,
    LanguageNamePipe,
    WhenPipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './new-case.page.html',
  styleUrl: './new-case.page.scss',
})
export class NewCasePage {
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly api = inject(CasesApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly reference = inject(ReferenceData);

  private readonly stepper = viewChild.required<MatStepper>('stepper');
  private focusRequest = 0;

  protected readonly paths = APP_PATHS;
  protected readonly form = createNewCaseForm(this.fb);
  protected readonly loadError = signal<TranslationKey | null>(null);
  protected readonly submitError = signal<TranslationKey | null>(null);
  protected readonly pending = signal(false);
  protected readonly programmeCode = signal('');
  protected readonly programme = computed<ProgrammeDto | null>(() =>
    this.reference.programme(this.programmeCode()),
  );
  /** Consent goes to other organisations: the caller's own is not a recipient. */
  protected readonly recipients = computed<OrganisationDto[]>(() => {
    const own = this.auth.me()?.organisation.id;
    return (this.reference.organisations() ?? []).filter((o) => o.id !== own);
  });
  protected readonly categories = computed<InformationCategory[]>(
    () => this.programme()?.categories ?? [],
  );
  /** Bumped when participants change, so names in the consent and review steps follow. */
  protected readonly revision = signal(0);

  constructor() {
    void Promise.all([this.reference.loadProgrammes(), this.reference.loadOrganisations()]).then(
      ([programmes]) => {
        if (programmes.length === 1) this.chooseProgramme(programmes[0].code);
      },
      (error: unknown) => this.loadError.set(errorMessageKey(error)),
    );
    this.form.controls.consent.controls.enabled.valueChanges.subscribe((enabled) => {
      const fields = this.form.controls.consent.controls.fields;
      if (enabled) fields.enable();
      else fields.disable();
    });
    this.form.controls.participants.valueChanges.subscribe(() =>
      this.revision.update((n) => n + 1),
    );
  }

  protected get participants() {
    return this.form.controls.participants;
  }

  protected chooseProgramme(code: string): void {
    this.form.controls.setup.controls.programme.setValue(code);
    this.programmeCode.set(code);
    const programme = this.reference.programme(code);
    if (!programme) return;
    this.form.controls.setup.controls.teamRole.setValue(programme.defaultTeamRole);
    this.participants.controls.forEach((participant, index) => {
      const role = participant.controls.role;
      if (index === 0) role.setValue(programme.subjectRole);
      else if (role.value && !programme.participantRoles.includes(role.value)) role.setValue('');
    });
    const categories = this.form.controls.consent.controls.fields.controls.categories;
    categories.setValue(
      categories.value.filter((c) => programme.categories.includes(c as InformationCategory)),
    );
  }

  /** Roles for participants after the subject: the programme's roles except the subject's. */
  protected otherRoles(): ParticipantRole[] {
    const programme = this.programme();
    return programme ? programme.participantRoles.filter((r) => r !== programme.subjectRole) : [];
  }

  protected addParticipant(): void {
    this.participants.push(createParticipantForm(this.fb, ''));
    const index = this.participants.length - 1;
    afterNextRender(() => this.focus(`#participant-${index}-heading`), { injector: this.injector });
  }

  protected removeParticipant(index: number): void {
    if (index === 0) return;
    this.participants.removeAt(index);
    const consent = this.form.controls.consent.controls.participantIndex;
    if (consent.value === index) consent.setValue(0);
    else if (consent.value > index) consent.setValue(consent.value - 1);
    void this.announcer.announce(this.i18n.t('wizard.participantRemoved'), 'polite');
    afterNextRender(() => this.focus('#participants-heading'), { injector: this.injector });
  }

  /** "Next": an invalid step shows its errors and keeps focus there instead of moving on. */
  protected next(step: 'setup' | 'participants' | 'consent'): void {
    const group =
      step === 'setup'
        ? this.form.controls.setup
        : step === 'participants'
          ? this.participants
          : this.form.controls.consent;
    if (group.invalid) {
      group.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.stepContent(step)), { injector: this.injector });
      return;
    }
    this.stepper().next();
  }

  protected onStepChange(event: StepperSelectionEvent): void {
    const step = WIZARD_STEPS[event.selectedIndex];
    this.focusInStep(() => this.focus(`#step-${step}-heading`));
  }

  /**
   * Focus inside a step once the stepper shows it. Right after a step change its content cannot
   * take focus yet (the stepper moves focus to the step's header meanwhile), so this tries again
   * for a short while; a newer request replaces an older one.
   */
  private focusInStep(focus: () => boolean): void {
    const request = ++this.focusRequest;
    let tries = 0;
    const attempt = () => {
      if (request !== this.focusRequest || focus() || ++tries >= 20) return;
      setTimeout(attempt, 25);
    };
    afterNextRender(attempt, { injector: this.injector });
  }

  protected personName(index: number): string {
    this.revision();
    const person = this.participants.at(index)?.controls.person.getRawValue();
    const name = person ? `${person.firstName} ${person.lastName}`.trim() : '';
    return name || this.i18n.t('wizard.participantN', { n: index + 1 });
  }

  protected consentMinor(): boolean {
    this.revision();
    const index = this.form.controls.consent.controls.participantIndex.value;
    const person = this.participants.at(index)?.controls.person.getRawValue();
    return person ? isMinor(birthDateOf(person), isoDay()) : false;
  }

  protected formattedNumber(value: string): string {
    const parsed = parsePersonalNumber(value.trim());
    return parsed ? formatPersonalNumber(parsed.normalised) : value;
  }

  protected organisationName(id: string): string {
    return this.reference.organisations()?.find((o) => o.id === id)?.name ?? id;
  }

  protected review(): NewCaseFormValue {
    this.revision();
    return this.form.getRawValue();
  }

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    this.submitError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.goToFirstInvalidStep();
      return;
    }
    this.pending.set(true);
    try {
      const created = await firstValueFrom(
        this.api.create(toCreateCaseDto(this.form.getRawValue())),
      );
      void this.announcer.announce(
        this.i18n.t('wizard.created', { number: created.number }),
        'polite',
      );
      await this.router.navigate(['/', APP_PATHS.cases, created.id]);
    } catch (error: unknown) {
      const invalid = applyServerErrors(this.form, error, wizardPath);
      this.submitError.set(errorMessageKey(error));
      if (invalid.length) this.goToFirstInvalidStep();
      else afterNextRender(() => this.focus('#submit-error'), { injector: this.injector });
    } finally {
      this.pending.set(false);
    }
  }

  private goToFirstInvalidStep(): void {
    const steps: [string, { invalid: boolean }][] = [
      ['setup', this.form.controls.setup],
      ['participants', this.participants],
      ['consent', this.form.controls.consent],
    ];
    const first = steps.find(([, group]) => group.invalid)?.[0];
    if (!first) return;
    const index = stepOfPath(first);
    const stepper = this.stepper();
    // Going back is always allowed in a linear stepper; the step's errors are already shown.
    stepper.selectedIndex = index;
    this.focusInStep(() => focusFirstInvalid(this.stepContent(first)));
  }

  private stepContent(step: string): HTMLElement | null {
    return this.host.nativeElement.querySelector<HTMLElement>(`#step-${step}`);
  }

  private focus(selector: string): boolean {
    const target = this.host.nativeElement.querySelector<HTMLElement>(selector);
    target?.focus();
    return !!target && target.ownerDocument.activeElement === target;
  }
}
