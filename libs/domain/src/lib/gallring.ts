/**
 * Gallring (D22): when a case falls due for clearing, which rule governs it, and which subjects
 * are kept for research. Pure rules; the job in `libs/server/src/lib/gallring` applies them.
 */

/** Days of the month whose births are kept for research (D22). */
export const RESEARCH_BIRTH_DAYS: readonly number[] = [5, 15, 25];

/** What a samordningsnummer adds to the day of birth. */
export const COORDINATION_DAY_OFFSET = 60;

/** The kinds of identity number `persons.personal_number_kind` holds. */
export type IdentityKind = 'personnummer' | 'samordningsnummer' | 'reserve';

/** The subject of a case as the research rule reads it. */
export interface ResearchSubject {
  kind: IdentityKind;
  /** Twelve digits (YYYYMMDDNNNN) for personnummer and samordningsnummer; anything for reserve. */
  personalNumber: string;
  /** YYYY-MM-DD as recorded: the only source of the day for a reserve number. */
  birthDate: string;
}

/**
 * The day of the month the subject was born on, as the identity number tells it: a
 * personnummer's day, a samordningsnummer's day minus 60, a reserve number's recorded birth date.
 * Null when the number does not carry a valid day.
 */
export function birthDayOfMonth(subject: ResearchSubject): number | null {
  if (subject.kind === 'reserve') return dayOf(subject.birthDate.slice(8, 10));
  const digits = subject.personalNumber.replace(/\D/g, '');
  // YYYYMMDDNNNN, or the ten-digit YYMMDDNNNN form.
  const dd =
    digits.length === 12 ? digits.slice(6, 8) : digits.length === 10 ? digits.slice(4, 6) : '';
  const day = dayOf(dd);
  if (day === null) return null;
  if (subject.kind === 'samordningsnummer') {
    const real = day - COORDINATION_DAY_OFFSET;
    return real >= 1 && real <= 31 ? real : null;
  }
  return day <= 31 ? day : null;
}

function dayOf(dd: string): number | null {
  if (!/^\d{2}$/.test(dd)) return null;
  const n = Number(dd);
  return n >= 1 ? n : null;
}

/** Kept for research: born on the 5th, 15th or 25th of a month (D22). */
export function isKeptForResearch(subject: ResearchSubject): boolean {
  const day = birthDayOfMonth(subject);
  return day !== null && RESEARCH_BIRTH_DAYS.includes(day);
}

/** A retention rule: for an organisation (null: every one) and a programme (null: every one). */
export interface RetentionRule {
  id: string;
  organisationId: string | null;
  programme: string | null;
  /** Whole years after the case's last write. */
  years: number;
}

/**
 * The rule that governs a case: the most specific one, organisation and programme before
 * organisation alone before programme alone before the default (both null). Null when no rule
 * applies (then nothing is cleared).
 */
export function governingRule<R extends RetentionRule>(
  rules: readonly R[],
  organisationId: string,
  programme: string,
): R | null {
  const score = (r: R): number => {
    if (r.organisationId !== null && r.organisationId !== organisationId) return -1;
    if (r.programme !== null && r.programme !== programme) return -1;
    return (r.organisationId !== null ? 2 : 0) + (r.programme !== null ? 1 : 0);
  };
  let best: R | null = null;
  let bestScore = -1;
  for (const r of rules) {
    const s = score(r);
    if (s > bestScore) {
      best = r;
      bestScore = s;
    }
  }
  return best;
}

/**
 * When a case falls due: `years` calendar years after its last write, at the same instant (a
 * last write on 29 February falls due on 1 March). UTC calendar arithmetic.
 */
export function clearingDueAt(lastWriteAt: Date, years: number): Date {
  const due = new Date(lastWriteAt.getTime());
  // JavaScript rolls 29 February of a common year over to 1 March.
  due.setUTCFullYear(due.getUTCFullYear() + years);
  return due;
}

/** Whether a case whose last write was `lastWriteAt` is due under a rule of `years` at `now`. */
export function isDueForClearing(lastWriteAt: Date, years: number, now: Date): boolean {
  return clearingDueAt(lastWriteAt, years).getTime() <= now.getTime();
}

/** The latest of the write times of a case and its records (nulls ignored): its last write. */
export function lastWrite(times: readonly (Date | null | undefined)[]): Date | null {
  let latest: Date | null = null;
  for (const t of times) if (t && (latest === null || t.getTime() > latest.getTime())) latest = t;
  return latest;
}

/** Why a case was not cleared although its rule's time had passed, or that it was due. */
export type ClearingOutcome = 'due' | 'research' | 'legal_hold';

/** The outcome for one case past its rule's time: a legal hold first, then research, else due. */
export function clearingOutcome(subject: ResearchSubject, legalHold: boolean): ClearingOutcome {
  if (legalHold) return 'legal_hold';
  if (isKeptForResearch(subject)) return 'research';
  return 'due';
}
