import { DOCUMENT } from '@angular/common';
import { Injectable, inject, signal } from '@angular/core';
import type { Locale } from '@samsyn/common';
import { type LabelGroup, labelKey } from './labels';
import { type Dictionary, sv } from './sv';
import {
  DEFAULT_LOCALE,
  isLocale,
  loadDictionary,
  type TextKey,
  translateIn,
  type TranslationParams,
} from './translate';

const STORAGE_KEY = 'samsyn.locale';

/**
 * The shown language as a signal, its texts, and `<html lang>` kept in step with it. Swedish is
 * built in; another language is shown once its dictionary, a chunk of its own, has arrived.
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Locale>(DEFAULT_LOCALE);
  private readonly dictionaries = signal<Partial<Record<Locale, Dictionary>>>({ sv });
  /** The last language asked for: a slower dictionary that arrives later does not win. */
  private wanted: Locale = DEFAULT_LOCALE;

  readonly locale = this.current.asReadonly();
  /**
   * Resolves when the language this browser chose last is shown (at once for Swedish): the app
   * waits for it before its first page, so that nobody sees the other language first.
   */
  readonly ready: Promise<void>;

  constructor() {
    this.applyToDocument(this.current());
    const stored = this.storedLocale();
    this.ready = stored ? this.show(stored).catch(() => undefined) : Promise.resolve();
  }

  /**
   * The text for a key in the current language; reading it inside a template tracks changes.
   * A plural text is named by its base key and chosen by `params.count` (see `translateIn`).
   */
  t(key: TextKey, params?: TranslationParams): string {
    const locale = this.current();
    return translateIn(this.dictionaries()[locale] ?? sv, locale, key, params);
  }

  /** The name of an API code (status, role, category, …), or the code when it has none. */
  label(group: LabelGroup, code: string): string {
    const key = labelKey(group, code);
    return key ? this.t(key) : code;
  }

  /**
   * Shows `locale` once its dictionary is there (the promise resolves then) and remembers it in
   * this browser. When the dictionary cannot be fetched (offline), the shown language stays.
   */
  setLocale(locale: Locale): Promise<void> {
    try {
      this.document.defaultView?.localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Storage can be disabled (private browsing, policy); the choice then lasts for this visit.
    }
    return this.show(locale).catch(() => undefined);
  }

  private async show(locale: Locale): Promise<void> {
    this.wanted = locale;
    if (!this.dictionaries()[locale]) {
      const dictionary = await loadDictionary(locale);
      this.dictionaries.update((loaded) => ({ ...loaded, [locale]: dictionary }));
    }
    if (this.wanted !== locale) return;
    this.current.set(locale);
    this.applyToDocument(locale);
  }

  private storedLocale(): Locale | null {
    try {
      const stored = this.document.defaultView?.localStorage.getItem(STORAGE_KEY);
      return isLocale(stored) ? stored : null;
    } catch {
      return null;
    }
  }

  private applyToDocument(locale: Locale): void {
    this.document.documentElement.lang = locale;
  }
}
