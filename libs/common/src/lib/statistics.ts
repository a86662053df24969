/* Side-effect free values of the statistics page (issue 17 §1–2): the client imports them, so no
 * decorators here; the query DTO is in statistics.dto.ts. */
import type { PublishedCount } from './small-counts';

/** How the period is divided into rows: per month, quarter or year. */
export enum StatisticsPeriod {
  Month = 'month',
  Quarter = 'quarter',
  Year = 'year',
}

/**
 * The indicator tables of the statistics page, in the order the page shows them. Each is one
 * table of the small-counts rule: the parts of one whole (cases with and without a SIP, offers
 * taken up and not) share a row with their total, so no subtraction reveals a small count.
 */
export enum IndicatorId {
  /** D11: violence cases with and without a SIP, per period. */
  SipShare = 'sip_share',
  /** D11: the share of violence cases with a SIP (percent), where both counts are published. */
  SipSharePercent = 'sip_share_percent',
  /** D10: kallelse within the agreement's days after discharge readiness, late, or not yet due. */
  SipSummons = 'sip_summons',
  /** D10: first meeting held within the agreement's days after the request, late, not yet due. */
  SipFirstMeeting = 'sip_first_meeting',
  /** D10: median days from need identified (the request) to the kallelse and to agreed plan. */
  SipDays = 'sip_days',
  /** Trygga hem cases active in the period, by priority. */
  TryggaHemPriority = 'trygga_hem_priority',
  /** Trygga hem notifications delivered and control measures started. */
  TryggaHemActions = 'trygga_hem_actions',
  /** Trygga hem offers made, taken up and not. */
  TryggaHemOffers = 'trygga_hem_offers',
  /** Trygga hem incidents, first and repeat. */
  TryggaHemIncidents = 'trygga_hem_incidents',
  /** Cases with each form of violence recorded (a case may have several). */
  ViolenceForms = 'violence_forms',
  /**
   * §7 (D11): distinct units that took part in cooperation meetings (SIP and koordinatorsgrupp)
   * held in the period, per kind of organisation; the row total is all units.
   */
  CooperationMeetingUnits = 'cooperation_meeting_units',
}

/** What a table's values are: counts (small-counts rule), whole days, or percent. */
export type IndicatorUnit = 'count' | 'days' | 'percent';

/**
 * One indicator as published. `rows` are period keys ("2026-01", "2026-Q1", "2026") or, for
 * violence forms, form codes; `columns` are keys the client and the CSV translate
 * (`statistics.column.<key>`). Counts are `PublishedCount`s; days and percent are numbers, or
 * null where too few cases stand behind them to publish.
 */
export interface IndicatorTableDto {
  id: IndicatorId;
  unit: IndicatorUnit;
  rowKind: 'period' | 'violence_form';
  /** Bar (parts stacked) or line chart. */
  chart: 'bar' | 'line';
  rows: string[];
  columns: string[];
  cells: (PublishedCount | null)[][];
  /** Each row's total (counts of the parts of one whole), or null when the table has none. */
  rowTotals: PublishedCount[] | null;
}

export interface StatisticsDto {
  from: string;
  to: string;
  period: StatisticsPeriod;
  agreementId: string | null;
  municipalityCode: string | null;
  programme: string | null;
  /** The SIP deadlines (D10) the timeliness tables are measured against. */
  sipDeadlines: { summonsDaysAfterDischargeReady: number; firstMeetingDaysAfterRequest: number };
  smallCellThreshold: number;
  tables: IndicatorTableDto[];
}

/** What the caller may filter by: the agreements, municipalities and programmes in scope. */
export interface StatisticsOptionsDto {
  agreements: {
    id: string;
    title: string;
    validFrom: string;
    validUntil: string | null;
    programmes: string[];
  }[];
  municipalities: { code: string; name: string }[];
  programmes: string[];
}

/** Period keys: "2026-03", "2026-Q1", "2026". */
export function periodKeyOf(date: string, period: StatisticsPeriod): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (period === StatisticsPeriod.Year) return year;
  if (period === StatisticsPeriod.Quarter) return `${year}-Q${Math.ceil(month / 3)}`;
  return date.slice(0, 7);
}
