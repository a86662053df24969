import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import type { AccountSessionDto } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { AccountApi } from '../../core/api/account-api.service';
import { errorMessageKey } from '../../core/api/problem';
import { formatWhen } from '../../core/i18n/format';
import { WhenPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { isTranslationKey } from '../../core/i18n/translate';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { askToConfirm } from '../../core/ui/confirm-dialog';
import { deviceOf } from './device';

type State =
  | { kind: 'loading' }
  | { kind: 'loaded'; sessions: AccountSessionDto[] }
  | { kind: 'error'; key: TranslationKey };

/**
 * The user's live sessions: where (browser and system), how and when they signed in, when last
 * active; this device marked. Any other one can be signed out, or all of them at once.
 */
@Component({
  selector: 'app-account-sessions',
  imports: [MatButtonModule, TranslatePipe, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './account-sessions.html',
})
export class AccountSessions {
  private readonly api = inject(AccountApi);
  private readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly state = signal<State>({ kind: 'loading' });
  protected readonly sessions = computed(() => {
    const state = this.state();
    return state.kind === 'loaded' ? state.sessions : null;
  });
  protected readonly others = computed(() => (this.sessions() ?? []).filter((s) => !s.current));
  protected readonly errorKey = computed(() => {
    const state = this.state();
    return state.kind === 'error' ? state.key : null;
  });
  protected readonly busy = signal(false);
  /** What the live region says, as a function of the language (re-read on a switch). */
  protected readonly status = signal<() => string>(() => '');
  protected readonly actionError = signal<TranslationKey | null>(null);

  constructor() {
    void this.reload();
  }

  async reload(): Promise<void> {
    try {
      const sessions = await firstValueFrom(this.api.sessions());
      this.state.set({ kind: 'loaded', sessions });
    } catch (error: unknown) {
      this.state.set({ kind: 'error', key: errorMessageKey(error) });
    }
  }

  protected retry(): void {
    this.state.set({ kind: 'loading' });
    void this.reload();
  }

  /** "Firefox på Windows", else the User-Agent itself, else "Okänd enhet". */
  protected deviceName(session: AccountSessionDto): string {
    const { browser, os } = deviceOf(session.userAgent);
    if (browser && os) return this.i18n.t('account.sessions.deviceOn', { browser, os });
    return browser ?? os ?? session.userAgent ?? this.i18n.t('account.sessions.unknownDevice');
  }

  /** "Lösenord", "Organisationens inloggning" …; a method the client does not know, as sent. */
  protected methodName(session: AccountSessionDto): string {
    const key = `account.method.${session.method}`;
    return isTranslationKey(key) ? this.i18n.t(key) : session.method;
  }

  protected signOutLabel(session: AccountSessionDto): string {
    return this.i18n.t('account.sessions.signOutLabel', {
      device: this.deviceName(session),
      created: formatWhen(session.createdAt, 'dateTime', this.i18n.locale()),
    });
  }

  protected async signOut(session: AccountSessionDto): Promise<void> {
    await this.act(async () => {
      await firstValueFrom(this.api.endSession(session.id));
      this.status.set(() => this.i18n.t('account.sessions.signedOut'));
    });
  }

  protected async signOutOthers(): Promise<void> {
    const answer = await askToConfirm(this.dialog, {
      title: 'account.sessions.confirmTitle',
      message: 'account.sessions.confirmMessage',
      confirm: 'account.sessions.signOutOthers',
      destructive: true,
    });
    if (!answer) return;
    await this.act(async () => {
      const { ended } = await firstValueFrom(this.api.signOutOthers());
      this.status.set(() => this.i18n.t('account.sessions.othersSignedOut', { count: ended }));
    });
  }

  private async act(run: () => Promise<void>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.actionError.set(null);
    this.status.set(() => '');
    try {
      await run();
      await this.reload();
      // The button used is gone: keep keyboard users in the section, at its heading.
      this.afterRender(() => this.focus('#sessions-title'));
    } catch (error: unknown) {
      this.actionError.set(errorMessageKey(error));
      this.afterRender(() => this.focus('#sessions-error'));
    } finally {
      this.busy.set(false);
    }
  }

  private afterRender(run: () => void): void {
    afterNextRender(run, { injector: this.injector });
  }

  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
