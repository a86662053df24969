import type { Locale } from '@samsyn/common';
import { sv, type Dictionary, type TranslationKey } from './sv';

export type TranslationParams = Readonly<Record<string, string | number>>;

/**
 * The base of a text that depends on a number: `cases.resultCount` for the dictionary keys
 * `cases.resultCount.one` and `cases.resultCount.other` (plural categories of
 * `Intl.PluralRules`; Swedish and English use only these two). Looked up with a `count` param.
 * Both variants are required, so a label group with a code `other` (`relation.other`) is no
 * plural text.
 */
export type PluralKey = {
  [K in TranslationKey]: K extends `${infer Base}.other`
    ? `${Base}.one` extends TranslationKey
      ? Base
      : never
    : never;
}[TranslationKey];

/** What `t` and `translate` accept: a plain key or the base of a plural text. */
export type TextKey = TranslationKey | PluralKey;

export const DEFAULT_LOCALE: Locale = 'sv';

/**
 * A language's texts. Swedish is built in; English is a chunk of its own, fetched when it is
 * chosen, so that the sign-in page does not carry a second dictionary (issue 18).
 */
export async function loadDictionary(locale: Locale): Promise<Dictionary> {
  if (locale === 'en') return (await import('./en')).en;
  return sv;
}

/**
 * Each language's name in that language. Deliberately not translated: a reader looks for their
 * own language by its own name.
 */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { sv: 'Svenska', en: 'English' };

export function isTranslationKey(key: string): key is TranslationKey {
  return Object.prototype.hasOwnProperty.call(sv, key);
}

export function isLocale(value: unknown): value is Locale {
  return value === 'sv' || value === 'en';
}

/** Fills `{name}` placeholders; an unknown placeholder is left as it is so the gap is visible. */
export function interpolate(template: string, params?: TranslationParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** The plural category (`one`, `other`, …) of a number in a language. */
export function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

/**
 * The dictionary key for a text: the key itself, or for the base of a plural text the variant
 * that `Intl.PluralRules` picks for the `count` param (`.other` when a language has no text for
 * that category, or when no count is given).
 */
export function resolveKey(
  locale: Locale,
  key: TextKey,
  params?: TranslationParams,
): TranslationKey {
  if (isTranslationKey(key)) return key;
  const count = Number(params?.['count']);
  if (Number.isFinite(count)) {
    const variant = `${key}.${pluralCategory(locale, count)}`;
    if (isTranslationKey(variant)) return variant;
  }
  return `${key}.other` as TranslationKey;
}

/**
 * The text for a key in a language's dictionary, placeholders filled. A plural base
 * (`cases.resultCount`) takes its count from `params.count`: "1 ärende hittades." / "2 ärenden
 * hittades.".
 */
export function translateIn(
  dictionary: Dictionary,
  locale: Locale,
  key: TextKey,
  params?: TranslationParams,
): string {
  return interpolate(dictionary[resolveKey(locale, key, params)], params);
}
