import type { Locale } from '@samsyn/common';
import { en } from './en';
import { sv, type Dictionary } from './sv';
import { type TextKey, type TranslationParams, translateIn } from './translate';

/**
 * Both languages at hand, for code that cannot wait for a chunk (unit tests). The app does not
 * import this file: I18nService fetches English only when it is chosen (`loadDictionary`).
 */
export const DICTIONARIES: Readonly<Record<Locale, Dictionary>> = { sv, en };

/**
 * The text for a key in a language, placeholders filled. A plural base (`cases.resultCount`)
 * takes its count from `params.count`: "1 ärende hittades." / "2 ärenden hittades.".
 */
export function translate(locale: Locale, key: TextKey, params?: TranslationParams): string {
  return translateIn(DICTIONARIES[locale], locale, key, params);
}
