import type { SipMeasureDto, SipResponsibleKind, SipTimelineDto } from '@samsyn/common';

/** One measure placed on the shared time axis, in percent of the axis width. */
export interface TimelineBar {
  measure: SipMeasureDto;
  /** Where the bar starts, 0–100. */
  offset: number;
  /** How wide it is, > 0 and at most 100 − offset. */
  width: number;
  /** No end date: the bar runs to the end of the axis. */
  openEnded: boolean;
  /** Descriptions of other agencies' measures running at the same time (D12), for text and ARIA. */
  overlapsWith: string[];
}

export interface TimelineLane {
  key: string;
  label: string;
  responsibleKind: SipResponsibleKind;
  bars: TimelineBar[];
}

export interface TimelineTick {
  /** The first day of a month on the axis, YYYY-MM-DD. */
  date: string;
  offset: number;
}

export interface TimelineLayout {
  from: string;
  to: string;
  lanes: TimelineLane[];
  ticks: TimelineTick[];
  /** Pairs of measures of different agencies that overlap. */
  overlapCount: number;
}

/** Days an open-ended axis reaches past the last date it knows, so open bars stay visible. */
const OPEN_END_DAYS = 30;

const DAY_MS = 86_400_000;
const toDay = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Lays the plan's measures out on one time axis, a lane per agency (D12): the axis runs from the
 * first start to the last end (or a month past the last known date when a measure is
 * open-ended), with a tick on the first of each month. Null when there are no measures.
 */
export function layoutTimeline(timeline: SipTimelineDto): TimelineLayout | null {
  const measures = timeline.lanes.flatMap((lane) => lane.measures);
  if (!measures.length) return null;
  const starts = measures.map((m) => toDay(m.startDate));
  const ends = measures.map((m) => toDay(m.endDate ?? m.startDate));
  const from = Math.min(...starts);
  const lastKnown = Math.max(...starts, ...ends);
  const openEnded = measures.some((m) => m.endDate === null);
  // An end day counts as a whole day, so a bar never has zero width.
  const to = Math.max(lastKnown + 1 + (openEnded ? OPEN_END_DAYS : 0), from + 1);
  const span = to - from;
  const pct = (day: number): number => Math.round(((day - from) / span) * 10_000) / 100;

  const descriptions = new Map(measures.map((m) => [m.id, m.description]));
  const overlapsOf = new Map<string, string[]>();
  for (const overlap of timeline.overlaps) {
    const [a, b] = overlap.measureIds;
    overlapsOf.set(a, [...(overlapsOf.get(a) ?? []), descriptions.get(b) ?? b]);
    overlapsOf.set(b, [...(overlapsOf.get(b) ?? []), descriptions.get(a) ?? a]);
  }

  const lanes = timeline.lanes.map((lane) => ({
    key: lane.key,
    label: lane.label,
    responsibleKind: lane.responsibleKind,
    bars: lane.measures.map((measure) => {
      const start = toDay(measure.startDate);
      const end = measure.endDate === null ? to : toDay(measure.endDate) + 1;
      const offset = pct(start);
      return {
        measure,
        offset,
        width: Math.max(pct(end) - offset, 0.5),
        openEnded: measure.endDate === null,
        overlapsWith: overlapsOf.get(measure.id) ?? [],
      };
    }),
  }));

  const ticks: TimelineTick[] = [];
  const first = new Date(from * DAY_MS);
  for (let month = 0; ; month++) {
    const day = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + month, 1) / DAY_MS;
    if (day >= to) break;
    if (day >= from) ticks.push({ date: fromDay(day), offset: pct(day) });
  }

  return {
    from: fromDay(from),
    to: fromDay(to - 1),
    lanes,
    ticks,
    overlapCount: timeline.overlaps.length,
  };
}
