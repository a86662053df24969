import { LiveAnnouncer } from '@angular/cdk/a11y';
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
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  type CaseDto,
  type ConsentDto,
  type CreateDisclosureDto,
  type DisclosureDto,
  type InformationCategory,
  LegalProvision,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { ConsentsApi } from '../../../../core/api/consents-api.service';
import { errorMessageKey } from '../../../../core/api/problem';
import { FieldErrorPipe } from '../../../../core/forms/field-error.pipe';
import { focusFirstInvalid } from '../../../../core/forms/focus-invalid';
import { applyServerErrors } from '../../../../core/forms/server-errors';
import { required } from '../../../../core/forms/validators';
import { isoDay } from '../../../../core/i18n/format';
import { LabelPipe, WhenPipe } from '../../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../../core/i18n/i18n.service';
import { labelKey } from '../../../../core/i18n/labels';
import type { TranslationKey } from '../../../../core/i18n/sv';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { ReferenceData } from '../../../../core/reference/reference-data';
import { CheckboxGroup, type CheckboxOption } from '../../../../core/ui/checkbox-group';
import {
  ConfirmDialog,
  type ConfirmDialogData,
  type ConfirmDialogResult,
} from '../../../../core/ui/confirm-dialog';
import { ConsentFields } from '../../shared/consent-fields';
import { consentFieldPath, createConsentFields, toConsentFields } from '../../shared/consent-form';
import { isMinor } from '../../shared/person-form';
import { CaseStore } from '../case.store';
import { canSupersede, canWithdraw, consentTone, sortConsents } from '../consent-state';
import { displayName } from '../participant-view';
import { allows, CaseAction } from '../case-actions';

/** The longest a disclosure may be visible to its recipient (CreateDisclosureDto). */
const DISCLOSURE_MAX_DAYS = 90;

/**
 * Samtycke: the consent history (never edited: a change supersedes, a withdrawal is recorded)
 * and disclosures without consent under a named provision (D14–D16).
 */
@Component({
  selector: 'app-consents-tab',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    CheckboxGroup,
    ConsentFields,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './consents-tab.html',
})
export class ConsentsTab {
  protected readonly allows = allows;
  protected readonly CaseAction = CaseAction;
  private readonly store = inject(CaseStore);
  private readonly api = inject(ConsentsApi);
  private readonly dialog = inject(MatDialog);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly reference = inject(ReferenceData);

  protected readonly caseDto = computed(() => this.store.caseDto() as CaseDto);

  protected readonly consents = signal<ConsentDto[] | null>(null);
  protected readonly disclosures = signal<DisclosureDto[] | null>(null);
  protected readonly loadError = signal<TranslationKey | null>(null);
  protected readonly tone = consentTone;

  /** Offered when the server allows it for this record and the record is not history. */
  protected mayReplace(consent: ConsentDto): boolean {
    return allows(consent, CaseAction.ConsentReplace) && canSupersede(consent);
  }

  protected mayWithdraw(consent: ConsentDto): boolean {
    return allows(consent, CaseAction.ConsentWithdraw) && canWithdraw(consent);
  }

  /** People on the case whose name the caller may see, for the "whose consent" choice. */
  protected readonly persons = computed(() =>
    this.caseDto().participants.map((p) => ({
      id: p.person.id,
      name: displayName(p.person) ?? this.i18n.t('person.withheld'),
      role: p.role,
      birthDate: p.person.birthDate,
    })),
  );
  protected readonly categories = computed<InformationCategory[]>(
    () => this.reference.programme(this.caseDto().programme)?.categories ?? [],
  );
  /** Recipients are other organisations than the one owning the case. */
  protected readonly recipients = computed(() =>
    (this.reference.organisations() ?? []).filter(
      (o) => o.id !== this.caseDto().owningOrganisation.id,
    ),
  );
  protected readonly categoryOptions = computed<CheckboxOption[]>(() =>
    this.categories().map((c) => ({ value: c, label: this.i18n.label('category', c) })),
  );
  protected readonly provisions = Object.values(LegalProvision);
  protected readonly other = LegalProvision.Other;
  protected readonly today = isoDay();
  protected readonly maxDisclosureDay = isoDay(new Date(), DISCLOSURE_MAX_DAYS);

  // Recording a consent (new, or superseding one).
  protected readonly consentFormOpen = signal(false);
  protected readonly superseding = signal<ConsentDto | null>(null);
  protected readonly consentPending = signal(false);
  protected readonly consentError = signal<TranslationKey | null>(null);
  protected readonly consentForm = this.fb.group({
    personId: ['', required],
    fields: createConsentFields(this.fb),
  });
  protected readonly consentPerson = signal('');
  protected readonly consentMinor = computed(() => {
    const person = this.persons().find((p) => p.id === this.consentPerson());
    return isMinor(person?.birthDate ?? null, this.today);
  });

  // Recording a disclosure.
  protected readonly disclosureFormOpen = signal(false);
  protected readonly disclosurePending = signal(false);
  protected readonly disclosureError = signal<TranslationKey | null>(null);
  protected readonly disclosureForm = this.fb.group({
    personId: [''],
    recipientOrganisationId: ['', required],
    categories: this.fb.control<string[]>([], (c) =>
      (c.value as string[]).length ? null : { chooseAtLeastOne: true },
    ),
    provision: ['' as LegalProvision | '', required],
    provisionText: ['', Validators.maxLength(200)],
    justification: ['', [required, Validators.maxLength(2000)]],
    validUntil: [isoDay(new Date(), 30), required],
  });

  constructor() {
    this.consentForm.controls.personId.valueChanges.subscribe((id) => this.consentPerson.set(id));
    this.disclosureForm.controls.provision.valueChanges.subscribe((provision) => {
      const text = this.disclosureForm.controls.provisionText;
      text.setValidators(
        provision === LegalProvision.Other
          ? [required, Validators.maxLength(200)]
          : [Validators.maxLength(200)],
      );
      text.updateValueAndValidity();
    });
    void this.load();
  }

  protected personName(personId: string): string {
    return this.persons().find((p) => p.id === personId)?.name ?? this.i18n.t('person.withheld');
  }

  protected supersededBy(consent: ConsentDto): ConsentDto | null {
    return this.consents()?.find((c) => c.id === consent.supersededById) ?? null;
  }

  protected async load(): Promise<void> {
    this.loadError.set(null);
    const id = this.caseDto().id;
    try {
      const [consents, disclosures] = await Promise.all([
        firstValueFrom(this.api.list(id)),
        firstValueFrom(this.api.disclosures(id)),
      ]);
      this.consents.set(sortConsents(consents));
      this.disclosures.set(disclosures);
    } catch (error: unknown) {
      this.loadError.set(errorMessageKey(error));
    }
  }

  protected openConsentForm(supersedes: ConsentDto | null = null): void {
    this.superseding.set(supersedes);
    this.consentError.set(null);
    const fields = createConsentFields(this.fb);
    if (supersedes) {
      fields.patchValue({
        recipientOrganisationIds: supersedes.recipientOrganisations.map((o) => o.id),
        categories: supersedes.categories,
        excludedCategories: supersedes.excludedCategories,
        exclusionNote: supersedes.exclusionNote ?? '',
        form: supersedes.form,
        guardianName: supersedes.guardian?.name ?? '',
      });
    }
    this.consentForm.setControl('fields', fields);
    const personId = supersedes?.personId ?? this.persons()[0]?.id ?? '';
    this.consentForm.controls.personId.setValue(personId);
    this.consentFormOpen.set(true);
    afterNextRender(() => this.focus('#consent-form-title'), { injector: this.injector });
  }

  protected closeConsentForm(): void {
    this.consentFormOpen.set(false);
    afterNextRender(() => this.focus('#consents-title'), { injector: this.injector });
  }

  protected async recordConsent(): Promise<void> {
    if (this.consentPending()) return;
    this.consentError.set(null);
    if (this.consentForm.invalid) {
      this.consentForm.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.section('#consent-form')), {
        injector: this.injector,
      });
      return;
    }
    const value = this.consentForm.getRawValue();
    const supersedes = this.superseding();
    this.consentPending.set(true);
    try {
      await firstValueFrom(
        this.api.create(this.caseDto().id, {
          personId: value.personId,
          ...toConsentFields(value.fields),
          ...(supersedes ? { supersedesId: supersedes.id } : {}),
        }),
      );
      this.consentFormOpen.set(false);
      void this.announcer.announce(this.i18n.t('consent.recorded'), 'polite');
      await Promise.all([this.load(), this.store.reload()]);
      afterNextRender(() => this.focus('#consents-title'), { injector: this.injector });
    } catch (error: unknown) {
      this.consentError.set(errorMessageKey(error));
      const invalid = applyServerErrors(this.consentForm, error, (path) => {
        if (path === 'personId') return 'personId';
        const field = consentFieldPath(path);
        return field ? `fields.${field}` : null;
      });
      afterNextRender(
        () =>
          (invalid.length && focusFirstInvalid(this.section('#consent-form'))) ||
          this.focus('#consent-error'),
        { injector: this.injector },
      );
    } finally {
      this.consentPending.set(false);
    }
  }

  protected async withdraw(consent: ConsentDto): Promise<void> {
    const data: ConfirmDialogData = {
      title: 'consent.withdrawTitle',
      message: 'consent.withdrawMessage',
      params: { name: this.personName(consent.personId) },
      confirm: 'consent.withdraw',
      reasonLabel: 'consent.withdrawReason',
      destructive: true,
    };
    const result = await firstValueFrom(
      this.dialog
        .open<ConfirmDialog, ConfirmDialogData, ConfirmDialogResult>(ConfirmDialog, { data })
        .afterClosed(),
    );
    if (!result) return;
    try {
      await firstValueFrom(
        this.api.withdraw(consent.id, result.reason ? { reason: result.reason } : {}),
      );
      void this.announcer.announce(this.i18n.t('consent.withdrawn'), 'polite');
      await Promise.all([this.load(), this.store.reload()]);
      afterNextRender(() => this.focus('#consents-title'), { injector: this.injector });
    } catch (error: unknown) {
      this.loadError.set(errorMessageKey(error));
      void this.announcer.announce(this.i18n.t(errorMessageKey(error)), 'assertive');
    }
  }

  protected openDisclosureForm(): void {
    this.disclosureError.set(null);
    const subject = this.caseDto().participants[0]?.person.id ?? '';
    this.disclosureForm.reset({ personId: subject, validUntil: isoDay(new Date(), 30) });
    this.disclosureFormOpen.set(true);
    afterNextRender(() => this.focus('#disclosure-form-title'), { injector: this.injector });
  }

  protected closeDisclosureForm(): void {
    this.disclosureFormOpen.set(false);
    afterNextRender(() => this.focus('#disclosures-title'), { injector: this.injector });
  }

  protected async recordDisclosure(): Promise<void> {
    if (this.disclosurePending()) return;
    this.disclosureError.set(null);
    if (this.disclosureForm.invalid) {
      this.disclosureForm.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.section('#disclosure-form')), {
        injector: this.injector,
      });
      return;
    }
    const v = this.disclosureForm.getRawValue();
    const dto: CreateDisclosureDto = {
      recipientOrganisationId: v.recipientOrganisationId,
      categories: v.categories as InformationCategory[],
      provision: v.provision as LegalProvision,
      justification: v.justification.trim(),
      validUntil: v.validUntil,
    };
    if (v.personId) dto.personId = v.personId;
    if (v.provision === LegalProvision.Other) dto.provisionText = v.provisionText.trim();
    this.disclosurePending.set(true);
    try {
      await firstValueFrom(this.api.disclose(this.caseDto().id, dto));
      this.disclosureFormOpen.set(false);
      void this.announcer.announce(this.i18n.t('disclosure.recorded'), 'polite');
      await this.load();
      afterNextRender(() => this.focus('#disclosures-title'), { injector: this.injector });
    } catch (error: unknown) {
      this.disclosureError.set(errorMessageKey(error));
      applyServerErrors(this.disclosureForm, error);
      afterNextRender(
        () =>
          focusFirstInvalid(this.section('#disclosure-form')) || this.focus('#disclosure-error'),
        { injector: this.injector },
      );
    } finally {
      this.disclosurePending.set(false);
    }
  }

  protected provisionName(d: DisclosureDto): string {
    if (d.provision === LegalProvision.Other && d.provisionText) return d.provisionText;
    const key = labelKey('provision', d.provision);
    return key ? this.i18n.t(key) : d.provision;
  }

  private section(selector: string): HTMLElement | null {
    return this.host.nativeElement.querySelector<HTMLElement>(selector);
  }

  private focus(selector: string): boolean {
    const el = this.section(selector);
    el?.focus();
    return !!el;
  }
}
