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
import { Router } from '@angular/router';
import type { SecondFactorStatusDto, TotpEnrolmentDto } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { errorMessageKey } from '../../core/api/problem';
import { SecondFactorApi } from '../../core/api/second-factor-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { AuthService } from '../../core/auth/auth.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { RecoveryCodes } from './recovery-codes';
import { TotpCodeForm } from './totp-code-form';

/**
 * The user's second factor (issue 16): set up an authenticator app (QR code or the secret typed
 * by hand, confirmed with a code), the recovery codes shown once, and — once set up — new
 * recovery codes or turning it off where the organisation allows. A session that may only enrol
 * is sent here by the guards.
 */
@Component({
  selector: 'app-second-factor-page',
  imports: [MatButtonModule, TranslatePipe, TotpCodeForm, RecoveryCodes],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './second-factor.page.html',
  styleUrl: './second-factor.page.scss',
})
export class SecondFactorPage {
  private readonly api = inject(SecondFactorApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly status = signal<SecondFactorStatusDto | null>(null);
  protected readonly loadError = signal<TranslationKey | null>(null);
  /** A started enrolment: the secret to add to the app. */
  protected readonly enrolment = signal<TotpEnrolmentDto | null>(null);
  protected readonly starting = signal(false);
  protected readonly startError = signal<TranslationKey | null>(null);
  /** Recovery codes just issued: shown until the person says they saved them. */
  protected readonly codes = signal<readonly string[] | null>(null);
  protected readonly notice = signal<TranslationKey | null>(null);
  /** The session may only enrol: the organisation requires a second factor. */
  protected readonly mustEnrol = this.auth.mustEnrolSecondFactor;
  /** Whether this visit began in a session limited to enrolment (it then ends on the start page). */
  private readonly cameToEnrol = this.auth.mustEnrolSecondFactor();
  /** The secret in groups of four, easier to type by hand. */
  protected readonly groupedSecret = computed(
    () =>
      this.enrolment()
        ?.secret.match(/.{1,4}/g)
        ?.join(' ') ?? '',
  );

  protected readonly confirm = async (code: string): Promise<void> => {
    const { recoveryCodes } = await firstValueFrom(this.api.confirm({ code }));
    this.enrolment.set(null);
    this.codes.set(recoveryCodes);
    // The session has passed a second factor now: no longer limited to this page.
    await this.auth.refresh();
    await this.load();
    this.focus('#recovery-codes-title');
  };

  protected readonly regenerate = async (code: string): Promise<void> => {
    const { recoveryCodes } = await firstValueFrom(this.api.regenerateRecoveryCodes({ code }));
    this.codes.set(recoveryCodes);
    await this.load();
    this.focus('#recovery-codes-title');
  };

  protected readonly disable = async (code: string): Promise<void> => {
    await firstValueFrom(this.api.disable({ code }));
    await this.auth.refresh();
    await this.load();
    this.say('secondFactor.turnedOff');
  };

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loadError.set(null);
    try {
      this.status.set(await firstValueFrom(this.api.status()));
    } catch (error: unknown) {
      this.loadError.set(errorMessageKey(error));
    }
  }

  protected async start(): Promise<void> {
    if (this.starting()) return;
    this.starting.set(true);
    this.startError.set(null);
    this.notice.set(null);
    try {
      this.enrolment.set(await firstValueFrom(this.api.start()));
      this.focus('#enrol-scan-title');
    } catch (error: unknown) {
      this.startError.set(errorMessageKey(error));
    } finally {
      this.starting.set(false);
    }
  }

  protected cancelEnrolment(): void {
    this.enrolment.set(null);
    this.focus('#enrol-start');
  }

  /** The codes are saved: a session that had to enrol goes on to its start page. */
  protected async codesSaved(): Promise<void> {
    this.codes.set(null);
    if (this.auth.mustEnrolSecondFactor()) return;
    if (this.cameToEnrol) {
      await this.router.navigate(['/']);
      return;
    }
    this.say('secondFactor.enrolledNotice');
  }

  protected async signOut(): Promise<void> {
    await this.auth.signOut();
    await this.router.navigate(['/', APP_PATHS.signIn]);
  }

  private say(key: TranslationKey): void {
    this.notice.set(key);
    this.focus('#second-factor-notice');
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), {
      injector: this.injector,
    });
  }
}
