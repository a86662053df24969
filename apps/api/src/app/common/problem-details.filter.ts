import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { ErrorCode, type ProblemDetails } from '@samsyn/common';
import type { Request, Response } from 'express';
import { OptimisticLockVersionMismatchError, QueryFailedError } from 'typeorm';
import {
  isDatabaseUnavailable,
  RETRY_AFTER_SECONDS,
  unavailableSummary,
} from './database-unavailable';
import { ApiException, CODE_FOR_STATUS, TITLE_FOR_STATUS } from './problem-details';

interface PgError {
  code?: string;
}

/**
 * Every error leaves the API as RFC 9457 problem details with a stable `code`. Unknown errors
 * become a 500 whose detail says nothing of the cause; the log keeps the stack, not the data.
 * A database that is away (restarting, unreachable, connections cut) is a 503 with
 * `Retry-After`: the same request can succeed in a moment, and the client says so.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const problem = this.toProblem(exception);
    // No `instance`: a path can hold an identifier (D18); the request id locates the error instead.
    if (req.id !== undefined) problem.requestId = String(req.id);
    if (problem.status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    if (problem.status === 503 && !(exception instanceof HttpException)) {
      this.logger.warn(
        { err: unavailableSummary(exception), requestId: problem.requestId },
        'Database unavailable',
      );
    }
    if (problem.status === 500) {
      const err = exception instanceof Error ? exception : new Error('non-error thrown');
      // Name and stack frames only: messages (also the stack's first line) can quote personal data.
      this.logger.error(
        { err: { name: err.name, frames: stackFrames(err) }, requestId: problem.requestId },
        'Unhandled error',
      );
    }
    res.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ApiException) {
      const status = exception.getStatus();
      return {
        ...this.base(status, exception.code),
        detail: exception.message,
        ...exception.extra,
      };
    }
    if (exception instanceof OptimisticLockVersionMismatchError) {
      return {
        ...this.base(HttpStatus.CONFLICT, ErrorCode.VersionConflict),
        detail: 'The record was changed by someone else. Reload it and apply your change again.',
      };
    }
    if (!(exception instanceof HttpException) && isDatabaseUnavailable(exception)) {
      return {
        ...this.base(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.ServiceUnavailable),
        detail: 'Samsyn cannot reach its database right now. Try again in a moment.',
      };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as PgError | undefined)?.code;
      if (code === '23505') {
        return {
          ...this.base(HttpStatus.CONFLICT, ErrorCode.Conflict),
          detail: 'A record with these values already exists.',
        };
      }
      if (code === '23503') {
        return {
          ...this.base(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.ValidationFailed),
          detail: 'A referenced record does not exist.',
        };
      }
      if (code === '22P02' || code === '22007' || code === '22008') {
        return {
          ...this.base(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed),
          detail: 'A value has the wrong format.',
        };
      }
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      // Terminus's readiness answer: keep which dependency is down (no personal data in it).
      if (status === 503 && typeof body === 'object' && body !== null && 'details' in body) {
        const { details } = body as { details: Record<string, unknown> };
        return {
          ...this.base(status, ErrorCode.ServiceUnavailable),
          detail: 'A dependency is down; see details.',
          details,
        };
      }
      const code =
        CODE_FOR_STATUS[status] ??
        (status >= 500 ? ErrorCode.Internal : ErrorCode.ValidationFailed);
      return { ...this.base(status, code), detail: this.safeDetail(exception, status) };
    }
    return {
      ...this.base(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.Internal),
      detail: 'Something went wrong on the server. The error has been logged; try again later.',
    };
  }

  private base(status: number, code: ErrorCode): ProblemDetails {
    return {
      type: `https://samsyn.se/problems/${code.toLowerCase().replace(/_/g, '-')}`,
      title: TITLE_FOR_STATUS[status] ?? 'Error',
      status,
      code,
    };
  }

  /** Nest's own messages (e.g. "Cannot GET /x", JSON parse errors) are generic and safe. */
  private safeDetail(exception: HttpException, status: number): string {
    if (status === 400 && /JSON/i.test(exception.message)) {
      return 'The request body is not valid JSON.';
    }
    // The router's "Cannot GET /path" would echo the path, which can hold an identifier.
    if (status === 404 && exception.message.startsWith('Cannot ')) {
      return 'There is no such resource.';
    }
    return exception.message;
  }
}

/** The `at …` lines of a stack, without its first line, which repeats the message. */
export function stackFrames(err: Error): string[] {
  return (err.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .map((line) => line.trim());
}
