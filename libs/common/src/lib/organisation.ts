/** The kinds of organisation that take part in a shared case (glossary: socialtjänst, region, …). */
export enum OrganisationType {
  Region = 'region',
  Municipality = 'municipality',
  Police = 'police',
  Probation = 'probation',
  CountyBoard = 'county_board',
  /** A school or school authority (huvudman för skolan), e.g. in sociala insatsgrupper. */
  School = 'school',
  /** Any other agency taking part, e.g. Försäkringskassan or Arbetsförmedlingen. */
  Other = 'other',
}

export const ORGANISATION_TYPES: readonly OrganisationType[] = Object.values(OrganisationType);

/**
 * The longest where-to-get-help text per language. Here, not with the DTOs: the client imports
 * it, and a value from a DTO file brings that file's validators (and their need for
 * reflect-metadata) into the client's bundle.
 */
export const HELP_TEXT_MAX_LENGTH = 2000;

/**
 * Where to get help (D13): the national helplines, until an organisation writes its own text.
 * Numbers as the services publish them (checked 2026-12-07 against the services' own announcements:
 * Kvinnofridslinjen 020-50 50 50, NCK; Välj att sluta 020-555 666, Länsstyrelsen Stockholm; the
 * police's 114 14 and 112; 1177; BRIS 116 111). An org_admin adds local contacts.
 */
export const DEFAULT_HELP_TEXT: Readonly<{ sv: string; en: string }> = {
  sv: [
    'Här kan du få stöd och hjälp:',
    '• Kvinnofridslinjen, för dig som utsatts för våld, hot eller kränkningar: 020-50 50 50 (dygnet runt, avgiftsfritt).',
    '• Välj att sluta, för dig som utövar eller är rädd att utöva våld mot en närstående: 020-555 666.',
    '• Polisen: 114 14. Ring 112 vid akut fara.',
    '• 1177 Vårdguiden, sjukvårdsrådgivning: 1177.',
    '• BRIS, för barn och unga: 116 111.',
  ].join('\n'),
  en: [
    'Where to get support and help:',
    '• Kvinnofridslinjen, for anyone subjected to violence, threats or abuse: 020-50 50 50 (around the clock, free of charge).',
    '• Välj att sluta, for anyone who uses or fears using violence against someone close: 020-555 666.',
    '• The police: 114 14. Call 112 in an emergency.',
    '• 1177 Vårdguiden, healthcare advice: 1177.',
    '• BRIS, for children and young people: 116 111.',
  ].join('\n'),
};
