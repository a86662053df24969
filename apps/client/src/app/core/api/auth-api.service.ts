import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  LoginDto,
  LogoutResultDto,
  MeDto,
  SecondFactorChallengeDto,
  SetupStatusDto,
} from '@samsyn/common';
import type { Observable } from 'rxjs';
import { API_PATHS } from './api-paths';

/** Typed client for the sign-in, sign-out and current-user endpoints. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  /** The user, or `{ secondFactorRequired: true }` when a code must follow (issue 16). */
  login(credentials: LoginDto): Observable<MeDto | SecondFactorChallengeDto> {
    return this.http.post<MeDto | SecondFactorChallengeDto>(API_PATHS.login, credentials);
  }

  /**
   * Needs the CSRF header, which `withXsrfConfiguration` adds to every mutating request. A session
   * from an identity provider answers with the provider's end-session URL; others with nothing.
   */
  logout(): Observable<LogoutResultDto | null> {
    return this.http.post<LogoutResultDto | null>(API_PATHS.logout, null);
  }

  /** Whether the installation still waits for its first administrator (public). */
  setup(): Observable<SetupStatusDto> {
    return this.http.get<SetupStatusDto>(API_PATHS.setup);
  }

  me(): Observable<MeDto> {
    return this.http.get<MeDto>(API_PATHS.me);
  }
}
