/* The statistics page's table titles, column and row labels in Swedish and English (issue 17):
 * one source for the page and its CSV, so the file says exactly what the page shows. Side-effect
 * free (the client imports it). */
import { IndicatorId, type IndicatorTableDto } from './statistics';
import { ViolenceForm } from './violence-forms';

export type StatisticsLang = 'sv' | 'en';

export const INDICATOR_TITLES: Record<StatisticsLang, Record<IndicatorId, string>> = {
  sv: {
    [IndicatorId.SipShare]: 'Våldsärenden med och utan SIP',
    [IndicatorId.SipSharePercent]: 'Andel våldsärenden med SIP (procent)',
    [IndicatorId.SipSummons]: 'Kallelse till SIP efter utskrivningsklar',
    [IndicatorId.SipFirstMeeting]: 'Första SIP-mötet efter begäran',
    [IndicatorId.SipDays]:
      'Dagar från identifierat behov till kallelse och överenskommen plan (median)',
    [IndicatorId.TryggaHemPriority]: 'Trygga hem: ärenden per prioritet',
    [IndicatorId.TryggaHemActions]: 'Trygga hem: underrättelser och kontrollåtgärder',
    [IndicatorId.TryggaHemOffers]: 'Trygga hem: erbjudanden och hur de togs emot',
    [IndicatorId.TryggaHemIncidents]: 'Trygga hem: händelser och upprepade händelser',
    [IndicatorId.ViolenceForms]: 'Ärenden per våldsform',
    [IndicatorId.CooperationMeetingUnits]:
      'Enheter som deltagit på samverkansmöten (SIP-möten och koordinatorsgruppsmöten)',
  },
  en: {
    [IndicatorId.SipShare]: 'Violence cases with and without a SIP',
    [IndicatorId.SipSharePercent]: 'Share of violence cases with a SIP (percent)',
    [IndicatorId.SipSummons]: 'Kallelse to a SIP after discharge readiness',
    [IndicatorId.SipFirstMeeting]: 'First SIP meeting after the request',
    [IndicatorId.SipDays]: 'Days from need identified to kallelse and to agreed plan (median)',
    [IndicatorId.TryggaHemPriority]: 'Trygga hem: cases by priority',
    [IndicatorId.TryggaHemActions]: 'Trygga hem: notifications and control measures',
    [IndicatorId.TryggaHemOffers]: 'Trygga hem: offers and their uptake',
    [IndicatorId.TryggaHemIncidents]: 'Trygga hem: incidents and repeat incidents',
    [IndicatorId.ViolenceForms]: 'Cases per form of violence',
    [IndicatorId.CooperationMeetingUnits]:
      'Units that took part in cooperation meetings (SIP and koordinatorsgrupp meetings)',
  },
};

const COLUMNS: Record<StatisticsLang, Record<string, string>> = {
  sv: {
    with_sip: 'Med SIP',
    without_sip: 'Utan SIP',
    share: 'Andel med SIP (%)',
    within_deadline: 'Inom tidsgränsen',
    late: 'Efter tidsgränsen',
    not_yet_due: 'Ännu inte förfallen',
    to_summons: 'Dagar till kallelse',
    to_agreed_plan: 'Dagar till överenskommen plan',
    A: 'Prioritet A',
    B: 'Prioritet B',
    C: 'Prioritet C',
    D: 'Prioritet D',
    notifications: 'Underrättelser',
    control_measures: 'Kontrollåtgärder',
    taken_up: 'Tackat ja',
    not_taken_up: 'Inte tackat ja',
    first: 'Första händelse',
    repeat: 'Upprepad händelse',
    cases: 'Ärenden',
    units_region: 'Regionens enheter',
    units_municipality: 'Kommunernas enheter',
    units_other: 'Andra myndigheters enheter (polis, frivård m.fl.)',
  },
  en: {
    with_sip: 'With a SIP',
    without_sip: 'Without a SIP',
    share: 'Share with a SIP (%)',
    within_deadline: 'Within the deadline',
    late: 'After the deadline',
    not_yet_due: 'Not yet due',
    to_summons: 'Days to kallelse',
    to_agreed_plan: 'Days to agreed plan',
    A: 'Priority A',
    B: 'Priority B',
    C: 'Priority C',
    D: 'Priority D',
    notifications: 'Notifications',
    control_measures: 'Control measures',
    taken_up: 'Taken up',
    not_taken_up: 'Not taken up',
    first: 'First incident',
    repeat: 'Repeat incident',
    cases: 'Cases',
    units_region: 'Region units',
    units_municipality: 'Municipal units',
    units_other: 'Units of other agencies (police, probation etc.)',
  },
};

const FORMS: Record<StatisticsLang, Record<ViolenceForm, string>> = {
  sv: {
    [ViolenceForm.Physical]: 'Fysiskt våld',
    [ViolenceForm.Psychological]: 'Psykiskt våld',
    [ViolenceForm.Sexual]: 'Sexuellt våld',
    [ViolenceForm.Economic]: 'Ekonomiskt våld',
    [ViolenceForm.HonourRelated]: 'Hedersrelaterat våld och förtryck',
    [ViolenceForm.ChildMarriage]: 'Barnäktenskap',
    [ViolenceForm.ForcedMarriage]: 'Tvångsäktenskap',
    [ViolenceForm.GenitalMutilation]: 'Könsstympning av kvinnor och flickor',
    [ViolenceForm.Trafficking]: 'Prostitution och människohandel för sexuella ändamål',
    [ViolenceForm.ViolenceAgainstChildren]: 'Våld mot barn',
    [ViolenceForm.Digital]: 'Digitalt våld',
  },
  en: {
    [ViolenceForm.Physical]: 'Physical violence',
    [ViolenceForm.Psychological]: 'Psychological violence',
    [ViolenceForm.Sexual]: 'Sexual violence',
    [ViolenceForm.Economic]: 'Economic violence',
    [ViolenceForm.HonourRelated]: 'Honour-related violence and oppression',
    [ViolenceForm.ChildMarriage]: 'Child marriage',
    [ViolenceForm.ForcedMarriage]: 'Forced marriage',
    [ViolenceForm.GenitalMutilation]: 'Female genital mutilation',
    [ViolenceForm.Trafficking]: 'Prostitution and trafficking for sexual purposes',
    [ViolenceForm.ViolenceAgainstChildren]: 'Violence against children',
    [ViolenceForm.Digital]: 'Digital violence',
  },
};

/** A column's label. */
export function indicatorColumnLabel(column: string, lang: StatisticsLang): string {
  return COLUMNS[lang][column] ?? column;
}

/** A row's label: the period key as it is ("2026-03", "2026-Q1"), or a form of violence. */
export function indicatorRowLabel(
  table: Pick<IndicatorTableDto, 'rowKind'>,
  row: string,
  lang: StatisticsLang,
): string {
  if (table.rowKind === 'violence_form') return FORMS[lang][row as ViolenceForm] ?? row;
  return lang === 'sv' ? row.replace('-Q', ' kv. ') : row;
}

/** The heading of a table's first column and its totals column. */
export const INDICATOR_HEADINGS: Record<
  StatisticsLang,
  { period: string; violenceForm: string; total: string }
> = {
  sv: { period: 'Period', violenceForm: 'Våldsform', total: 'Totalt' },
  en: { period: 'Period', violenceForm: 'Form of violence', total: 'Total' },
};
