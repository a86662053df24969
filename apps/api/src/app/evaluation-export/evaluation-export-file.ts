import {
  EVALUATION_EXPORT_COLUMNS,
  type EvaluationExportJson,
  type EvaluationExportRow,
  type EvaluationExportSummary,
} from '@samsyn/common';

/** RFC 4180 field: quoted when it holds a separator, quote or line break. */
function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const SUMMARY_LINES = (s: EvaluationExportSummary): [string, string | number][] => [
  ['made_in_month', s.madeInMonth],
  ['programmes', s.programmes.join(';')],
  ['period_from', s.from],
  ['period_to', s.to],
  ['municipality_codes', s.municipalityCodes.join(';')],
  ['k', s.k],
  ['cases_selected', s.casesSelected],
  ['rows_published', s.rowsPublished],
  ['rows_generalised', s.rowsGeneralised],
  ['rows_left_out', s.rowsLeftOut],
];

/**
 * The CSV file: a header line, one line per case, then a blank line and the summary as
 * `summary,value` lines (parameters, k, rows published, generalised and left out). CRLF line
 * ends (RFC 4180), UTF-8.
 */
export function evaluationCsv(
  rows: readonly EvaluationExportRow[],
  summary: EvaluationExportSummary,
): string {
  const lines = [EVALUATION_EXPORT_COLUMNS.join(',')];
  for (const r of rows) lines.push(EVALUATION_EXPORT_COLUMNS.map((c) => csvField(r[c])).join(','));
  lines.push('', 'summary,value');
  for (const [name, value] of SUMMARY_LINES(summary)) lines.push(`${name},${csvField(value)}`);
  return `${lines.join('\r\n')}\r\n`;
}

/** The JSON file: the summary, the column names and the rows. */
export function evaluationJson(
  rows: EvaluationExportRow[],
  summary: EvaluationExportSummary,
): string {
  const file: EvaluationExportJson = { summary, columns: EVALUATION_EXPORT_COLUMNS, rows };
  return JSON.stringify(file, null, 1);
}
