import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { ConsentForm, type InformationCategory, type OrganisationDto } from '@samsyn/common';
import { checkOnFormEvents } from '../../../core/forms/check-on-form-events';
import { FieldErrorPipe } from '../../../core/forms/field-error.pipe';
import { LabelPipe } from '../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../core/i18n/i18n.service';
import { labelKey } from '../../../core/i18n/labels';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { CheckboxGroup, type CheckboxOption } from '../../../core/ui/checkbox-group';
import type { ConsentFieldsForm } from './consent-form';

/**
 * The fields of a consent record (D14): receiving organisations, categories, what the person does
 * not want shared, form, dates and — for a minor — the guardian's consent.
 */
@Component({
  selector: 'app-consent-fields',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    CheckboxGroup,
    TranslatePipe,
    LabelPipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let f = form();
    @let p = idPrefix();
    <div [formGroup]="f">
      <mat-form-field appearance="outline" class="org-filter">
        <mat-label>{{ 'consent.filterRecipients' | t }}</mat-label>
        <input
          matInput
          type="search"
          [id]="p + '-org-filter'"
          autocomplete="off"
          [value]="orgFilter()"
          (input)="orgFilter.set($any($event.target).value)"
        />
      </mat-form-field>
      <app-checkbox-group
        [legend]="'consent.recipients' | t"
        [options]="organisationOptions()"
        [control]="f.controls.recipientOrganisationIds"
        [vertical]="true"
      />
      <app-checkbox-group
        [legend]="'consent.categories' | t"
        [options]="categoryOptions()"
        [control]="f.controls.categories"
      />
      <app-checkbox-group
        [legend]="'consent.excluded' | t"
        [options]="categoryOptions()"
        [control]="f.controls.excludedCategories"
      />
      <mat-form-field appearance="outline" class="full-width">
        <mat-label>{{ 'consent.exclusionNote' | t }}</mat-label>
        <textarea
          matInput
          [id]="p + '-exclusion-note'"
          formControlName="exclusionNote"
          rows="2"
        ></textarea>
        <mat-hint>{{ 'consent.exclusionNoteHint' | t }}</mat-hint>
        <mat-error>{{ f.controls.exclusionNote.errors | fieldError }}</mat-error>
      </mat-form-field>

      <fieldset class="check-group">
        <legend [id]="p + '-form-label'">{{ 'consent.form' | t }}</legend>
        <mat-radio-group
          formControlName="form"
          class="radio-row"
          [attr.aria-labelledby]="p + '-form-label'"
        >
          @for (form of forms; track form) {
            <mat-radio-button [value]="form">{{ form | label: 'consentForm' }}</mat-radio-button>
          }
        </mat-radio-group>
      </fieldset>

      <div class="form-grid">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'consent.givenOn' | t }}</mat-label>
          <input matInput type="date" [id]="p + '-given'" formControlName="givenOn" required />
          <mat-error>{{ f.controls.givenOn.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'consent.validUntil' | t }}</mat-label>
          <input
            matInput
            type="date"
            [id]="p + '-valid'"
            formControlName="validUntil"
            required
            [aria-describedby]="f.hasError('dateOrder') ? p + '-date-order' : ''"
          />
          <mat-error>{{ f.controls.validUntil.errors | fieldError }}</mat-error>
        </mat-form-field>
      </div>
      @if (f.hasError('dateOrder')) {
        <p class="field-error" [id]="p + '-date-order'">{{ f.errors | fieldError }}</p>
      }

      @if (minor()) {
        <fieldset class="check-group guardian">
          <legend>{{ 'consent.guardian' | t }}</legend>
          <p class="hint">{{ 'consent.guardianHint' | t }}</p>
          <div class="form-grid">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'consent.guardianName' | t }}</mat-label>
              <input
                matInput
                [id]="p + '-guardian-name'"
                formControlName="guardianName"
                autocomplete="off"
              />
              <mat-error>{{ f.controls.guardianName.errors | fieldError }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'consent.guardianGivenOn' | t }}</mat-label>
              <input
                matInput
                type="date"
                [id]="p + '-guardian-given'"
                formControlName="guardianGivenOn"
              />
              <mat-error>{{ f.controls.guardianGivenOn.errors | fieldError }}</mat-error>
            </mat-form-field>
          </div>
        </fieldset>
      }
    </div>
  `,
  styles: `
    .org-filter {
      width: min(100%, 24rem);
    }
    .radio-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1rem;
    }
  `,
})
export class ConsentFields {
  private readonly i18n = inject(I18nService);

  readonly form = input.required<ConsentFieldsForm>();
  readonly organisations = input.required<readonly OrganisationDto[]>();
  readonly categories = input.required<readonly InformationCategory[]>();
  /** The person is a minor: the guardian's consent is asked for as well (D14). */
  readonly minor = input(false);
  readonly idPrefix = input.required<string>();

  protected readonly forms = Object.values(ConsentForm);
  protected readonly orgFilter = signal('');

  /** Organisations matching the filter; chosen ones stay visible so they can be unticked. */
  protected readonly organisationOptions = computed<CheckboxOption[]>(() => {
    const filter = this.orgFilter().trim().toLocaleLowerCase('sv');
    // Read, not tracked: the list only needs to be right when the filter changes.
    const chosen = this.form().controls.recipientOrganisationIds.value;
    return this.organisations()
      .filter(
        (o) =>
          !filter ||
          chosen.includes(o.id) ||
          o.name.toLocaleLowerCase('sv').includes(filter) ||
          o.units.some((u) => u.name.toLocaleLowerCase('sv').includes(filter)),
      )
      .map((o) => ({ value: o.id, label: o.name, detail: this.orgTypeName(o.type) }));
  });

  protected readonly categoryOptions = computed<CheckboxOption[]>(() =>
    this.categories().map((c) => {
      const key = labelKey('category', c);
      return { value: c, label: key ? this.i18n.t(key) : c };
    }),
  );

  constructor() {
    checkOnFormEvents(() => this.form());
  }

  private orgTypeName(type: string): string {
    const key = labelKey('orgType', type);
    return key ? this.i18n.t(key) : type;
  }
}
