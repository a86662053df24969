/**
 * Swedish names of the forms of violence (issue 15, Region–kommuner agreement §2) and the texts
 * of the field that records them on incidents and SIP cases, spread into `sv`.
 */
export const violenceFormsSv = {
  'violenceForm.physical': 'Fysiskt våld',
  'violenceForm.psychological': 'Psykiskt våld',
  'violenceForm.sexual': 'Sexuellt våld',
  'violenceForm.economic': 'Ekonomiskt våld',
  'violenceForm.honour_related': 'Hedersrelaterat våld och förtryck',
  'violenceForm.child_marriage': 'Barnäktenskap',
  'violenceForm.forced_marriage': 'Tvångsäktenskap',
  'violenceForm.genital_mutilation': 'Könsstympning av kvinnor och flickor',
  'violenceForm.trafficking': 'Prostitution och människohandel för sexuella ändamål',
  'violenceForm.violence_against_children': 'Våld mot barn',
  'violenceForm.digital': 'Digitalt våld',

  'violenceForms.legend': 'Former av våld (välj alla som förekommer)',
  'violenceForms.label': 'Former av våld',
  'violenceForms.none': 'Inte angivna',
};
