import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_BASE,
  type MeDto,
  type RecoveryCodesDto,
  type SecondFactorLoginDto,
  type SecondFactorStatusDto,
  type TotpCodeDto,
  type TotpEnrolmentDto,
} from '@samsyn/common';
import type { Observable } from 'rxjs';

const seg = (value: string): string => encodeURIComponent(value);

/** The second factor's endpoints (issue 16), in one place for the interceptor and the pages. */
export const SECOND_FACTOR_PATHS = {
  /** The second step of a sign-in (public; the pending sign-in's cookie goes along). */
  signIn: `${API_BASE}/auth/login/second-factor`,
  status: `${API_BASE}/me/second-factor`,
  totp: `${API_BASE}/me/second-factor/totp`,
  confirm: `${API_BASE}/me/second-factor/totp/confirm`,
  disable: `${API_BASE}/me/second-factor/totp/disable`,
  recoveryCodes: `${API_BASE}/me/second-factor/recovery-codes`,
  adminReset: (userId: string) => `${API_BASE}/admin/users/${seg(userId)}/second-factor/reset`,
} as const;

/** Typed client for the second factor: the sign-in's second step, own enrolment, admin reset. */
@Injectable({ providedIn: 'root' })
export class SecondFactorApi {
  private readonly http = inject(HttpClient);

  /** Completes a pending sign-in with a code or a recovery code; answers the user, as sign-in does. */
  signIn(dto: SecondFactorLoginDto): Observable<MeDto> {
    return this.http.post<MeDto>(SECOND_FACTOR_PATHS.signIn, dto);
  }

  status(): Observable<SecondFactorStatusDto> {
    return this.http.get<SecondFactorStatusDto>(SECOND_FACTOR_PATHS.status);
  }

  /** A new secret for the authenticator app (text, URI and QR code). */
  start(): Observable<TotpEnrolmentDto> {
    return this.http.post<TotpEnrolmentDto>(SECOND_FACTOR_PATHS.totp, null);
  }

  /** Confirms the enrolment; the answer holds the recovery codes, shown this once. */
  confirm(dto: TotpCodeDto): Observable<RecoveryCodesDto> {
    return this.http.post<RecoveryCodesDto>(SECOND_FACTOR_PATHS.confirm, dto);
  }

  regenerateRecoveryCodes(dto: TotpCodeDto): Observable<RecoveryCodesDto> {
    return this.http.post<RecoveryCodesDto>(SECOND_FACTOR_PATHS.recoveryCodes, dto);
  }

  disable(dto: TotpCodeDto): Observable<void> {
    return this.http.post<void>(SECOND_FACTOR_PATHS.disable, dto);
  }

  /**
   * An administrator removes a user's authenticator and recovery codes (system_admin anywhere,
   * org_admin in their own organisation). For the user administration page's button.
   */
  adminReset(userId: string): Observable<void> {
    return this.http.post<void>(SECOND_FACTOR_PATHS.adminReset(userId), null);
  }
}
