import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import { LOCALES, type Locale, Permission } from '@samsyn/common';
import { APP_PATHS } from '../../core/app-paths';
import { AuthService } from '../../core/auth/auth.service';
import { LocalePreference } from '../../core/auth/locale-preference';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { LOCALE_NAMES, isTranslationKey } from '../../core/i18n/translate';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { NotificationPreferences } from '../../core/notifications/notification-preferences';
import { AccountSessions } from './account-sessions';
import { ChangePasswordForm } from './change-password-form';

/**
 * The second-factor page below this one (`konto/tvastegsverifiering`): issue 16 §5 builds it in
 * its own folder; this page only links to it.
 */
const SECOND_FACTOR_PATH = 'tvastegsverifiering';

/**
 * "Mitt konto": every signed-in user's own details (read only), language, password, e-mail
 * about reminders, second factor and live sessions.
 */
@Component({
  selector: 'app-account-page',
  imports: [
    MatRadioModule,
    RouterLink,
    TranslatePipe,
    ChangePasswordForm,
    AccountSessions,
    NotificationPreferences,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './account.page.html',
  styleUrl: './account.page.scss',
})
export class AccountPage {
  private readonly auth = inject(AuthService);
  private readonly preference = inject(LocalePreference);
  protected readonly i18n = inject(I18nService);

  protected readonly me = this.auth.me;
  protected readonly locales = LOCALES;
  protected readonly localeNames = LOCALE_NAMES;
  protected readonly secondFactorLink = ['/', APP_PATHS.account, SECOND_FACTOR_PATH];
  protected readonly canReadNotifications = computed(() =>
    this.auth.can(Permission.NotificationRead),
  );
  /** The user's roles by name, in the current language. */
  protected readonly roleNames = computed(() =>
    (this.me()?.roles ?? []).map((role) => {
      const key = `role.${role}`;
      return isTranslationKey(key) ? this.i18n.t(key) : role;
    }),
  );
  protected readonly languageStatus = signal<TranslationKey | null>(null);

  private readonly sessions = viewChild(AccountSessions);

  protected async chooseLanguage(value: unknown): Promise<void> {
    if (value !== 'sv' && value !== 'en') return;
    this.languageStatus.set(null);
    const saved = await this.preference.choose(value satisfies Locale);
    this.languageStatus.set(saved ? 'account.language.saved' : 'account.language.notSaved');
  }

  /** The password changed: the other sessions have ended. */
  protected passwordChanged(): void {
    void this.sessions()?.reload();
  }
}
