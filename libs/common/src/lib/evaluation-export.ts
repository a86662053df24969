/* Side-effect free values of the evaluation export (issue 17 §5, D6): the client imports them to
 * build the form, the API to write the file, so no decorators here (see evaluation-export.dto.ts). */

/** The file formats of the export. */
export const EVALUATION_EXPORT_FORMATS = ['csv', 'json'] as const;
export type EvaluationExportFormat = (typeof EVALUATION_EXPORT_FORMATS)[number];

/** A month as the export and its parameters write it. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** At most this many months in one export's period (ten years). */
export const EVALUATION_EXPORT_MAX_MONTHS = 120;

/**
 * The export's columns, in file order; docs/evaluation-export.md explains each. Lists inside a
 * cell are `;`-separated, pairs `:`-separated; months are `YYYY-MM`.
 */
export const EVALUATION_EXPORT_COLUMNS = [
  'case_key',
  'programme',
  'area',
  'area_level',
  'period_opened',
  'period_level',
  'month_closed',
  'priority_history',
  'priority_latest',
  'risk_levels',
  'notifications',
  'offers',
  'offers_taken_up',
  'offer_outcomes',
  'control_measures',
  'incidents_by_month',
  'incidents',
  'repeat_incidents',
  'violence_forms',
  'sip_violence_related',
  'sip_need_identified_month',
  'sip_kallelse_month',
  'sip_first_agreed_plan_month',
] as const;
export type EvaluationExportColumn = (typeof EVALUATION_EXPORT_COLUMNS)[number];

/** One case as published: every value a string (empty when it does not apply), or a count. */
export type EvaluationExportRow = Record<EvaluationExportColumn, string | number>;

/** What the export says about itself: its parameters, k and how many rows the rule changed. */
export interface EvaluationExportSummary {
  /** When the file was made (to the month only, like every date in it). */
  madeInMonth: string;
  programmes: string[];
  from: string;
  to: string;
  /** Kommunkoder the export was limited to; empty: every municipality. */
  municipalityCodes: string[];
  k: number;
  /** Cases selected by the parameters (before the k-anonymity rule). */
  casesSelected: number;
  rowsPublished: number;
  /** Published rows whose municipality and/or month was generalised. */
  rowsGeneralised: number;
  /** Cases left out: still in a group smaller than k after every generalisation. */
  rowsLeftOut: number;
}

/** The JSON form of the export. */
export interface EvaluationExportJson {
  summary: EvaluationExportSummary;
  columns: readonly EvaluationExportColumn[];
  rows: EvaluationExportRow[];
}

/** Response headers that repeat the summary's counts, for a client that saves the file. */
export const EVALUATION_EXPORT_HEADERS = {
  rowsPublished: 'x-export-rows-published',
  rowsGeneralised: 'x-export-rows-generalised',
  rowsLeftOut: 'x-export-rows-left-out',
} as const;
