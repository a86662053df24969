import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_BASE, type OidcProviderDto } from '@samsyn/common';
import type { Observable } from 'rxjs';

/** The organisations' identity providers the sign-in page offers (public endpoint). */
@Injectable({ providedIn: 'root' })
export class OidcApi {
  private readonly http = inject(HttpClient);

  providers(): Observable<OidcProviderDto[]> {
    return this.http.get<OidcProviderDto[]>(`${API_BASE}/auth/providers`);
  }
}
