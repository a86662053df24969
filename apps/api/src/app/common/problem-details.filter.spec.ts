import {
  type ArgumentsHost,
  Logger,
  BadRequestException,
  HttpStatus,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ErrorCode, type ProblemDetails } from '@samsyn/common';
import { OptimisticLockVersionMismatchError, QueryFailedError } from 'typeorm';
import { ApiException } from './problem-details';
import { ProblemDetailsFilter } from './problem-details.filter';

function run(exception: unknown): {
  status: number;
  type: string;
  body: ProblemDetails;
  headers: Record<string, string>;
} {
  const sent = {
    status: 0,
    type: '',
    body: undefined as unknown as ProblemDetails,
    headers: {} as Record<string, string>,
  };
  const res = {
    setHeader(name: string, value: string) {
      sent.headers[name.toLowerCase()] = value;
      return this;
    },
    status(s: number) {
      sent.status = s;
      return this;
    },
    type(t: string) {
      sent.type = t;
      return this;
    },
    json(b: ProblemDetails) {
      sent.body = b;
      return this;
    },
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ id: 'req-1', originalUrl: '/api/v1/persons/19121212-1212' }),
      getResponse: () => res,
    }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return sent;
}

const pgError = (code: string) =>
  new QueryFailedError(
    'INSERT …',
    ['19121212-1212'],
    Object.assign(new Error('duplicate key value (19121212-1212)'), { code }),
  );

describe('ProblemDetailsFilter', () => {
  // 500s are logged (name and stack only); keep the test output quiet and check what is logged.
  const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  afterAll(() => {
    logged.mockRestore();
    warned.mockRestore();
  });

  it('renders an ApiException with its code, status and extras as application/problem+json', () => {
    const { status, type, body } = run(
      new ApiException(HttpStatus.CONFLICT, ErrorCode.VersionConflict, 'Changed by someone else.', {
        currentVersion: 4,
      }),
    );
    expect(status).toBe(409);
    expect(type).toBe('application/problem+json');
    expect(body).toMatchObject({
      status: 409,
      code: 'VERSION_CONFLICT',
      title: 'Conflict',
      currentVersion: 4,
      requestId: 'req-1',
    });
    expect(body.type).toBe('https://samsyn.se/problems/version-conflict');
  });

  it('never reveals the cause of an unknown error', () => {
    const { status, body } = run(
      new Error('connection to 10.0.0.5 failed for person 19121212-1212'),
    );
    expect(status).toBe(500);
    expect(body.code).toBe(ErrorCode.Internal);
    expect(JSON.stringify(body)).not.toMatch(/19121212|10\.0\.0\.5/);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(logged.mock.calls[0])).not.toContain('19121212');
  });

  it.each([
    ['23505', 409, ErrorCode.Conflict],
    ['23503', 422, ErrorCode.ValidationFailed],
    ['22P02', 400, ErrorCode.ValidationFailed],
  ])('maps PostgreSQL error %s to %i without quoting the values', (code, status, errorCode) => {
    const result = run(pgError(code));
    expect(result.status).toBe(status);
    expect(result.body.code).toBe(errorCode);
    expect(JSON.stringify(result.body)).not.toContain('19121212');
  });

  it('maps a stale optimistic-lock write to 409 VERSION_CONFLICT', () => {
    const { status, body } = run(new OptimisticLockVersionMismatchError('CaseEntity', 3, 4));
    expect(status).toBe(409);
    expect(body.code).toBe(ErrorCode.VersionConflict);
  });

  it('does not echo the path of an unknown route', () => {
    const { status, body } = run(new NotFoundException('Cannot GET /api/v1/persons/19121212-1212'));
    expect(status).toBe(404);
    expect(JSON.stringify(body)).not.toContain('19121212');
  });

  it('gives plain Nest exceptions a stable code for their status', () => {
    expect(
      run(new BadRequestException('Unexpected token } in JSON at position 3')).body,
    ).toMatchObject({
      code: ErrorCode.ValidationFailed,
      detail: 'The request body is not valid JSON.',
    });
  });

  it('keeps which dependency is down in a failed health check', () => {
    const { status, body, headers } = run(
      new ServiceUnavailableException({
        status: 'error',
        details: { redis: { status: 'down' } },
        info: {},
        error: {},
      }),
    );
    expect(status).toBe(503);
    expect(body).toMatchObject({
      code: ErrorCode.ServiceUnavailable,
      details: { redis: { status: 'down' } },
    });
    expect(headers['retry-after']).toBeDefined();
  });

  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }),
    ],
    [
      'a query cut off',
      new QueryFailedError('SELECT …', [], new Error('Connection terminated unexpectedly')),
    ],
    ['an administrator shutdown', pgError('57P01')],
  ])('answers 503 with Retry-After when the database is away (%s), naming no host', (_, error) => {
    const logsBefore = logged.mock.calls.length;
    const { status, body, headers } = run(error);
    expect(status).toBe(503);
    expect(Number(headers['retry-after'])).toBeGreaterThan(0);
    expect(body).toMatchObject({
      status: 503,
      code: ErrorCode.ServiceUnavailable,
      requestId: 'req-1',
    });
    expect(JSON.stringify(body)).not.toMatch(/10\.0\.0\.5|19121212/);
    // A warning with the error's name and code, not an unhandled error with its stack.
    expect(logged.mock.calls.length).toBe(logsBefore);
    expect(JSON.stringify(warned.mock.calls.at(-1))).not.toMatch(/10\.0\.0\.5|19121212/);
  });

  it('keeps a plain query error that is not about the connection a 500', () => {
    expect(run(pgError('42P01')).status).toBe(500);
  });
});
