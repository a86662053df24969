import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AccountSessionDto,
  ChangePasswordDto,
  Locale,
  MeDto,
  SignOutOthersResultDto,
  UpdateMeDto,
} from '@samsyn/common';
import type { Observable } from 'rxjs';
import { ACCOUNT_PATHS } from './api-paths';

/** Typed client for the caller's own account: language, password and sessions. */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly http = inject(HttpClient);

  /** Saves the language on the account; answers the user as /me shows them now. */
  setLocale(locale: Locale): Observable<MeDto> {
    const dto: UpdateMeDto = { locale };
    return this.http.patch<MeDto>(ACCOUNT_PATHS.me, dto);
  }

  changePassword(dto: ChangePasswordDto): Observable<void> {
    return this.http.post<void>(ACCOUNT_PATHS.password, dto);
  }

  /** The caller's live sessions, the current one first. */
  sessions(): Observable<AccountSessionDto[]> {
    return this.http.get<AccountSessionDto[]>(ACCOUNT_PATHS.sessions);
  }

  endSession(id: string): Observable<void> {
    return this.http.delete<void>(ACCOUNT_PATHS.session(id));
  }

  signOutOthers(): Observable<SignOutOthersResultDto> {
    return this.http.post<SignOutOthersResultDto>(ACCOUNT_PATHS.signOutOthers, {});
  }
}
