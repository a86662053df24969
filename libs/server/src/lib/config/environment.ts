import { createHash } from 'node:crypto';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

export enum NodeEnv {
  Development = 'development',
  Production = 'production',
  Test = 'test',
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** 'true'/'false'/'1'/'0' become booleans; anything else stays a string and fails @IsBoolean. */
const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return value;
};

/** Numbers from strings; a non-numeric string stays as it is and fails @IsInt with its name. */
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const POSTGRES_URL = /^postgres(ql)?:\/\/\S+$/;
const REDIS_URL = /^rediss?:\/\/\S+$/;
const SMTP_URL = /^smtps?:\/\/\S+$/;
// An address, or a display name and an address in angle brackets; no line breaks (headers).
// 32 bytes as base64 (44 characters with padding) or hex (64 characters).
const SECRETS_KEY_FORMAT = /^([A-Za-z0-9+/]{43}=|[0-9a-fA-F]{64})$/;
const MAIL_FROM = /^([^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

/**
 * Every environment variable Samsyn reads, validated at start-up. Documented in
 * docs/operations.md and .env.example; a wrong value stops the process naming the variable.
 */
export class EnvironmentVariables {
  @IsEnum(NodeEnv)
  NODE_ENV: NodeEnv = NodeEnv.Development;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** PostgreSQL connection URL. Absent: the embedded PGlite default under DATA_DIR. */
  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  /** Run pending migrations when the API starts. */
  @Transform(toBoolean)
  @IsBoolean()
  DB_MIGRATIONS_RUN = true;

  /** Where the embedded database and other local state live. */
  @IsString()
  DATA_DIR = '.data';

  /** Redis connection URL. Absent: reminders are dispatched in-process from PostgreSQL. */
  @IsOptional()
  @Matches(REDIS_URL, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Key prefix for BullMQ, so several deployments or test runs can share one Redis. */
  @IsString()
  @Matches(/^[a-zA-Z0-9_-]+$/, {
    message: 'QUEUE_PREFIX may contain letters, digits, _ and - only',
  })
  QUEUE_PREFIX = 'samsyn';

  /** How often the in-process dispatcher (no Redis) and the reconciler look for due reminders. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  REMINDER_POLL_SECONDS = 5;

  /** Parallel deliveries per worker process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  REMINDER_WORKER_CONCURRENCY = 100;

  /**
   * Reminder lead times in days (issue 5, libs/domain reminder-schedule.ts): how many days
   * before the date it is about a reminder falls due, at 08:00 Stockholm time.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  REMINDER_LEAD_DAYS_SIP_MEETING = 1;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  REMINDER_LEAD_DAYS_SUMMONS_DEADLINE = 1;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  REMINDER_LEAD_DAYS_PLAN_FOLLOW_UP = 0;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  REMINDER_LEAD_DAYS_MEASURE_ENDING = 7;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  REMINDER_LEAD_DAYS_CONSENT_EXPIRING = 14;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  REMINDER_LEAD_DAYS_AGREEMENT_FOLLOW_UP = 30;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  REMINDER_LEAD_DAYS_ACTION_DUE = 2;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(365)
  REMINDER_LEAD_DAYS_RISK_REVIEW = 7;

  /** Days after an invitation without an answer until its reminder. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REMINDER_INVITATION_UNANSWERED_DAYS = 5;

  /** Days without a write to an open case until its handler is reminded. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REMINDER_CASE_INACTIVE_DAYS = 30;

  /** Hours after delivery until an unread kallelse or plan follow-up goes to the coordinators. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  REMINDER_ESCALATION_HOURS = 48;

  /**
   * SMTP server for reminder e-mail (`smtp://user:pass@host:587`, `smtps://…:465`). Absent: no
   * e-mail, reminders are in-app only.
   */
  @IsOptional()
  @Matches(SMTP_URL, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Sender of reminder e-mail. */
  @IsString()
  @Matches(MAIL_FROM, { message: 'MAIL_FROM must be an address, optionally as "Name <address>"' })
  MAIL_FROM = 'Samsyn <samsyn@localhost>';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 7)
  SESSION_MAX_HOURS = 12;

  /** Send cookies over HTTPS only. Defaults to true in production. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  LOGIN_LOCK_MINUTES = 15;

  /**
   * Reverse proxies in front of the API whose X-Forwarded-For is trusted (0: none). Needed for
   * the per-address sign-in limit behind a proxy.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS = 0;

  /** Sign-in attempts allowed per client address and minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  LOGIN_RATE_LIMIT = 10;

  /**
   * 32 random bytes, base64 or hex (`openssl rand -base64 32`): encrypts the second factor's
   * secrets (AES-256-GCM) and keys the hashes of recovery codes. Required unless DEMO_MODE or
   * NODE_ENV=test (then a fixed development key is derived: see secretsKey()). Replacing it
   * makes every enrolled authenticator and recovery code unusable.
   */
  @IsOptional()
  @Matches(SECRETS_KEY_FORMAT, {
    message: 'SECRETS_KEY must be 32 bytes in base64 (openssl rand -base64 32) or 64 hex digits',
  })
  SECRETS_KEY?: string;

  /** Seed demo organisations and users on an empty database and print their sign-ins. */
  @Transform(toBoolean)
  @IsBoolean()
  DEMO_MODE = false;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** The address users reach Samsyn at; used in links (e-mail) and start-up messages. */
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL = 'http://localhost:3000';

  /**
   * Benchmarks only (`npm run bench`): the caseload list skips the access policy and the audit
   * log, to measure what they cost. Refused in production; never set it anywhere else.
   */
  @Transform(toBoolean)
  @IsBoolean()
  BENCHMARK_UNGUARDED_LIST = false;

  /**
   * A JSON file listing the organisations' OpenID Connect providers (sign-in through the
   * organisation's identity provider, issue 16; docs/operations.md). Absent: no provider is offered.
   * Read and checked at start-up; a bad entry stops the API naming the file, entry and field.
   */
  @IsOptional()
  @IsString()
  OIDC_PROVIDERS_FILE?: string;

  /**
   * Tests and local development only: lets the API talk to an identity provider over plain http
   * (openid-client refuses it otherwise). Refused when NODE_ENV=production.
   */
  @Transform(toBoolean)
  @IsBoolean()
  OIDC_ALLOW_INSECURE_HTTP = false;

  /** The built Angular client that the API serves; a folder without index.html means API only. */
  @IsString()
  CLIENT_DIST_DIR = 'dist/apps/client/browser';
}

/** Validates `config` (usually process.env); throws one error naming every bad variable. */
export function validateEnvironment(config: Record<string, unknown>): EnvironmentVariables {
  // Empty strings mean "not set", as in most .env files.
  const present = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== ''));
  const env = plainToInstance(EnvironmentVariables, present, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const messages = Object.values(e.constraints ?? {}).join('; ');
      return `  ${e.property}: ${messages}`;
    });
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (env.BENCHMARK_UNGUARDED_LIST && env.NODE_ENV === NodeEnv.Production)
    throw new Error(
      'Invalid configuration:\n  BENCHMARK_UNGUARDED_LIST: turns off access control; refused when NODE_ENV=production',
    );
  if (env.OIDC_ALLOW_INSECURE_HTTP && env.NODE_ENV === NodeEnv.Production)
    throw new Error(
      'Invalid configuration:\n  OIDC_ALLOW_INSECURE_HTTP: allows identity providers over plain http; refused when NODE_ENV=production',
    );
  if (env.COOKIE_SECURE === undefined) env.COOKIE_SECURE = env.NODE_ENV === NodeEnv.Production;
  return env;
}

/**
 * The key behind SECRETS_KEY as 32 bytes. Without the variable: a fixed key derived from a
 * published phrase in demo mode and tests (their data is not secret), an error naming the
 * variable anywhere else. Called where the key is used (the API), so one-shot commands that do
 * not need it run without it.
 */
export function secretsKey(
  env: Pick<EnvironmentVariables, 'SECRETS_KEY' | 'DEMO_MODE' | 'NODE_ENV'>,
): Buffer {
  const value = env.SECRETS_KEY;
  if (value) return Buffer.from(value, value.length === 64 ? 'hex' : 'base64');
  if (env.DEMO_MODE || env.NODE_ENV === NodeEnv.Test)
    return createHash('sha256').update('samsyn demo and test secrets key, not secret').digest();
  throw new Error(
    'Invalid configuration:\n  SECRETS_KEY: required outside demo mode; 32 random bytes, e.g. `openssl rand -base64 32`',
  );
}
