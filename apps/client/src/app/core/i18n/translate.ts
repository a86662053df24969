import type { Locale } from '@samsyn/common';
import { en } from './en';
import { sv, type Dictionary, type TranslationKey } from './sv';

export type TranslationParams = Readonly<Record<string, string | number>>;

export const DEFAULT_LOCALE: Locale = 'sv';

export const DICTIONARIES: Readonly<Record<Locale, Dictionary>> = { sv, en };

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

export function translate(locale: Locale, key: TranslationKey, params?: TranslationParams): string {
  return interpolate(DICTIONARIES[locale][key], params);
}
