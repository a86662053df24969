import { FOLLOW_UP_REPORT_TEXTS, smallCountsNote } from '@samsyn/common';
import {
  type FollowUpReport,
  activityLines,
  indicatorBlocks,
  yearHeading,
} from './follow-up-report-model';
import { csvCell } from './statistics-csv';

/**
 * The yearly follow-up report as CSV, written like the statistics page's (semicolons, a BOM,
 * CRLF): one block per section, each headed by its title on a line of its own and separated by
 * an empty line — the agreement, its parties, validity, follow-up dates and SIP deadlines, each
 * indicator with the year and the year before, the activity per party, and the steering group's
 * assessment with empty fields to fill in.
 */
export function followUpReportCsv(report: FollowUpReport): string {
  const t = FOLLOW_UP_REPORT_TEXTS[report.lang];
  const a = report.agreement;
  const blocks: string[][][] = [];
  blocks.push([
    [`${t.title} ${report.year}`],
    [t.agreement, a.title],
    [t.kind, t.agreementKinds[a.kind] ?? a.kind],
    [t.reportYear, yearHeading(report)],
    [t.comparisonYear, String(report.comparisonYear)],
    [t.madeOn, report.madeOn],
  ]);
  blocks.push([
    [t.parties],
    [t.organisation, t.organisationType],
    ...a.parties.map((p) => [p.name, t.organisationTypes[p.type] ?? p.type]),
  ]);
  blocks.push([
    [t.validity],
    [t.validFrom, a.validFrom],
    [t.validUntil, a.validUntil ?? t.untilFurtherNotice],
  ]);
  blocks.push([
    [t.followUps],
    [t.followUp, t.dueOn, t.done],
    ...a.followUps.map((f) => [
      f.label,
      f.dueOn,
      f.done ? (f.doneOn ? `${t.yes} (${f.doneOn})` : t.yes) : t.no,
    ]),
  ]);
  blocks.push([
    [t.sipDeadlines],
    [t.summonsDays, String(report.sipDeadlines.summonsDaysAfterDischargeReady)],
    [t.firstMeetingDays, String(report.sipDeadlines.firstMeetingDaysAfterRequest)],
  ]);
  blocks.push([[t.indicators]]);
  for (const block of indicatorBlocks(report))
    blocks.push([
      [block.title],
      block.header,
      ...block.lines.map(([label, now, before]) => [label, now ?? '', before ?? '']),
    ]);
  const activity = activityLines(report);
  blocks.push([[t.activity], activity.header, ...activity.lines]);
  blocks.push([[t.assessment], ...t.assessmentLines.map((line) => [line, ''])]);
  blocks.push([[smallCountsNote(report.lang)], [t.noPersonalData]]);
  const text = blocks
    .map((lines) => lines.map((l) => l.map(csvCell).join(';')).join('\r\n'))
    .join('\r\n\r\n');
  return `\uFEFF${text}\r\n`;
}
