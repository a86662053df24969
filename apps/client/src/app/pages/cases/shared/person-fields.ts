import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { PersonalNumberKind, ProtectedIdentityLevel } from '@samsyn/common';
import { checkOnFormEvents } from '../../../core/forms/check-on-form-events';
import { FieldErrorPipe } from '../../../core/forms/field-error.pipe';
import { LabelPipe, LanguageNamePipe } from '../../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { LANGUAGES, type PersonForm } from './person-form';

/**
 * A person's identity, language and contact fields and protected-identity level (D18). `idPrefix`
 * keeps element ids unique when several persons are on one page. Also the participant edit form
 * (`editing`), which leaves out the identity number and, when withheld, the contact fields.
 */
@Component({
  selector: 'app-person-fields',
  imports: [
    ReactiveFormsModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    TranslatePipe,
    LabelPipe,
    LanguageNamePipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let f = form();
    @let p = idPrefix();
    <div [formGroup]="f">
      @if (!editing()) {
        <fieldset class="check-group">
          <legend [id]="p + '-kind-label'">{{ 'person.identityNumber' | t }}</legend>
          <mat-radio-group
            formControlName="personalNumberKind"
            class="radio-row"
            [attr.aria-labelledby]="p + '-kind-label'"
          >
            @for (kind of kinds; track kind) {
              <mat-radio-button [value]="kind">{{ kind | label: 'pnrKind' }}</mat-radio-button>
            }
          </mat-radio-group>
        </fieldset>
      }

      <div class="form-grid">
        @if (!editing()) {
          @if (f.controls.personalNumberKind.value !== reserve) {
            <!-- The error is two lines long: the field grows instead of running into the next row. -->
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ f.controls.personalNumberKind.value | label: 'pnrKind' }}</mat-label>
              <input
                matInput
                [id]="p + '-pnr'"
                formControlName="personalNumber"
                autocomplete="off"
                inputmode="numeric"
                spellcheck="false"
                required
              />
              <mat-hint>{{ 'person.personalNumberHint' | t }}</mat-hint>
              <mat-error>{{ f.controls.personalNumber.errors | fieldError }}</mat-error>
            </mat-form-field>
          } @else {
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'person.birthDate' | t }}</mat-label>
              <input
                matInput
                type="date"
                [id]="p + '-birth'"
                formControlName="birthDate"
                required
              />
              <mat-hint>{{ 'person.reserveHint' | t }}</mat-hint>
              <mat-error>{{ f.controls.birthDate.errors | fieldError }}</mat-error>
            </mat-form-field>
          }
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ 'person.firstName' | t }}</mat-label>
          <input
            matInput
            [id]="p + '-first'"
            formControlName="firstName"
            autocomplete="off"
            required
          />
          <mat-error>{{ f.controls.firstName.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'person.lastName' | t }}</mat-label>
          <input
            matInput
            [id]="p + '-last'"
            formControlName="lastName"
            autocomplete="off"
            required
          />
          <mat-error>{{ f.controls.lastName.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'person.language' | t }}</mat-label>
          <mat-select formControlName="language" [id]="p + '-language'">
            <mat-option value="">{{ 'common.notGiven' | t }}</mat-option>
            @for (code of languages; track code) {
              <mat-option [value]="code">{{ code | languageName }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <div class="checkbox-cell">
          <mat-checkbox formControlName="interpreterNeeded">{{
            'person.interpreterNeeded' | t
          }}</mat-checkbox>
        </div>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'person.protectedLevel' | t }}</mat-label>
          <mat-select formControlName="protectedLevel" [id]="p + '-protected'">
            @for (level of levels; track level) {
              <mat-option [value]="level">{{ level | label: 'protectedLevel' }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'person.protectedHint' | t }}</mat-hint>
        </mat-form-field>
      </div>

      @if (contact()) {
        <fieldset class="check-group contact">
          <legend>{{ 'person.contact' | t }}</legend>
          <div class="form-grid">
            <mat-form-field appearance="outline">
              <mat-label>{{ 'person.address' | t }}</mat-label>
              <input matInput [id]="p + '-address'" formControlName="address" autocomplete="off" />
              <mat-error>{{ f.controls.address.errors | fieldError }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'person.postalCode' | t }}</mat-label>
              <input
                matInput
                [id]="p + '-postal'"
                formControlName="postalCode"
                autocomplete="off"
                inputmode="numeric"
              />
              <mat-error>{{ f.controls.postalCode.errors | fieldError }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'person.city' | t }}</mat-label>
              <input matInput [id]="p + '-city'" formControlName="city" autocomplete="off" />
              <mat-error>{{ f.controls.city.errors | fieldError }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'person.phone' | t }}</mat-label>
              <input
                matInput
                type="tel"
                [id]="p + '-phone'"
                formControlName="phone"
                autocomplete="off"
              />
              <mat-error>{{ f.controls.phone.errors | fieldError }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ 'person.email' | t }}</mat-label>
              <input
                matInput
                type="email"
                [id]="p + '-email'"
                formControlName="email"
                autocomplete="off"
              />
              <mat-error>{{ f.controls.email.errors | fieldError }}</mat-error>
            </mat-form-field>
          </div>
        </fieldset>
      }
    </div>
  `,
  styles: `
    .radio-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1rem;
    }
    .checkbox-cell {
      display: flex;
      align-items: center;
      min-height: 56px;
      margin-bottom: 1.25rem;
    }
    .contact {
      margin-top: 0.5rem;
    }
  `,
})
export class PersonFields {
  readonly form = input.required<PersonForm>();
  readonly idPrefix = input.required<string>();
  /** Editing a known person: the identity number is shown elsewhere and cannot change. */
  readonly editing = input(false);
  /** Whether the contact fields are shown (false when they are withheld from the caller). */
  readonly contact = input(true);

  protected readonly kinds = Object.values(PersonalNumberKind);
  protected readonly reserve = PersonalNumberKind.Reserve;
  protected readonly levels = Object.values(ProtectedIdentityLevel);
  protected readonly languages = LANGUAGES;

  constructor() {
    checkOnFormEvents(() => this.form());
  }
}
