import type { Locale } from '@samsyn/common';

/** The BCP 47 tag that formats dates the way readers of each language expect them. */
const FORMAT_LOCALE: Readonly<Record<Locale, string>> = { sv: 'sv-SE', en: 'en-GB' };

export type WhenFormat = 'date' | 'dateTime' | 'time';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date (`YYYY-MM-DD`, a calendar day: never shifted by time zone) or a timestamp (shown in the
 * browser's zone) for display; empty for null and the input itself when it is not a date.
 */
export function formatWhen(
  value: string | null | undefined,
  format: WhenFormat,
  locale: Locale,
  timeZone?: string,
): string {
  if (!value) return '';
  const dateOnly = DATE_ONLY.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  const zone = dateOnly ? 'UTC' : timeZone;
  // Swedish readers expect 2026-03-05; English readers 5 Mar 2026.
  const dateStyle = locale === 'sv' ? 'short' : 'medium';
  const options: Intl.DateTimeFormatOptions =
    format === 'time' && !dateOnly
      ? { hour: '2-digit', minute: '2-digit', timeZone: zone }
      : format === 'dateTime' && !dateOnly
        ? { dateStyle, timeStyle: 'short', timeZone: zone }
        : { dateStyle, timeZone: zone };
  return new Intl.DateTimeFormat(FORMAT_LOCALE[locale], options).format(date);
}

/** The name of a language (ISO 639-1 code) in the reader's language, e.g. `ar` → "arabiska". */
export function languageName(code: string | null | undefined, locale: Locale): string {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([FORMAT_LOCALE[locale]], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Today as `YYYY-MM-DD` in the browser's zone, optionally moved by whole days or months. */
export function isoDay(from: Date = new Date(), addDays = 0, addMonths = 0): string {
  const d = new Date(from.getFullYear(), from.getMonth() + addMonths, from.getDate() + addDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
