import type { statisticsSv } from './statistics.sv';

/** English texts of the statistics page (issue 17); spread into `en`. */
export const statisticsEn: Readonly<Record<keyof typeof statisticsSv, string>> = {
  'nav.statistics': 'Statistics',
  'statistics.title': 'Statistics',
  'statistics.intro':
    'The indicators the agreements are followed up with: the share of violence cases with a SIP, time to kallelse and to agreed plan, Trygga hem over time and cases per form of violence. No personal data.',
  'statistics.agreement': 'Agreement',
  'statistics.noAgreement': 'None (all cases)',
  'statistics.municipality': 'Municipality',
  'statistics.allMunicipalities': 'All municipalities',
  'statistics.programme': 'Programme',
  'statistics.allProgrammes': 'All programmes',
  'statistics.periodLabel': 'Divide by',
  'statistics.period.month': 'Month',
  'statistics.period.quarter': 'Quarter',
  'statistics.period.year': 'Year',
  'statistics.from': 'From',
  'statistics.to': 'To',
  'statistics.dateOrder': 'To cannot be before from.',
  'statistics.show': 'Show',
  'statistics.downloadCsv': 'Download CSV',
  'statistics.showing': 'Showing {from} – {to}.',
  'statistics.deadlines':
    'Deadlines: kallelse within {summons} days of discharge readiness, first meeting within {meeting} days of the request.',
  'statistics.chartsHidden':
    'The charts leave hidden counts out; the table below each chart shows every value.',
  'statistics.chartLeavesOut':
    'The chart leaves out hidden counts ("< 5", "x") and values from too few cases; see the table.',
  'statistics.tableOf': '{title}, as a table',
  'statistics.tooFew': 'too few cases to show',
  'statistics.empty': 'There are no cases in the period with the chosen filters.',
};
