import { DOCUMENT } from '@angular/common';
import { Injectable, inject, signal } from '@angular/core';
import type { Locale } from '@samsyn/common';
import { type LabelGroup, labelKey } from './labels';
import {
  DEFAULT_LOCALE,
  isLocale,
  type TextKey,
  translate,
  type TranslationParams,
} from './translate';

const STORAGE_KEY = 'samsyn.locale';

/** The chosen language as a signal, its texts, and `<html lang>` kept in step with it. */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Locale>(this.storedLocale() ?? DEFAULT_LOCALE);

  readonly locale = this.current.asReadonly();

  constructor() {
    this.applyToDocument(this.current());
  }

  /**
   * The text for a key in the current language; reading it inside a template tracks changes.
   * A plural text is named by its base key and chosen by `params.count` (see `translate`).
   */
  t(key: TextKey, params?: TranslationParams): string {
    return translate(this.current(), key, params);
  }

  /** The name of an API code (status, role, category, …), or the code when it has none. */
  label(group: LabelGroup, code: string): string {
    const key = labelKey(group, code);
    return key ? this.t(key) : code;
  }

  setLocale(locale: Locale): void {
    this.current.set(locale);
    this.applyToDocument(locale);
    try {
      this.document.defaultView?.localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Storage can be disabled (private browsing, policy); the choice then lasts for this visit.
    }
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
