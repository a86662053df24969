import { Injectable, type NestMiddleware } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the audit log needs to know about the HTTP request it is recording in. */
export interface RequestContext {
  readonly requestId: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** `audit_events.request_id` is varchar(100); pino-http's ids are at most 64 characters. */
const MAX_REQUEST_ID = 100;

/**
 * The id of the HTTP request being handled, or null outside one (jobs, the CLI). It lets an
 * operator match an audit event with the request's log lines without logging any personal data.
 */
export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

/** Runs `fn` with `context` as the current request context (middleware and tests). */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/**
 * The id pino-http gave the request (`req.id`), or the `x-request-id` response header it set.
 * Never the raw request header: pino-http validates that one before adopting it.
 */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string | null {
  const fromLogger = (req as IncomingMessage & { id?: unknown }).id;
  const header = res.getHeader('x-request-id');
  const id =
    typeof fromLogger === 'string' || typeof fromLogger === 'number'
      ? String(fromLogger)
      : typeof header === 'string'
        ? header
        : null;
  return id !== null && id.length > 0 && id.length <= MAX_REQUEST_ID ? id : null;
}

/**
 * Opens a request context for the rest of the request. Registered for every route by
 * AuditModule, after the logger's middleware (LoggerModule is imported first), so the id exists.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    storage.run({ requestId: requestIdOf(req, res) }, next);
  }
}
