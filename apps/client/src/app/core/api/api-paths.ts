import { API_BASE } from '@samsyn/common';

/** The API endpoints the client calls, in one place so the interceptor can recognise them. */
export const API_PATHS = {
  login: `${API_BASE}/auth/login`,
  logout: `${API_BASE}/auth/logout`,
  me: `${API_BASE}/me`,
} as const;

export function isApiUrl(url: string): boolean {
  return url === API_BASE || url.startsWith(`${API_BASE}/`);
}
