import type { remindersSv } from './reminders.sv';

/** English texts of issue 15 (letters, overdue summary, help text); spread into `en`. */
export const remindersEn: Record<keyof typeof remindersSv, string> = {
  'letters.personSv': 'Letter to the person (Swedish, PDF)',
  'letters.personEn': 'Letter to the person (English, PDF)',
  'letters.invitation': 'Print invitation (PDF)',
  'letters.invitationLabel': 'Print invitation (PDF) for {actor}',
  'auditAction.sip.letter_print': 'Printed a SIP meeting letter or invitation',
  'auditAction.organisation.help_text': 'Changed the where-to-get-help text',

  'notifications.aboutAgreement': 'About an agreement',
  'notifications.aboutMeeting': 'About a SIP meeting',
  'notifications.aboutCase': 'About case {number}',

  'overdue.title': 'Overdue reminders',
  'overdue.intro':
    'Reminders that nobody on the case has read within {hours} hours, per unit and kind. No cases are shown.',
  'overdue.caption': 'Overdue reminders per unit and kind, {total} in all',
  'overdue.unit': 'Unit',
  'overdue.kind': 'Kind',
  'overdue.count': 'Count',
  'overdue.empty': 'No overdue reminders right now.',
  'overdue.loading': 'Loading overdue reminders…',
  'overdue.error': 'The overdue reminders could not be loaded. Try again later.',

  'nav.helpText': 'Help text',
  'helpText.title': 'Where to get help',
  'helpText.intro':
    'The text is printed in the letter to the person and on the printed SIP plan. It starts with the national helplines; add local contacts if you like.',
  'helpText.sv': 'Text in Swedish',
  'helpText.en': 'Text in English',
  'helpText.save': 'Save',
  'helpText.saved': 'The text is saved.',
  'helpText.isDefault': 'The text is the national helplines (default).',
  'helpText.required': 'Write a text.',
  'helpText.tooLong': 'The text may be at most {max} characters.',
  'helpText.error': 'The text could not be saved. Try again.',
  'helpText.loading': 'Loading the text…',
};
