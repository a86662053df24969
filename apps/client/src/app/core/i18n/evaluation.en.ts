import type { evaluationSv } from './evaluation.sv';

/** English texts of the evaluation export page (D6, issue 17 §5); spread into `en`. */
export const evaluationEn: Record<keyof typeof evaluationSv, string> = {
  'nav.evaluation': 'Evaluation',
  'evaluation.title': 'Evaluation',
  'evaluation.intro':
    'Download a de-identified, case-level data set for the evaluators: programme, municipality, months, priorities, risk levels, offers, control measures, incidents and SIP milestones. It holds no names, personal identity numbers, addresses, free text, exact dates or internal ids.',
  'evaluation.kRule':
    'Every row shares its municipality, programme and month opened with at least four others. Otherwise the county is shown instead of the municipality, then the quarter and the year instead of the month, and a case is left out only if its group is still smaller than five. The file states how many rows were generalised and left out.',
  'evaluation.parameters': 'Selection',
  'evaluation.programmes': 'Programmes',
  'evaluation.municipalities': 'Municipalities',
  'evaluation.allMunicipalities': 'All municipalities',
  'evaluation.municipalitiesHint': 'None chosen: every municipality.',
  'evaluation.from': 'From month (case opened)',
  'evaluation.to': 'To month (inclusive)',
  'evaluation.monthHint': 'YYYY-MM',
  'evaluation.format': 'File format',
  'evaluation.format.csv': 'CSV (spreadsheet)',
  'evaluation.format.json': 'JSON (for analysis software)',
  'evaluation.download': 'Download data set',
  'evaluation.working': 'Preparing the data set …',
  'evaluation.done':
    'The data set {fileName} has been downloaded: {published} rows, {generalised} of them generalised; {leftOut} cases left out.',
  'evaluation.error': 'The data set could not be prepared. Please try again.',
  'evaluation.loadError': 'Programmes and municipalities could not be loaded. Please try again.',
  'evaluation.audited': 'Every download is logged with its selection and row count.',
  'evaluation.field.beforeFrom': 'The to month is before the from month.',
  'evaluation.field.future': 'That month has not come yet.',
  'evaluation.field.periodTooLong': 'The period may be at most ten years.',
  'evaluation.field.unknownProgramme': 'Unknown programme.',
  'evaluation.field.unknownMunicipality': 'Unknown municipality.',
  'evaluation.field.month': 'Enter a month, YYYY-MM.',
  'auditAction.statistics.evaluation_export': 'Downloaded an evaluation data set',
  'auditTarget.evaluation_export': 'Evaluation data set',
};
