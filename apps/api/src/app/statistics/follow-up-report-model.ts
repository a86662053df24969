import {
  FOLLOW_UP_ACTIVITIES,
  FOLLOW_UP_REPORT_TEXTS,
  type FollowUpActivity,
  INDICATOR_HEADINGS,
  INDICATOR_TITLES,
  type IndicatorId,
  type IndicatorTableDto,
  type OrganisationType,
  type PublishedCount,
  type StatisticsLang,
  countText,
  indicatorColumnLabel,
  indicatorRowLabel,
} from '@samsyn/common';

/**
 * The yearly follow-up report of one agreement (issue 17 §4) as data, before it is a PDF or a
 * CSV: the agreement's own facts, its indicators for the year and the year before (published by
 * the statistics service, small counts already hidden) and each party's activity (published
 * here under the same rule). Nothing in it is about a person: no case, no name, no staff.
 */
export interface FollowUpReport {
  lang: StatisticsLang;
  year: number;
  /** The last day counted of the report year: 31 December, or today for the current year. */
  yearThrough: string;
  /** True when the report year is not over yet (its figures run to `yearThrough`). */
  yearOngoing: boolean;
  comparisonYear: number;
  madeOn: string;
  agreement: {
    id: string;
    title: string;
    kind: string;
    validFrom: string;
    validUntil: string | null;
    parties: { id: string; name: string; type: OrganisationType }[];
    followUps: { label: string; dueOn: string; done: boolean; doneOn: string | null }[];
  };
  sipDeadlines: { summonsDaysAfterDischargeReady: number; firstMeetingDaysAfterRequest: number };
  /** The same indicator of the report year and of the year before, in the page's order. */
  indicators: { current: IndicatorTableDto; previous: IndicatorTableDto }[];
  /** Per party (in `agreement.parties` order), one published count per activity. */
  activity: { partyId: string; counts: Record<FollowUpActivity, PublishedCount> }[];
}

/** One indicator as the report lays it out: a label per line, the year and the year before. */
export interface IndicatorBlock {
  id: IndicatorId;
  title: string;
  /** The first column's heading, then the report year's and the comparison year's. */
  header: [string, string, string];
  /** Each line: its label, this year's value and last year's; null where nothing is published. */
  lines: [string, string | null, string | null][];
}

type Cell = IndicatorTableDto['cells'][number][number];

/** A published value as text: the count rule's "< 5" and "x", days and percent as they are. */
export function valueText(value: Cell, lang: StatisticsLang): string | null {
  return value === null ? null : countText(value, lang).text;
}

/** The report year's column heading: "2025", or "2026 t.o.m. 2026-12-07" while it runs. */
export function yearHeading(report: FollowUpReport): string {
  const t = FOLLOW_UP_REPORT_TEXTS[report.lang];
  return report.yearOngoing
    ? `${report.year} ${t.through} ${report.yearThrough}`
    : String(report.year);
}

/**
 * The indicators side by side. A table by period has one row (the year) in each: its columns
 * become lines, with the total where the table has one. The violence forms table's rows (the
 * forms) become lines.
 */
export function indicatorBlocks(report: FollowUpReport): IndicatorBlock[] {
  const { lang } = report;
  const headings = INDICATOR_HEADINGS[lang];
  const t = FOLLOW_UP_REPORT_TEXTS[lang];
  return report.indicators.map(({ current, previous }) => {
    const text = (v: Cell | undefined) => (v === undefined ? null : valueText(v, lang));
    const lines: IndicatorBlock['lines'] =
      current.rowKind === 'violence_form'
        ? current.rows.map((row, i) => [
            indicatorRowLabel(current, row, lang),
            text(current.cells[i]?.[0]),
            text(previous.cells[i]?.[0]),
          ])
        : current.columns.map((column, j) => [
            indicatorColumnLabel(column, lang),
            text(current.cells[0]?.[j]),
            text(previous.cells[0]?.[j]),
          ]);
    if (current.rowKind === 'period' && current.rowTotals)
      lines.push([headings.total, text(current.rowTotals[0]), text(previous.rowTotals?.[0])]);
    return {
      id: current.id,
      title: INDICATOR_TITLES[lang][current.id],
      header: [
        current.rowKind === 'violence_form' ? headings.violenceForm : t.indicator,
        yearHeading(report),
        String(report.comparisonYear),
      ],
      lines,
    };
  });
}

/** The activity table: a header and one line per party, every count as published text. */
export function activityLines(report: FollowUpReport): { header: string[]; lines: string[][] } {
  const t = FOLLOW_UP_REPORT_TEXTS[report.lang];
  const names = new Map(report.agreement.parties.map((p) => [p.id, p.name] as const));
  return {
    header: [t.organisation, ...FOLLOW_UP_ACTIVITIES.map((a) => t.activities[a])],
    lines: report.activity.map((row) => [
      names.get(row.partyId) ?? '',
      ...FOLLOW_UP_ACTIVITIES.map((a) => countText(row.counts[a], report.lang).text),
    ]),
  };
}
