/* Side-effect free values of the small-counts rule (issue 17 §3): the client imports them to show
 * figures, the API to write CSV and PDF, so no decorators here. The rule itself (which counts
 * are hidden, and which others with them) lives in `@samsyn/domain` (`small-counts.ts`). */

/**
 * Counts from 1 to SMALL_COUNT_THRESHOLD − 1 are never published (D1, D6): in a municipality of
 * a few thousand people, "3 Trygga hem cases at priority D in Lindesberg in March" points at
 * households. 0 describes nobody and is shown; 5 and more are shown as they are.
 */
export const SMALL_COUNT_THRESHOLD = 5;

/**
 * Why a count is not published:
 * - `small`: it is between 1 and 4, shown as "< 5";
 * - `secondary`: published, it would let a reader work out a small count from the other figures
 *   (secondary suppression); shown as "x". It is 5 or more, except for a total whose parts are
 *   all small and would be pinned by "< 5" (four parts of 1 under a total of 4).
 */
export type HiddenReason = 'small' | 'secondary';

/** A count that is not published, and why. */
export interface HiddenCount {
  readonly hidden: HiddenReason;
}

/** A count as published: the number itself, or that it is hidden. */
export type PublishedCount = number | HiddenCount;

/** True when the count is hidden (either reason). */
export function isHiddenCount(count: PublishedCount): count is HiddenCount {
  return typeof count !== 'number';
}

/** How a published count reads, in a table cell (`text`) and spoken (`spoken`). */
export interface CountText {
  /** What a cell, a CSV field or a PDF shows: "12", "< 5", "x". */
  text: string;
  /** What a screen reader should say instead, when it differs from `text`; null otherwise. */
  spoken: string | null;
  hidden: HiddenReason | null;
}

const SPOKEN: Record<'sv' | 'en', Record<HiddenReason, string>> = {
  sv: {
    small: `färre än ${SMALL_COUNT_THRESHOLD}`,
    secondary: 'dold, så att ett litet antal inte kan räknas fram',
  },
  en: {
    small: `fewer than ${SMALL_COUNT_THRESHOLD}`,
    secondary: 'hidden, so that a small count cannot be worked out',
  },
};

/**
 * The one way a published count is written (page, CSV, PDF, export): the number in plain digits
 * (a CSV stays machine-readable), "< 5" for a small count, "x" for one hidden to protect another
 * (the mark Statistics Sweden uses for figures withheld for confidentiality).
 */
export function countText(count: PublishedCount, lang: 'sv' | 'en' = 'sv'): CountText {
  if (typeof count === 'number') return { text: String(count), spoken: null, hidden: null };
  return {
    text: count.hidden === 'small' ? `< ${SMALL_COUNT_THRESHOLD}` : 'x',
    spoken: SPOKEN[lang][count.hidden],
    hidden: count.hidden,
  };
}

/** The explanation a table of published counts carries under it, in words. */
export function smallCountsNote(lang: 'sv' | 'en' = 'sv'): string {
  return lang === 'sv'
    ? `Antal från 1 till ${SMALL_COUNT_THRESHOLD - 1} visas som ”< ${SMALL_COUNT_THRESHOLD}”; ”x” är ett antal som döljs så att ett litet antal inte kan räknas fram ur summorna.`
    : `Counts from 1 to ${SMALL_COUNT_THRESHOLD - 1} are shown as "< ${SMALL_COUNT_THRESHOLD}"; "x" is a count hidden so that a small count cannot be worked out from the totals.`;
}
