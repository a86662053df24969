import { CaseAction, ErrorCode, type ProblemDetails } from '@samsyn/common';
import { deniedActions, errorMessageKey, problemOf } from './problem';

const problem = (status: number, code: string): Partial<ProblemDetails> => ({
  type: 'about:blank',
  title: 'x',
  status,
  code: code as ErrorCode,
});

const failure = (status: number, error: unknown = null) => ({ status, error });

describe('problemOf', () => {
  it('returns the problem details body of a failed response', () => {
    const body = problem(401, ErrorCode.InvalidCredentials);
    expect(problemOf(failure(401, body))).toBe(body);
  });

  it('returns null for bodies that are not problem details and for non-HTTP errors', () => {
    expect(problemOf(failure(502, '<html>Bad gateway</html>'))).toBeNull();
    expect(problemOf(failure(500, { message: 'x' }))).toBeNull();
    expect(problemOf(new Error('boom'))).toBeNull();
    expect(problemOf(undefined)).toBeNull();
  });
});

describe('deniedActions', () => {
  it('reads what a 403 on a case or the 404 of a lookup offers instead', () => {
    const offered = { allowedActions: [CaseAction.EmergencyAccessRequest] };
    for (const status of [403, 404])
      expect(deniedActions(failure(status, { ...problem(status, 'X'), details: offered }))).toEqual(
        [CaseAction.EmergencyAccessRequest],
      );
  });

  it('is empty when nothing is offered or the body is not a problem', () => {
    expect(deniedActions(failure(404, problem(404, ErrorCode.NotFound)))).toEqual([]);
    expect(deniedActions(failure(404, { ...problem(404, 'X'), details: { reason: 'x' } }))).toEqual(
      [],
    );
    expect(deniedActions(failure(502, '<html>Bad gateway</html>'))).toEqual([]);
  });
});

describe('errorMessageKey', () => {
  it.each([
    [ErrorCode.InvalidCredentials, 'error.INVALID_CREDENTIALS'],
    [ErrorCode.TooManyRequests, 'error.TOO_MANY_REQUESTS'],
    [ErrorCode.ValidationFailed, 'error.VALIDATION_FAILED'],
    [ErrorCode.ServiceUnavailable, 'error.SERVICE_UNAVAILABLE'],
  ])('translates the problem code %s', (code, key) => {
    expect(errorMessageKey(failure(400, problem(400, code)))).toBe(key);
  });

  it('falls back by status when the code is unknown or the body is not a problem', () => {
    expect(errorMessageKey(failure(0))).toBe('error.network');
    expect(errorMessageKey(failure(429, 'slow down'))).toBe('error.TOO_MANY_REQUESTS');
    expect(errorMessageKey(failure(503))).toBe('error.SERVICE_UNAVAILABLE');
    expect(errorMessageKey(failure(418, problem(418, 'SOMETHING_NEW')))).toBe('error.unknown');
    expect(errorMessageKey(new Error('boom'))).toBe('error.unknown');
  });
});
