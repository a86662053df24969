import { API_BASE } from '@samsyn/common';

/** The API endpoints the client calls, in one place so the interceptor can recognise them. */
export const API_PATHS = {
  login: `${API_BASE}/auth/login`,
  setup: `${API_BASE}/auth/setup`,
  logout: `${API_BASE}/auth/logout`,
  me: `${API_BASE}/me`,
  programmes: `${API_BASE}/programmes`,
  cases: `${API_BASE}/cases`,
  caseLookup: `${API_BASE}/cases/lookup`,
  /** Nödåtkomst by case number (after a lookup that found no case the caller may see). */
  emergencyAccesses: `${API_BASE}/emergency-accesses`,
  organisations: `${API_BASE}/organisations`,
  users: `${API_BASE}/users`,
} as const;

const seg = (value: string): string => encodeURIComponent(value);

/** Paths below one case; ids are encoded so a stray character cannot change the route. */
export const CASE_PATHS = {
  case: (id: string) => `${API_PATHS.cases}/${seg(id)}`,
  status: (id: string) => `${CASE_PATHS.case(id)}/status`,
  participants: (id: string) => `${CASE_PATHS.case(id)}/participants`,
  participant: (id: string, personId: string) => `${CASE_PATHS.participants(id)}/${seg(personId)}`,
  team: (id: string) => `${CASE_PATHS.case(id)}/team`,
  teamMember: (id: string, memberId: string) => `${CASE_PATHS.team(id)}/${seg(memberId)}`,
  links: (id: string) => `${CASE_PATHS.case(id)}/links`,
  journal: (id: string) => `${CASE_PATHS.case(id)}/journal`,
  consents: (id: string) => `${CASE_PATHS.case(id)}/consents`,
  disclosures: (id: string) => `${CASE_PATHS.case(id)}/disclosures`,
  emergencyAccess: (id: string) => `${CASE_PATHS.case(id)}/emergency-access`,
  withdrawConsent: (consentId: string) => `${API_BASE}/consents/${seg(consentId)}/withdraw`,
} as const;

/** The log reviewer's endpoints (permission audit:review). */
export const AUDIT_PATHS = {
  emergencyAccesses: `${API_BASE}/audit/review/emergency-accesses`,
  reviewEmergencyAccess: (id: string) =>
    `${API_BASE}/audit/review/emergency-accesses/${seg(id)}/review`,
  outsideCaseload: `${API_BASE}/audit/review/outside-caseload`,
  adminEvents: `${API_BASE}/audit/review/admin-events`,
  volumeOutliers: `${API_BASE}/audit/review/volume-outliers`,
  extract: `${API_BASE}/audit/extract`,
  caseEvents: (caseId: string) => `${API_BASE}/audit/cases/${seg(caseId)}/events`,
  verify: `${API_BASE}/audit/verify`,
} as const;

/** The caller's notifications (permission notification:read). */
export const NOTIFICATION_PATHS = {
  list: `${API_BASE}/notifications`,
  unreadCount: `${API_BASE}/notifications/unread-count`,
  readAll: `${API_BASE}/notifications/read-all`,
  read: (id: string) => `${API_BASE}/notifications/${seg(id)}/read`,
  preferences: `${API_BASE}/me/notification-preferences`,
} as const;

/** The caller's own account (issue 16): language, password and live sessions. */
export const ACCOUNT_PATHS = {
  me: API_PATHS.me,
  password: `${API_PATHS.me}/password`,
  sessions: `${API_PATHS.me}/sessions`,
  session: (id: string) => `${API_PATHS.me}/sessions/${seg(id)}`,
  signOutOthers: `${API_PATHS.me}/sessions/sign-out-others`,
} as const;

/** Cooperation agreements (D25; permissions agreement:read / agreement:manage). */
export const AGREEMENT_PATHS = {
  list: `${API_BASE}/agreements`,
  agreement: (id: string) => `${API_BASE}/agreements/${seg(id)}`,
  followUpDone: (id: string, followUpId: string) =>
    `${API_BASE}/agreements/${seg(id)}/follow-ups/${seg(followUpId)}/done`,
} as const;

/** Organisations and their units as the system administrator keeps them (organisation:manage). */
export const ORGANISATION_PATHS = {
  list: API_PATHS.organisations,
  organisation: (id: string) => `${API_PATHS.organisations}/${seg(id)}`,
  units: (id: string) => `${ORGANISATION_PATHS.organisation(id)}/units`,
  unit: (id: string, unitId: string) => `${ORGANISATION_PATHS.units(id)}/${seg(unitId)}`,
} as const;

/** The users administration (org_admin in their organisation, system_admin everywhere; issue 16). */
export const USER_ADMIN_PATHS = {
  list: `${API_BASE}/admin/users`,
  user: (id: string) => `${API_BASE}/admin/users/${seg(id)}`,
  unlock: (id: string) => `${USER_ADMIN_PATHS.user(id)}/unlock`,
  passwordReset: (id: string) => `${USER_ADMIN_PATHS.user(id)}/password-reset`,
  options: (organisationId: string) =>
    `${API_BASE}/admin/organisations/${seg(organisationId)}/user-options`,
} as const;

/** Setting a password with a one-time code (public: its holder has no session). */
export const SET_PASSWORD_PATHS = {
  set: `${API_BASE}/auth/password`,
  status: (code: string) => `${API_BASE}/auth/password/${seg(code)}`,
} as const;

/** The BullMQ dashboard (permission system:operate): a server page, opened as a full page. */
export const QUEUE_DASHBOARD_URL = `${API_BASE}/admin/queues`;

export function isApiUrl(url: string): boolean {
  return url === API_BASE || url.startsWith(`${API_BASE}/`);
}

type QueryValue = string | number | boolean | null | undefined;

/**
 * Query parameters for HttpClient without the empty ones: `undefined`, `null`, `''` and `false`
 * flags are left out, so the API applies its defaults and URLs stay short.
 */
export function queryParams(values: Readonly<Record<string, QueryValue>>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    params[name] = String(value);
  }
  return params;
}
