import type { followUpReportSv } from './follow-up-report.sv';

/** English texts of the yearly follow-up report controls (issue 17 §4); spread into `en`. */
export const followUpReportEn: Readonly<Record<keyof typeof followUpReportSv, string>> = {
  'followUpReport.title': 'Follow-up report',
  'followUpReport.intro':
    "Yearly report for the steering group's follow-up of the agreement: parties, validity and follow-up dates, the indicators for the year with the previous year beside them, activity per party and an empty section for the steering group's assessment. No personal data.",
  'followUpReport.year': 'Report year',
  'followUpReport.pdf': 'Download PDF',
  'followUpReport.csv': 'Download CSV',
  'followUpReport.pdfLabel': 'Download PDF – follow-up report {year}',
  'followUpReport.csvLabel': 'Download CSV – follow-up report {year}',
  'followUpReport.working': 'Making the report …',
  'followUpReport.done': 'The report {fileName} has been downloaded.',
  'followUpReport.audited': 'Every report made is logged.',
  'auditAction.statistics.follow_up_report': 'Made a follow-up report',
  'auditTarget.agreement': 'Agreement',
};
