import type { LogLevel } from '@samsyn/server';
import type { Params } from 'nestjs-pino';

/**
 * Structured JSON logs like the API's. The worker has no requests; its log lines carry ids,
 * counts and technical error codes only, never the content of a reminder or a person's data.
 */
export function loggerOptions(level: LogLevel): Params {
  return {
    pinoHttp: {
      level,
      base: { app: 'samsyn-worker' },
      redact: { paths: ['*.password', '*.cookie'], remove: true },
    },
  };
}
