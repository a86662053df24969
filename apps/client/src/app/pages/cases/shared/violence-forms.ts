import {
  ChangeDetectionStrategy,
  Component,
  Pipe,
  type PipeTransform,
  computed,
  inject,
  input,
} from '@angular/core';
import type { FormControl } from '@angular/forms';
import { VIOLENCE_FORMS, type ViolenceForm, canonicalViolenceForms } from '@samsyn/common';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { type CheckboxOption, CheckboxGroup } from '../../../core/ui/checkbox-group';

/**
 * Issue 15: the forms of violence (Region–kommuner agreement §2) as a fieldset of checkboxes,
 * optional and several at once, in the agreement's order. Used by the incident form and the SIP
 * settings; the control holds the chosen codes.
 */
@Component({
  selector: 'app-violence-forms-field',
  imports: [CheckboxGroup, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <app-checkbox-group
      class="violence-forms-field"
      [legend]="'violenceForms.legend' | t"
      [options]="options()"
      [control]="control()"
    />
  `,
})
export class ViolenceFormsField {
  private readonly i18n = inject(I18nService);

  readonly control = input.required<FormControl<string[]>>();

  protected readonly options = computed<CheckboxOption[]>(() =>
    VIOLENCE_FORMS.map((value) => ({ value, label: this.i18n.label('violenceForm', value) })),
  );
}

/** The chosen codes of a `ViolenceFormsField` control, each once, in the agreement's order. */
export function chosenViolenceForms(codes: readonly string[]): ViolenceForm[] {
  return canonicalViolenceForms(codes as ViolenceForm[]);
}

/**
 * `{{ record.violenceForms | violenceForms }}`: the recorded forms named in the current
 * language, in the agreement's order ("Fysiskt våld, Digitalt våld"), or "not recorded".
 */
@Pipe({ name: 'violenceForms', pure: false })
export class ViolenceFormsPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(forms: readonly string[] | null | undefined): string {
    if (!forms?.length) return this.i18n.t('violenceForms.none');
    return chosenViolenceForms(forms)
      .map((form) => this.i18n.label('violenceForm', form))
      .join(', ');
  }
}
