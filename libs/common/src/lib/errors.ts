/**
 * Stable machine codes carried in problem-details responses (`code`). The client translates
 * them; the API's `detail` text is English and never contains personal data.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  AuthenticationRequired = 'AUTHENTICATION_REQUIRED',
  /**
   * The one answer to an unknown username, a wrong password or code, and a locked account alike
   * (issue 18: nothing tells the caller which usernames exist).
   */
  InvalidCredentials = 'INVALID_CREDENTIALS',
  /** The pending sign-in awaiting a second factor is unknown, used or older than five minutes. */
  SignInExpired = 'SIGN_IN_EXPIRED',
  /**
   * A session signed in with a password alone where the organisation requires a second factor:
   * it may only enrol one (and read /me, sign out) until the enrolment is confirmed.
   */
  SecondFactorEnrolmentRequired = 'SECOND_FACTOR_ENROLMENT_REQUIRED',
  /** The organisation requires a second factor: it cannot be turned off. */
  SecondFactorRequired = 'SECOND_FACTOR_REQUIRED',
  /** Emergency access (D17) needs a session that passed a second factor in this organisation. */
  StrongSessionRequired = 'STRONG_SESSION_REQUIRED',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  CsrfTokenInvalid = 'CSRF_TOKEN_INVALID',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  VersionConflict = 'VERSION_CONFLICT',
  /** The case's programme does not allow this status change. */
  InvalidTransition = 'INVALID_TRANSITION',
  /** Consent for a minor needs the guardian's consent as well (D14). */
  GuardianConsentRequired = 'GUARDIAN_CONSENT_REQUIRED',
  /** A request that breaks a domain rule; `detail` says which. */
  RuleViolation = 'RULE_VIOLATION',
  /** A SIP meeting cannot be called while a plan version is a draft; `details` names it. */
  SipDraftPlanExists = 'SIP_DRAFT_PLAN_EXISTS',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_ERROR',
}

/** A field-level validation error: `field` is a dotted path into the request body or query. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** RFC 9457 problem details, as every error response of the API is shaped. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: ErrorCode;
  requestId?: string;
  errors?: FieldError[];
  /**
   * For SERVICE_UNAVAILABLE from the health check: which dependency is down. For FORBIDDEN on a
   * case: `{ reason: AccessDenialReason }` (no_relation, no_consent, not_owner, case_closed,
   * role_not_permitted), so the client can say why and offer emergency access.
   */
  details?: Record<string, unknown>;
  /** For VERSION_CONFLICT: the version the server holds now. */
  currentVersion?: number;
}
