/** Swedish texts of issue 15 (letters, overdue summary, help text); spread into `sv`. */
export const remindersSv = {
  'letters.personSv': 'Kallelse till personen (svenska, PDF)',
  'letters.personEn': 'Kallelse till personen (engelska, PDF)',
  'letters.invitation': 'Skriv ut inbjudan (PDF)',
  'letters.invitationLabel': 'Skriv ut inbjudan (PDF) till {actor}',
  'auditAction.sip.letter_print': 'Skrev ut kallelse eller inbjudan till SIP-möte',
  'auditAction.organisation.help_text': 'Ändrade texten om var man kan få hjälp',

  'notifications.aboutAgreement': 'Gäller en överenskommelse',
  'notifications.aboutMeeting': 'Gäller ett SIP-möte',
  'notifications.aboutCase': 'Gäller ärende {number}',

  'overdue.title': 'Försenade påminnelser',
  'overdue.intro':
    'Påminnelser som ingen i ärendet har läst inom {hours} timmar, per enhet och slag. Inga ärenden visas.',
  'overdue.caption': 'Försenade påminnelser per enhet och slag, totalt {total}',
  'overdue.unit': 'Enhet',
  'overdue.kind': 'Slag',
  'overdue.count': 'Antal',
  'overdue.empty': 'Inga försenade påminnelser just nu.',
  'overdue.loading': 'Hämtar försenade påminnelser…',
  'overdue.error': 'De försenade påminnelserna kunde inte hämtas. Försök igen senare.',

  'nav.helpText': 'Hjälptext',
  'helpText.title': 'Var man kan få hjälp',
  'helpText.intro':
    'Texten skrivs ut i kallelsen till personen och på den utskrivna SIP-planen. Från början står de nationella stödlinjerna här; lägg gärna till lokala kontaktuppgifter.',
  'helpText.sv': 'Text på svenska',
  'helpText.en': 'Text på engelska',
  'helpText.save': 'Spara',
  'helpText.saved': 'Texten är sparad.',
  'helpText.isDefault': 'Texten är de nationella stödlinjerna (standard).',
  'helpText.required': 'Skriv en text.',
  'helpText.tooLong': 'Texten får vara högst {max} tecken.',
  'helpText.error': 'Texten kunde inte sparas. Försök igen.',
  'helpText.loading': 'Hämtar texten…',
} as const;
