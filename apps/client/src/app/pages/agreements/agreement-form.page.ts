import { LiveAnnouncer } from '@angular/cdk/a11y';
import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import {
  type FormArray,
  type FormControl,
  type FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  type AgreementDto,
  AgreementKind,
  type CreateAgreementDto,
  ErrorCode,
  type OrganisationDto,
} from '@samsyn/common';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { firstValueFrom } from 'rxjs';
import { AgreementsApi } from '../../core/api/agreements-api.service';
import { errorMessageKey, problemOf } from '../../core/api/problem';
import { APP_PATHS } from '../../core/app-paths';
import { AuthService } from '../../core/auth/auth.service';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { focusFirstInvalid } from '../../core/forms/focus-invalid';
import { applyServerErrors } from '../../core/forms/server-errors';
import { chooseAtLeastOne, dateOrder, required } from '../../core/forms/validators';
import { LabelPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ReferenceData } from '../../core/reference/reference-data';
import { agreementKindKey } from './agreement-labels';

type FollowUpGroup = FormGroup<{
  id: FormControl<string>;
  label: FormControl<string>;
  dueOn: FormControl<string>;
}>;

const DAYS = [Validators.min(0), Validators.max(90), Validators.pattern(/^\d+$/)];

/**
 * Records or changes an agreement (D25) with its parties, follow-up dates and SIP deadlines
 * (D10). The API's field errors land on the fields; a concurrent change (409) says so and offers
 * to reload.
 */
@Component({
  selector: 'app-agreement-form-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    LabelPipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agreement-form.page.html',
  styleUrl: './agreements.scss',
})
export class AgreementFormPage {
  private readonly api = inject(AgreementsApi);
  protected readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  protected readonly reference = inject(ReferenceData);

  protected readonly paths = APP_PATHS;
  protected readonly kinds = Object.values(AgreementKind);
  protected readonly kindKey = agreementKindKey;
  /** Set when editing. */
  protected readonly existing = signal<AgreementDto | null>(null);
  protected readonly id = inject(ActivatedRoute).snapshot.paramMap.get('id');
  protected readonly loadError = signal<TranslationKey | null>(null);
  protected readonly submitError = signal<TranslationKey | null>(null);
  protected readonly conflict = signal(false);
  protected readonly pending = signal(false);
  /** The programmes offered, once each has its control in `form.controls.programmes`. */
  protected readonly programmeCodes = signal<string[]>([]);
  protected readonly ownerId = computed(() => this.auth.me()?.organisation.id ?? '');
  /** Every organisation but the owner, which is always a party. */
  protected readonly others = computed<OrganisationDto[]>(() =>
    [...(this.reference.organisations() ?? [])]
      .filter((o) => o.id !== this.ownerId())
      .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
  );

  protected readonly form = this.fb.group(
    {
      title: ['', [required, Validators.maxLength(300)]],
      kind: [AgreementKind.Cooperation as AgreementKind, required],
      validFrom: ['', required],
      validUntil: ['', required],
      /** Valid until further notice ("gäller tills vidare"): no last day, validUntil disabled. */
      untilFurtherNotice: [false],
      partyOrganisationIds: this.fb.group<Record<string, FormControl<boolean>>>(
        {},
        {
          validators: chooseAtLeastOne,
        },
      ),
      followUps: this.fb.array<FollowUpGroup>([]),
      /** The programmes the agreement covers (issue 17): its figures on the statistics page. */
      programmes: this.fb.group<Record<string, FormControl<boolean>>>({}),
      summonsDaysAfterDischargeReady: ['', DAYS],
      firstMeetingDaysAfterRequest: ['', DAYS],
      notes: ['', Validators.maxLength(4000)],
    },
    { validators: dateOrder('validFrom', 'validUntil') },
  );

  protected get followUps(): FormArray<FollowUpGroup> {
    return this.form.controls.followUps;
  }

  constructor() {
    // Valid until further notice: there is no last day to give (nor to check against the first).
    this.form.controls.untilFurtherNotice.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((open) => {
        const until = this.form.controls.validUntil;
        if (open) until.disable();
        else until.enable();
      });
    void this.init();
  }

  private async init(): Promise<void> {
    try {
      // Each control right after its list arrives: the template renders a list's checkboxes
      // (from the shared reference signals) as soon as it is there.
      const organisations = await this.reference.loadOrganisations();
      for (const org of organisations)
        if (org.id !== this.ownerId())
          this.form.controls.partyOrganisationIds.addControl(org.id, this.fb.control(false));
      const programmes = await this.reference.loadProgrammes();
      for (const p of programmes)
        this.form.controls.programmes.addControl(p.code, this.fb.control(false));
      this.programmeCodes.set(programmes.map((p) => p.code));
      if (this.id) {
        const agreement = await firstValueFrom(this.api.get(this.id));
        this.existing.set(agreement);
        this.fill(agreement);
      }
    } catch (error: unknown) {
      this.loadError.set(errorMessageKey(error));
    }
  }

  private fill(a: AgreementDto): void {
    this.followUps.clear();
    for (const f of a.followUps) this.followUps.push(this.followUpGroup(f.id, f.label, f.dueOn));
    const parties = Object.fromEntries(
      Object.keys(this.form.controls.partyOrganisationIds.controls).map((id) => [
        id,
        a.parties.some((p) => p.id === id),
      ]),
    );
    this.form.patchValue({
      title: a.title,
      kind: a.kind,
      validFrom: a.validFrom,
      validUntil: a.validUntil ?? '',
      untilFurtherNotice: a.validUntil === null,
      partyOrganisationIds: parties,
      programmes: Object.fromEntries(
        Object.keys(this.form.controls.programmes.controls).map((code) => [
          code,
          a.programmes.includes(code),
        ]),
      ),
      summonsDaysAfterDischargeReady: a.summonsDaysAfterDischargeReady?.toString() ?? '',
      firstMeetingDaysAfterRequest: a.firstMeetingDaysAfterRequest?.toString() ?? '',
      notes: a.notes ?? '',
    });
  }

  private followUpGroup(id = '', label = '', dueOn = ''): FollowUpGroup {
    return this.fb.group({
      id: [id],
      label: [label, [required, Validators.maxLength(200)]],
      dueOn: [dueOn, required],
    });
  }

  protected addFollowUp(): void {
    this.followUps.push(this.followUpGroup());
    const index = this.followUps.length - 1;
    afterNextRender(
      () =>
        this.host.nativeElement.querySelector<HTMLElement>(`#follow-up-label-${index}`)?.focus(),
      { injector: this.injector },
    );
  }

  protected removeFollowUp(index: number): void {
    this.followUps.removeAt(index);
    void this.announcer.announce(this.i18n.t('agreements.followUpRemoved'), 'polite');
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLElement>('#add-follow-up')?.focus(),
      {
        injector: this.injector,
      },
    );
  }

  protected async reload(): Promise<void> {
    if (!this.id) return;
    this.conflict.set(false);
    this.submitError.set(null);
    const agreement = await firstValueFrom(this.api.get(this.id));
    this.existing.set(agreement);
    this.fill(agreement);
    void this.announcer.announce(this.i18n.t('agreements.reloaded'), 'polite');
  }

  protected async save(): Promise<void> {
    if (this.pending()) return;
    this.submitError.set(null);
    this.conflict.set(false);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.host.nativeElement), {
        injector: this.injector,
      });
      return;
    }
    const dto = this.toDto();
    this.pending.set(true);
    try {
      const existing = this.existing();
      const saved = existing
        ? await firstValueFrom(
            this.api.update(existing.id, { ...dto, expectedVersion: existing.version }),
          )
        : await firstValueFrom(this.api.create(dto));
      await this.router.navigate(['/', APP_PATHS.agreements, saved.id]);
    } catch (error: unknown) {
      const status = error instanceof HttpErrorResponse ? error.status : 0;
      if (status === 409 && problemOf(error)?.code === ErrorCode.VersionConflict) {
        this.conflict.set(true);
        afterNextRender(() => this.focusSelector('#conflict'), { injector: this.injector });
        return;
      }
      const invalid = applyServerErrors(this.form, error);
      this.submitError.set(errorMessageKey(error));
      afterNextRender(
        () => {
          if (!invalid.length || !focusFirstInvalid(this.host.nativeElement))
            this.focusSelector('#submit-error');
        },
        { injector: this.injector },
      );
    } finally {
      this.pending.set(false);
    }
  }

  private toDto(): CreateAgreementDto {
    const v = this.form.getRawValue();
    // A number input gives a number, or null when empty; a form filled from an agreement, a string.
    const days = (value: string | number | null) =>
      value === null || `${value}`.trim() === '' ? null : Number(value);
    return {
      title: v.title.trim(),
      kind: v.kind,
      validFrom: v.validFrom,
      validUntil: v.untilFurtherNotice ? null : v.validUntil,
      partyOrganisationIds: [
        this.ownerId(),
        ...Object.entries(v.partyOrganisationIds)
          .filter(([, chosen]) => chosen)
          .map(([id]) => id),
      ],
      followUps: v.followUps.map((f) => ({
        ...(f.id ? { id: f.id } : {}),
        label: f.label.trim(),
        dueOn: f.dueOn,
      })),
      programmes: Object.entries(v.programmes)
        .filter(([, chosen]) => chosen)
        .map(([code]) => code),
      summonsDaysAfterDischargeReady: days(v.summonsDaysAfterDischargeReady),
      firstMeetingDaysAfterRequest: days(v.firstMeetingDaysAfterRequest),
      notes: v.notes.trim() || null,
    };
  }

  private focusSelector(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
