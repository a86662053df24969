import type { violenceFormsSv } from './violence-forms.sv';

/** English names of the forms of violence (issue 15) and their field's texts, spread into `en`. */
export const violenceFormsEn: Readonly<Record<keyof typeof violenceFormsSv, string>> = {
  'violenceForm.physical': 'Physical violence',
  'violenceForm.psychological': 'Psychological violence',
  'violenceForm.sexual': 'Sexual violence',
  'violenceForm.economic': 'Economic violence',
  'violenceForm.honour_related': 'Honour-related violence and oppression',
  'violenceForm.child_marriage': 'Child marriage',
  'violenceForm.forced_marriage': 'Forced marriage',
  'violenceForm.genital_mutilation': 'Female genital mutilation',
  'violenceForm.trafficking': 'Prostitution and trafficking for sexual purposes',
  'violenceForm.violence_against_children': 'Violence against children',
  'violenceForm.digital': 'Digital violence',

  'violenceForms.legend': 'Forms of violence (choose all that apply)',
  'violenceForms.label': 'Forms of violence',
  'violenceForms.none': 'Not recorded',
};
