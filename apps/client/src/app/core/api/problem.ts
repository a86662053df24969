import type { CaseAction, ProblemDetails } from '@samsyn/common';
import type { TranslationKey } from '../i18n/sv';
import { isTranslationKey } from '../i18n/translate';

/** The parts of Angular's HttpErrorResponse this module reads (kept structural for unit tests). */
interface HttpFailureLike {
  status: number;
  error: unknown;
}

function isHttpFailure(value: unknown): value is HttpFailureLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as HttpFailureLike).status === 'number'
  );
}

/** The RFC 9457 problem details in a failed response, or null when the body is not one. */
export function problemOf(failure: unknown): ProblemDetails | null {
  if (!isHttpFailure(failure)) return null;
  const body = failure.error;
  if (typeof body !== 'object' || body === null) return null;
  const { code, status } = body as Partial<ProblemDetails>;
  return typeof code === 'string' && typeof status === 'number' ? (body as ProblemDetails) : null;
}

/**
 * What the server lets a caller do instead after a refusal (`details.allowedActions`): on a 403
 * for a case, or a lookup's 404, `emergencyAccess.request` when they may ask for nödåtkomst.
 */
export function deniedActions(failure: unknown): CaseAction[] {
  const actions = problemOf(failure)?.details?.['allowedActions'];
  return Array.isArray(actions) ? (actions as CaseAction[]) : [];
}

/**
 * The translation key for a failed request: the problem's stable `code` when the client knows
 * it, a network message when the server was not reached, otherwise a generic message.
 */
export function errorMessageKey(failure: unknown): TranslationKey {
  const problem = problemOf(failure);
  const codeKey = problem ? `error.${problem.code}` : '';
  if (isTranslationKey(codeKey)) return codeKey;
  if (isHttpFailure(failure)) {
    if (failure.status === 0) return 'error.network';
    if (failure.status === 429) return 'error.TOO_MANY_REQUESTS';
    if (failure.status >= 500) return 'error.SERVICE_UNAVAILABLE';
  }
  return 'error.unknown';
}
