/**
 * How long a client should wait before it tries again after a 503 (the `Retry-After` header):
 * about as long as a PostgreSQL restart or a fail-over takes.
 */
export const RETRY_AFTER_SECONDS = 5;

/** Socket errors of a database that cannot be reached, or whose connection was cut. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is going away or not accepting connections: class 08 (connection
 * exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up,
 * shutting down, in recovery) and 53300 too_many_connections.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * Messages of node-postgres and its pool that carry no code: a connection that ended under a
 * query or while idle, a pool that could not hand out a connection in time, a client that is
 * no longer usable; and TypeORM's, for a driver without a pool or a runner whose connection died.
 */
const MESSAGES = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout"
  /^timeout exceeded when trying to connect/,
  /is not queryable$/, // "Client has encountered a connection error and is not queryable"
  /^terminating connection due to administrator command/,
  /^the database system is (starting up|shutting down|in recovery mode)/,
  /^Driver not Connected$/,
  // TypeORM releases a query runner when its connection fails (the connection's error event),
  // so the next statement of that request's transaction finds the runner released.
  /^Query runner already released/,
];

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * Whether an error says the database is away (down, restarting, unreachable, connections cut,
 * pool exhausted) rather than that the request was wrong: such a request may succeed unchanged
 * in a moment, so it answers 503 with `Retry-After`, not 500. Looks through TypeORM's
 * QueryFailedError (`driverError`), `cause` and the AggregateError of a multi-address connect.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const e = error as ErrorLike;
  if (typeof e.code === 'string') {
    if (SOCKET_CODES.has(e.code) || SQLSTATES.has(e.code) || /^08[0-9A-Z]{3}$/.test(e.code))
      return true;
  }
  if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string)))
    return true;
  const errors: unknown[] = Array.isArray(e.errors) ? (e.errors as unknown[]) : [];
  const inner = [e.driverError, e.cause, ...errors];
  return inner.some((x) => x !== error && isDatabaseUnavailable(x, depth + 1));
}

/** What may be logged of such an error: its name and code (the message can name a host). */
export function unavailableSummary(error: unknown): { name: string; code: string } {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const driver = (
    typeof e.driverError === 'object' && e.driverError !== null ? e.driverError : {}
  ) as ErrorLike;
  const code = [e.code, driver.code].find((c) => typeof c === 'string');
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    code: typeof code === 'string' ? code : 'none',
  };
}
