/* The yearly follow-up report per agreement (issue 17 §4): its texts in Swedish and English, one
 * source for the PDF and the CSV (and the client's file names). Side-effect free: no decorators
 * here; the query DTO is in follow-up-report.dto.ts. */
import { OrganisationType } from './organisation';
import type { StatisticsLang } from './statistics-labels';

/** The figures of each party for the year (counts under the small-counts rule). */
export enum FollowUpActivity {
  /** Cases of the agreement's programmes the party owns, opened in the year. */
  CasesOpened = 'cases_opened',
  /** Cases of the agreement's programmes the party owns, closed in the year. */
  CasesClosed = 'cases_closed',
  /** SIP meetings the party called in the year (cancelled ones included: they were called). */
  SipMeetingsCalled = 'sip_meetings_called',
  /** SIP plan versions agreed in the year on cases the party owns. */
  SipPlansAgreed = 'sip_plans_agreed',
}

export const FOLLOW_UP_ACTIVITIES: readonly FollowUpActivity[] = Object.values(FollowUpActivity);

/** The report's file name without extension: `uppfoljning-2025-<agreement id>`. */
export function followUpReportFileName(agreementId: string, year: number | string): string {
  return `uppfoljning-${year}-${agreementId}`;
}

/** The year a report defaults to: the last full calendar year before `today` (YYYY-MM-DD). */
export function lastFullYear(today: string): number {
  return Number(today.slice(0, 4)) - 1;
}

export interface FollowUpReportTexts {
  title: string;
  agreement: string;
  reportYear: string;
  comparisonYear: string;
  /** "to and including" for a year not yet over. */
  through: string;
  madeOn: string;
  kind: string;
  parties: string;
  organisation: string;
  organisationType: string;
  validity: string;
  validFrom: string;
  validUntil: string;
  untilFurtherNotice: string;
  followUps: string;
  followUp: string;
  dueOn: string;
  done: string;
  yes: string;
  no: string;
  noFollowUps: string;
  sipDeadlines: string;
  summonsDays: string;
  firstMeetingDays: string;
  days: string;
  indicators: string;
  indicatorsIntro: string;
  indicator: string;
  notPublished: string;
  activity: string;
  activityIntro: string;
  activities: Record<FollowUpActivity, string>;
  assessment: string;
  assessmentIntro: string;
  assessmentLines: readonly string[];
  noPersonalData: string;
  organisationTypes: Record<OrganisationType, string>;
  agreementKinds: Record<string, string>;
}

export const FOLLOW_UP_REPORT_TEXTS: Record<StatisticsLang, FollowUpReportTexts> = {
  sv: {
    title: 'Uppföljningsrapport',
    agreement: 'Överenskommelse',
    reportYear: 'Rapportår',
    comparisonYear: 'Jämförelseår',
    through: 't.o.m.',
    madeOn: 'Framtagen',
    kind: 'Typ av överenskommelse',
    parties: 'Parter',
    organisation: 'Organisation',
    organisationType: 'Typ',
    validity: 'Giltighet',
    validFrom: 'Gäller från',
    validUntil: 'Gäller till och med',
    untilFurtherNotice: 'tills vidare',
    followUps: 'Uppföljningsdatum',
    followUp: 'Uppföljning',
    dueOn: 'Datum',
    done: 'Genomförd',
    yes: 'ja',
    no: 'nej',
    noFollowUps: 'Inga uppföljningsdatum är registrerade.',
    sipDeadlines: 'Tidsgränser för SIP',
    summonsDays: 'Kallelse inom dagar efter utskrivningsklar',
    firstMeetingDays: 'Första mötet inom dagar efter begäran',
    days: 'dagar',
    indicators: 'Indikatorer',
    indicatorsIntro:
      'Överenskommelsens siffror: ärenden som parterna äger i de program den omfattar, under den tid den gäller. Föregående år står bredvid.',
    indicator: 'Indikator',
    notPublished: 'För få ärenden för att redovisa.',
    activity: 'Aktivitet per part',
    activityIntro:
      'Per part under rapportåret, i överenskommelsens program och under den tid den gäller.',
    activities: {
      [FollowUpActivity.CasesOpened]: 'Öppnade ärenden',
      [FollowUpActivity.CasesClosed]: 'Avslutade ärenden',
      [FollowUpActivity.SipMeetingsCalled]: 'Kallade SIP-möten',
      [FollowUpActivity.SipPlansAgreed]: 'Överenskomna SIP-planer',
    },
    assessment: 'Styrgruppens bedömning',
    assessmentIntro: 'Fylls i av styrgruppen vid uppföljningen.',
    assessmentLines: [
      'Bedömning av måluppfyllelse',
      'Beslutade åtgärder',
      'Ansvarig och tidplan',
      'Datum för styrgruppens möte',
    ],
    noPersonalData: 'Rapporten innehåller inga personuppgifter.',
    organisationTypes: {
      [OrganisationType.Region]: 'Region',
      [OrganisationType.Municipality]: 'Kommun',
      [OrganisationType.Police]: 'Polis',
      [OrganisationType.Probation]: 'Frivård',
      [OrganisationType.CountyBoard]: 'Länsstyrelse',
      [OrganisationType.School]: 'Skola',
      [OrganisationType.Other]: 'Annan organisation',
    },
    agreementKinds: {
      cooperation: 'Samverkansöverenskommelse',
      region_municipality: 'Överenskommelse mellan region och kommuner',
      other: 'Annan överenskommelse',
    },
  },
  en: {
    title: 'Follow-up report',
    agreement: 'Agreement',
    reportYear: 'Report year',
    comparisonYear: 'Comparison year',
    through: 'to',
    madeOn: 'Made on',
    kind: 'Kind of agreement',
    parties: 'Parties',
    organisation: 'Organisation',
    organisationType: 'Type',
    validity: 'Validity',
    validFrom: 'Valid from',
    validUntil: 'Valid until',
    untilFurtherNotice: 'until further notice',
    followUps: 'Follow-up dates',
    followUp: 'Follow-up',
    dueOn: 'Date',
    done: 'Done',
    yes: 'yes',
    no: 'no',
    noFollowUps: 'No follow-up dates are recorded.',
    sipDeadlines: 'SIP deadlines',
    summonsDays: 'Kallelse within days of discharge readiness',
    firstMeetingDays: 'First meeting within days of the request',
    days: 'days',
    indicators: 'Indicators',
    indicatorsIntro:
      "The agreement's figures: cases its parties own in the programmes it covers, while it is valid. The previous year stands beside them.",
    indicator: 'Indicator',
    notPublished: 'Too few cases to publish.',
    activity: 'Activity per party',
    activityIntro:
      "Per party in the report year, in the agreement's programmes and while it is valid.",
    activities: {
      [FollowUpActivity.CasesOpened]: 'Cases opened',
      [FollowUpActivity.CasesClosed]: 'Cases closed',
      [FollowUpActivity.SipMeetingsCalled]: 'SIP meetings called',
      [FollowUpActivity.SipPlansAgreed]: 'SIP plans agreed',
    },
    assessment: "The steering group's assessment",
    assessmentIntro: 'To be filled in by the steering group at the follow-up.',
    assessmentLines: [
      'Assessment of the goals',
      'Measures decided',
      'Responsible and timetable',
      "Date of the steering group's meeting",
    ],
    noPersonalData: 'The report holds no personal data.',
    organisationTypes: {
      [OrganisationType.Region]: 'Region',
      [OrganisationType.Municipality]: 'Municipality',
      [OrganisationType.Police]: 'Police',
      [OrganisationType.Probation]: 'Probation service',
      [OrganisationType.CountyBoard]: 'County administrative board',
      [OrganisationType.School]: 'School',
      [OrganisationType.Other]: 'Other organisation',
    },
    agreementKinds: {
      cooperation: 'Cooperation agreement',
      region_municipality: 'Agreement between region and municipalities',
      other: 'Other agreement',
    },
  },
};
