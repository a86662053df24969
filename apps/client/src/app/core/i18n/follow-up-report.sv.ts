/** Swedish texts of the yearly follow-up report controls (issue 17 §4); spread into `sv`. */
export const followUpReportSv = {
  'followUpReport.title': 'Uppföljningsrapport',
  'followUpReport.intro':
    'Årsrapport för styrgruppens uppföljning av överenskommelsen: parter, giltighet och uppföljningsdatum, indikatorerna för året med föregående år bredvid, aktivitet per part och ett tomt avsnitt för styrgruppens bedömning. Inga personuppgifter.',
  'followUpReport.year': 'Rapportår',
  'followUpReport.pdf': 'Ladda ner PDF',
  'followUpReport.csv': 'Ladda ner CSV',
  'followUpReport.pdfLabel': 'Ladda ner PDF – uppföljningsrapport {year}',
  'followUpReport.csvLabel': 'Ladda ner CSV – uppföljningsrapport {year}',
  'followUpReport.working': 'Tar fram rapporten …',
  'followUpReport.done': 'Rapporten {fileName} har hämtats.',
  'followUpReport.audited': 'Varje rapport som tas fram loggas.',
  'auditAction.statistics.follow_up_report': 'Tog fram uppföljningsrapport',
  'auditTarget.agreement': 'Överenskommelse',
};
