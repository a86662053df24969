import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AdminUserDto,
  AdminUserSummaryDto,
  CreatedUserDto,
  CreateUserDto,
  Page,
  PasswordResetResultDto,
  PasswordSetDto,
  Role,
  SetPasswordCodeStatusDto,
  SetPasswordDto,
  UpdateUserDto,
  UserOptionsDto,
} from '@samsyn/common';
import type { Observable } from 'rxjs';
import { queryParams, SET_PASSWORD_PATHS, USER_ADMIN_PATHS } from './api-paths';

export interface AdminUserQuery {
  organisationId?: string | null;
  q?: string | null;
  active?: boolean | null;
  role?: Role | null;
  page?: number;
  pageSize?: number;
}

/**
 * Typed client for the users administration (issue 16). Every change answers the user as it is
 * now, with what the caller may do next; a new user and a reset come with how the one-time
 * code was delivered.
 */
@Injectable({ providedIn: 'root' })
export class UserAdminApi {
  private readonly http = inject(HttpClient);

  list(query: AdminUserQuery): Observable<Page<AdminUserSummaryDto>> {
    // `active: false` is a filter too: sent as the string, which queryParams would drop.
    const { active, ...rest } = query;
    return this.http.get<Page<AdminUserSummaryDto>>(USER_ADMIN_PATHS.list, {
      params: {
        ...queryParams({ ...rest }),
        ...(active === true || active === false ? { active: String(active) } : {}),
      },
    });
  }

  get(id: string): Observable<AdminUserDto> {
    return this.http.get<AdminUserDto>(USER_ADMIN_PATHS.user(id));
  }

  options(organisationId: string): Observable<UserOptionsDto> {
    return this.http.get<UserOptionsDto>(USER_ADMIN_PATHS.options(organisationId));
  }

  create(dto: CreateUserDto): Observable<CreatedUserDto> {
    return this.http.post<CreatedUserDto>(USER_ADMIN_PATHS.list, dto);
  }

  update(id: string, dto: UpdateUserDto): Observable<AdminUserDto> {
    return this.http.patch<AdminUserDto>(USER_ADMIN_PATHS.user(id), dto);
  }

  unlock(id: string): Observable<AdminUserDto> {
    return this.http.post<AdminUserDto>(USER_ADMIN_PATHS.unlock(id), {});
  }

  resetPassword(id: string): Observable<PasswordResetResultDto> {
    return this.http.post<PasswordResetResultDto>(USER_ADMIN_PATHS.passwordReset(id), {});
  }
}

/** The public set-password page's calls. */
@Injectable({ providedIn: 'root' })
export class SetPasswordApi {
  private readonly http = inject(HttpClient);

  status(code: string): Observable<SetPasswordCodeStatusDto> {
    return this.http.get<SetPasswordCodeStatusDto>(SET_PASSWORD_PATHS.status(code));
  }

  set(dto: SetPasswordDto): Observable<PasswordSetDto> {
    return this.http.post<PasswordSetDto>(SET_PASSWORD_PATHS.set, dto);
  }
}
