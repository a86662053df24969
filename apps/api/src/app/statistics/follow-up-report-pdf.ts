import { FOLLOW_UP_REPORT_TEXTS, smallCountsNote } from '@samsyn/common';
import { renderPdf } from '../sip/sip-documents';
import {
  type FollowUpReport,
  activityLines,
  indicatorBlocks,
  yearHeading,
} from './follow-up-report-model';

const NONE = '–';

const header = (cells: readonly string[]) => cells.map((text) => ({ text, bold: true }));

/** A table with a bold header row, repeated on each page it runs over. */
function table(head: readonly string[], body: string[][], widths: (string | number)[]) {
  return {
    table: { headerRows: 1, widths, dontBreakRows: true, body: [header(head), ...body] },
    layout: 'lightHorizontalLines',
    margin: [0, 2, 0, 6],
  };
}

/**
 * The yearly follow-up report as a pdfmake document (issue 17 §4), in Swedish or English, with
 * the built-in Helvetica fonts the SIP documents use: the agreement, its parties, validity and
 * follow-up dates, each indicator with the year before beside it, each party's activity, and an
 * empty, headed section for the steering group's assessment. Built only from the report model,
 * which holds no personal data.
 */
export function followUpReportDefinition(report: FollowUpReport): object {
  const t = FOLLOW_UP_REPORT_TEXTS[report.lang];
  const a = report.agreement;
  const activity = activityLines(report);
  const indicators = indicatorBlocks(report).flatMap((block) => [
    { text: block.title, style: 'h3' },
    table(
      block.header,
      block.lines.map(([label, now, before]) => [label, now ?? NONE, before ?? NONE]),
      ['*', 90, 90],
    ),
  ]);
  const assessment = t.assessmentLines.flatMap((line) => [
    { text: line, bold: true, margin: [0, 8, 0, 2] },
    // An empty box to write in.
    { table: { widths: ['*'], heights: [56], body: [['']] }, margin: [0, 0, 0, 2] },
  ]);
  return {
    info: { title: `${t.title} ${report.year} – ${a.title}` },
    language: report.lang,
    pageMargins: [40, 50, 40, 50],
    defaultStyle: { font: 'Helvetica', fontSize: 9 },
    styles: {
      h1: { fontSize: 18, bold: true },
      h2: { fontSize: 13, bold: true, margin: [0, 12, 0, 4] },
      h3: { fontSize: 10, bold: true, margin: [0, 6, 0, 2] },
      muted: { color: '#444444' },
    },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: t.noPersonalData, style: 'muted' },
        { text: `${page} / ${pages}`, alignment: 'right', style: 'muted' },
      ],
      margin: [40, 10, 40, 0],
      fontSize: 8,
    }),
    content: [
      { text: `${t.title} ${report.year}`, style: 'h1' },
      { text: a.title, fontSize: 12, bold: true, margin: [0, 4, 0, 6] },
      {
        columns: [
          {
            width: 'auto',
            stack: [t.kind, t.reportYear, t.comparisonYear, t.madeOn].map((text) => ({
              text: `${text}:`,
              bold: true,
            })),
          },
          {
            width: '*',
            stack: [
              t.agreementKinds[a.kind] ?? a.kind,
              yearHeading(report),
              String(report.comparisonYear),
              report.madeOn,
            ],
          },
        ],
        columnGap: 8,
      },

      { text: t.parties, style: 'h2' },
      table(
        [t.organisation, t.organisationType],
        a.parties.map((p) => [p.name, t.organisationTypes[p.type] ?? p.type]),
        ['*', 'auto'],
      ),

      { text: t.validity, style: 'h2' },
      `${t.validFrom}: ${a.validFrom}`,
      `${t.validUntil}: ${a.validUntil ?? t.untilFurtherNotice}`,

      { text: t.followUps, style: 'h2' },
      a.followUps.length
        ? table(
            [t.followUp, t.dueOn, t.done],
            a.followUps.map((f) => [
              f.label,
              f.dueOn,
              f.done ? (f.doneOn ? `${t.yes} (${f.doneOn})` : t.yes) : t.no,
            ]),
            ['*', 'auto', 'auto'],
          )
        : t.noFollowUps,

      { text: t.sipDeadlines, style: 'h2' },
      `${t.summonsDays}: ${report.sipDeadlines.summonsDaysAfterDischargeReady} ${t.days}`,
      `${t.firstMeetingDays}: ${report.sipDeadlines.firstMeetingDaysAfterRequest} ${t.days}`,

      { text: t.indicators, style: 'h2', pageBreak: 'before' },
      { text: t.indicatorsIntro, style: 'muted' },
      ...indicators,
      { text: `${smallCountsNote(report.lang)} ${NONE}: ${t.notPublished}`, style: 'muted' },

      { text: t.activity, style: 'h2' },
      { text: t.activityIntro, style: 'muted' },
      table(activity.header, activity.lines, ['*', ...activity.header.slice(1).map(() => 62)]),

      { text: t.assessment, style: 'h2', pageBreak: 'before' },
      { text: t.assessmentIntro, style: 'muted' },
      ...assessment,
    ],
  };
}

/** The report as a PDF buffer. */
export function followUpReportPdf(report: FollowUpReport): Promise<Buffer> {
  return renderPdf(followUpReportDefinition(report));
}
