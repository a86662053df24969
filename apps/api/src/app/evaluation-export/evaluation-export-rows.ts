import {
  EVALUATION_EXPORT_COLUMNS,
  type EvaluationExportRow,
  OFFER_TAKEN_UP,
  type OfferUptake,
} from '@samsyn/common';
import { EVALUATION_K, kAnonymise, type KAnonymityLevel } from '@samsyn/domain';

/**
 * What the export reads of one case, already reduced to months and codes by the query: no
 * name, number, address, free text, exact date or internal id ever reaches this shape.
 */
export interface CaseFacts {
  programme: string;
  municipalityCode: string;
  /** `YYYY-MM` (Swedish time). */
  monthOpened: string;
  monthClosed: string | null;
  /** Trygga hem: every priority in order, with the month it was set. */
  priorities: { priority: string; month: string }[];
  /** Trygga hem: risk assessments in order, by the assessing agency's type. */
  risks: { agency: string; level: string }[];
  notifications: number;
  offers: { kind: string; uptake: OfferUptake }[];
  controlMeasures: { kind: string; month: string }[];
  incidents: { month: string; repeat: boolean; violenceForms: string[] }[];
  /** SIP: null for another programme (or a SIP case cleared by gallring). */
  sip: {
    violenceRelated: boolean;
    violenceForms: string[];
    needIdentifiedMonth: string | null;
    kallelseMonth: string | null;
    firstAgreedPlanMonth: string | null;
  } | null;
}

export interface EvaluationRows {
  rows: EvaluationExportRow[];
  rowsGeneralised: number;
  rowsLeftOut: number;
}

const AREA_LEVEL: Record<KAnonymityLevel, 'municipality' | 'county'> = {
  municipality_month: 'municipality',
  county_month: 'county',
  county_quarter: 'county',
  county_year: 'county',
};

const PERIOD_LEVEL: Record<KAnonymityLevel, 'month' | 'quarter' | 'year'> = {
  municipality_month: 'month',
  county_month: 'month',
  county_quarter: 'quarter',
  county_year: 'year',
};

const list = (items: readonly string[]) => items.join(';');

/** `2026-03:2;2026-05:1`: how many of the months there are, in month order. */
function countByMonth(months: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const m of [...months].sort()) counts.set(m, (counts.get(m) ?? 0) + 1);
  return list([...counts].map(([m, n]) => `${m}:${n}`));
}

/** The latest level per agency type, agencies in alphabetical order: `municipality:medium;police:high`. */
function latestRiskLevels(risks: CaseFacts['risks']): string {
  const latest = new Map<string, string>();
  for (const r of risks) latest.set(r.agency, r.level);
  return list([...latest].sort(([a], [b]) => a.localeCompare(b)).map(([a, l]) => `${a}:${l}`));
}

function distinctSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/**
 * Builds the export's rows: applies the k-anonymity rule (k = 5) over municipality × programme
 * × month opened, gives each published case a key from `newKey` (random, new in every export)
 * and orders the rows by that key, so the order says nothing about the cases either.
 */
export function buildEvaluationRows(
  facts: readonly CaseFacts[],
  newKey: () => string,
  k: number = EVALUATION_K,
): EvaluationRows {
  const result = kAnonymise(facts, k);
  const rows = result.rows.map(({ row: f, area, period, level }): EvaluationExportRow => {
    const incidents = f.incidents;
    return {
      case_key: newKey(),
      programme: f.programme,
      area,
      area_level: AREA_LEVEL[level],
      period_opened: period,
      period_level: PERIOD_LEVEL[level],
      month_closed: f.monthClosed ?? '',
      priority_history: list(f.priorities.map((p) => `${p.month}:${p.priority}`)),
      priority_latest: f.priorities.at(-1)?.priority ?? '',
      risk_levels: latestRiskLevels(f.risks),
      notifications: f.notifications,
      offers: f.offers.length,
      offers_taken_up: f.offers.filter((o) => OFFER_TAKEN_UP.includes(o.uptake)).length,
      offer_outcomes: list(f.offers.map((o) => `${o.kind}:${o.uptake}`)),
      control_measures: list(f.controlMeasures.map((m) => `${m.month}:${m.kind}`)),
      incidents_by_month: countByMonth(incidents.map((i) => i.month)),
      incidents: incidents.length,
      repeat_incidents: incidents.filter((i) => i.repeat).length,
      violence_forms: list(
        distinctSorted([
          ...incidents.flatMap((i) => i.violenceForms),
          ...(f.sip?.violenceForms ?? []),
        ]),
      ),
      sip_violence_related: f.sip ? String(f.sip.violenceRelated) : '',
      sip_need_identified_month: f.sip?.needIdentifiedMonth ?? '',
      sip_kallelse_month: f.sip?.kallelseMonth ?? '',
      sip_first_agreed_plan_month: f.sip?.firstAgreedPlanMonth ?? '',
    };
  });
  rows.sort((a, b) => String(a.case_key).localeCompare(String(b.case_key)));
  // Every column, none more: the file's header is EVALUATION_EXPORT_COLUMNS.
  for (const r of rows)
    if (Object.keys(r).length !== EVALUATION_EXPORT_COLUMNS.length)
      throw new Error('an evaluation row does not match the columns');
  return { rows, rowsGeneralised: result.generalised, rowsLeftOut: result.leftOut };
}
