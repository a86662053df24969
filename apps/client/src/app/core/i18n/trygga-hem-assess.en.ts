import type { tryggaHemAssessSv } from './trygga-hem-assess.sv';

/** English texts for the Trygga hem risk assessment, skyddsplan and action status forms. */
export const tryggaHemAssessEn: Readonly<Record<keyof typeof tryggaHemAssessSv, string>> = {
  'th.assess.new': 'New risk assessment',
  'th.assess.formTitle': 'Record a risk assessment',
  'th.assess.reassessTitle': 'New assessment with {instrument}',
  'th.assess.forAgency':
    'The assessment is recorded for {organisation} with you, {name}, as the assessor. Other agencies’ assessments are not affected.',
  'th.assess.instrument': 'Instrument',
  'th.assess.instrumentName': 'Name of the instrument',
  'th.assess.instrumentVersion': 'Version (optional)',
  'th.assess.assessedOn': 'Date of assessment',
  'th.assess.level': 'Risk level',
  'th.assess.reviewOn': 'Review by',
  'th.assess.reviewHint': 'Risk is perishable: choose when the assessment is to be made again.',
  'th.assess.summary': 'Summary (optional)',
  'th.assess.save': 'Save the risk assessment',
  'th.assess.cancel': 'Cancel',
  'th.assess.saved': 'The risk assessment with {instrument} is saved.',
  'th.assess.reviewBeforeAssessed': 'The review date cannot be before the date of assessment.',
  'th.assess.inFuture': 'The date cannot be in the future.',
  'th.assess.dueTitle': 'Time to assess again',
  'th.assess.dueIncident':
    '{instrument}, {organisation}: a new incident calls for a new assessment.',
  'th.assess.dueDate': '{instrument}, {organisation}: was to be reviewed by {date}.',
  'th.assess.reassess': 'New assessment with {instrument}',
  'th.assess.otherAgency': 'To be done by {organisation}.',

  'th.safetyForm.forPerson': 'Safety plan for {name}',
  'th.safetyForm.none': 'No safety plan yet.',
  'th.safetyForm.write': 'Write a safety plan',
  'th.safetyForm.edit': 'Change the safety plan',
  'th.safetyForm.editLabel': 'Change the safety plan for {name}',
  'th.safetyForm.writeLabel': 'Write a safety plan for {name}',
  'th.safetyForm.plan': 'Plan',
  'th.safetyForm.support': 'Support (optional)',
  'th.safetyForm.supportHint': 'For example support talks or contact with a women’s shelter.',
  'th.safetyForm.whereabouts': 'Whereabouts (optional)',
  'th.safetyForm.whereaboutsHint':
    'The most sensitive detail: shown only to those who work with the victim.',
  'th.safetyForm.save': 'Save the safety plan',
  'th.safetyForm.cancel': 'Cancel',
  'th.safetyForm.saved': 'The safety plan for {name} is saved.',
  'th.safetyForm.conflict':
    'Someone else changed the safety plan while you were writing. The latest version is shown above; your text is still in the form. Compare and save again.',
  'th.safetyForm.unknownPerson': 'Victim or child',

  'th.actionStatus.status': 'Status',
  'th.actionStatus.markDone': 'Mark as done',
  'th.actionStatus.reopen': 'Open again',
  'th.actionStatus.done': 'The action “{description}” is marked as done.',
  'th.actionStatus.reopened': 'The action “{description}” is open again.',
  'th.actionStatus.conflict':
    'Someone else changed the action. The data is reloaded; try again if needed.',
};
