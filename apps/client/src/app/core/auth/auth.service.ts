import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import type { LoginDto, MeDto, Permission, SecondFactorLoginDto } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { AuthApi } from '../api/auth-api.service';
import { I18nService } from '../i18n/i18n.service';
import { SecondFactorApi } from '../api/second-factor-api.service';

/**
 * Why the user is on the sign-in page without a session, shown there as a notice.
 * `unavailable`: the API could not say whether there is one (503 while its database restarts).
 */
export type SignedOutReason = 'signedOut' | 'sessionExpired' | 'unavailable';

/** The signed-in user as a signal, and signing in and out. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly api = inject(AuthApi);
  private readonly i18n = inject(I18nService);
  private readonly document = inject(DOCUMENT);
  private readonly secondFactorApi = inject(SecondFactorApi);
  private readonly currentUser = signal<MeDto | null>(null);
  private readonly reason = signal<SignedOutReason | null>(null);
  private session: Promise<MeDto | null> | null = null;

  /** The signed-in user, or null. */
  readonly me = this.currentUser.asReadonly();
  readonly signedIn = computed(() => this.currentUser() !== null);
  readonly signedOutReason = this.reason.asReadonly();
  /**
   * The session may only enrol a second factor (issue 16): the organisation requires one and
   * this sign-in passed the password alone. The guards send such a user to the enrolment page.
   */
  readonly mustEnrolSecondFactor = computed(
    () => this.currentUser()?.secondFactor.enrolmentRequired ?? false,
  );
  private readonly permissions = computed(() => new Set(this.currentUser()?.permissions ?? []));

  /**
   * Whether the signed-in user's roles grant the permission: the client hides what the user
   * cannot do (the API enforces it). Reading it in a template or `computed` tracks the user.
   */
  can(permission: Permission): boolean {
    return this.permissions().has(permission);
  }

  /**
   * Asks the API once whether the browser already has a session (the cookie is httpOnly, so
   * only the server can tell); later calls reuse the answer until sign-in or sign-out. Only a
   * 401 means "no session": when the API cannot answer (503, offline) the session may well be
   * alive, so the next navigation asks again instead of the user being taken as signed out.
   */
  restoreSession(): Promise<MeDto | null> {
    this.session ??= firstValueFrom(this.api.me()).then(
      (me) => {
        if (this.reason() === 'unavailable') this.reason.set(null);
        return this.setUser(me);
      },
      (error: unknown) => {
        if (!(error instanceof HttpErrorResponse && error.status === 401)) {
          this.session = null;
          this.reason.set('unavailable');
        }
        return this.setUser(null);
      },
    );
    return this.session;
  }

  /**
   * Signs in with the password: the user, or `'secondFactor'` when the account has an
   * authenticator and `completeSecondFactor` must follow (within five minutes).
   */
  async signIn(credentials: LoginDto): Promise<MeDto | 'secondFactor'> {
    const answer = await firstValueFrom(this.api.login(credentials));
    if ('secondFactorRequired' in answer) return 'secondFactor';
    return this.signedInAs(answer);
  }

  /** The second step: a code from the authenticator app, or a recovery code. */
  async completeSecondFactor(dto: SecondFactorLoginDto): Promise<MeDto> {
    return this.signedInAs(await firstValueFrom(this.secondFactorApi.signIn(dto)));
  }

  /** After an enrolment: /me again, so that the session is no longer limited to enrolling. */
  async refresh(): Promise<MeDto | null> {
    try {
      const me = await firstValueFrom(this.api.me());
      this.session = Promise.resolve(me);
      return this.setUser(me);
    } catch {
      return this.currentUser();
    }
  }

  private signedInAs(me: MeDto): MeDto {
    // The language saved on the account wins over this browser's (issue 16): the user chose it,
    // perhaps on another device. A restored session keeps the browser's, which the language
    // switch saves on the account too.
    void this.i18n.setLocale(me.locale);
    this.reason.set(null);
    this.setUser(me);
    this.session = Promise.resolve(me);
    return me;
  }

  /**
   * Ends the session on the server. The client forgets the user even if that request fails
   * (offline, session already gone): the server then ends the session at its idle timeout.
   * Resolves true when the browser is leaving for the identity provider's end-session page (a
   * session signed in through the organisation's provider), so the caller does not navigate.
   */
  async signOut(): Promise<boolean> {
    let endSessionUrl: string | null = null;
    try {
      endSessionUrl = (await firstValueFrom(this.api.logout()))?.endSessionUrl ?? null;
    } catch {
      // Nothing more the user can do here; they are signed out locally either way.
    } finally {
      this.sessionEnded('signedOut');
    }
    if (!endSessionUrl) return false;
    this.document.location.assign(endSessionUrl);
    return true;
  }

  /** Forgets the user locally, e.g. when the API answers 401 because the session expired. */
  sessionEnded(reason: SignedOutReason): void {
    this.reason.set(reason);
    this.setUser(null);
    this.session = Promise.resolve(null);
  }

  private setUser(me: MeDto | null): MeDto | null {
    this.currentUser.set(me);
    return me;
  }
}
