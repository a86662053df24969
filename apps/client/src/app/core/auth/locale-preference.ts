import { Injectable, inject } from '@angular/core';
import type { Locale, MeDto } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { AccountApi } from '../api/account-api.service';
import { I18nService } from '../i18n/i18n.service';
import { AuthService } from './auth.service';

/**
 * Choosing the language (the top bar's switch, "Mitt konto"): shown at once, and saved on the
 * account when signed in, so that the next sign-in, on any device, starts in it (issue 16).
 */
@Injectable({ providedIn: 'root' })
export class LocalePreference {
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthService);
  private readonly api = inject(AccountApi);

  /** What was last sent for which signed-in user (a new sign-in brings a new `me`). */
  private sent: { me: MeDto; locale: Locale } | null = null;
  /** Saves one after the other, so that quick switching ends with the last choice saved. */
  private queue: Promise<boolean> = Promise.resolve(true);

  /**
   * Shows `locale` and, when signed in, saves it unless the account has it already. Resolves
   * whether the account now has it (true also when signed out: nothing to save).
   */
  choose(locale: Locale): Promise<boolean> {
    void this.i18n.setLocale(locale);
    const me = this.auth.me();
    if (!me) return Promise.resolve(true);
    const saved = this.sent?.me === me ? this.sent.locale : me.locale;
    if (saved === locale) return this.queue;
    const sent = { me, locale };
    this.sent = sent;
    this.queue = this.queue.then(() =>
      firstValueFrom(this.api.setLocale(locale)).then(
        () => true,
        () => {
          // Not saved: the next choice compares with the account's language again.
          if (this.sent === sent) this.sent = null;
          return false;
        },
      ),
    );
    return this.queue;
  }
}
