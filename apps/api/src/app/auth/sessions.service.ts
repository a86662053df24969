import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { SessionMethod, USER_AGENT_MAX_LENGTH } from '@samsyn/common';
import { type EnvironmentVariables, UserSessionEntity } from '@samsyn/server';
import { createHash, randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { type AuthenticatedUser, toAuthenticatedUser } from './authenticated-user';
import { CsrfTokens } from './csrf-tokens';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * How a session was signed in: `strong` when it passed a second factor or came through an
 * identity provider whose `acr` the organisation lists as strong (D17's emergency access).
 */
export interface SessionAuth {
  method: SessionMethod;
  strong: boolean;
  /** The browser's User-Agent header at sign-in; kept cut short, so the user can tell devices apart. */
  userAgent?: string | null;
  /** For a sign-in through an identity provider: its key, for RP-initiated logout. */
  oidcProvider?: string;
}

/** The User-Agent as a session keeps it: trimmed, cut to USER_AGENT_MAX_LENGTH, null when empty. */
export function userAgentOf(header: string | null | undefined): string | null {
  const value = header?.trim();
  return value ? [...value].slice(0, USER_AGENT_MAX_LENGTH).join('') : null;
}

/** A session just started: the cookie's token, its end, and its CSRF token (csrf-tokens.ts). */
export interface NewSession {
  token: string;
  expiresAt: Date;
  csrfToken: string;
}

export const PASSWORD_ONLY: SessionAuth = { method: SessionMethod.Password, strong: false };

/** Server-side sessions: a random token in the cookie, its hash in PostgreSQL. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(UserSessionEntity) private readonly sessions: Repository<UserSessionEntity>,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly csrf: CsrfTokens,
  ) {}

  /**
   * Starts a session; returns the token for the cookie (never stored in clear) and the session's
   * CSRF token for the readable cookie.
   */
  async create(
    userId: string,
    auth: SessionAuth = PASSWORD_ONLY,
    now = new Date(),
  ): Promise<NewSession> {
    await this.purgeExpired(now);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(
      now.getTime() + this.config.get('SESSION_MAX_HOURS', { infer: true }) * 3_600_000,
    );
    const inserted = await this.sessions.insert({
      tokenHash: sha256(token),
      userId,
      lastSeenAt: now,
      expiresAt,
      method: auth.method,
      strong: auth.strong,
      userAgent: userAgentOf(auth.userAgent),
      oidcProvider: auth.oidcProvider ?? null,
    });
    const id = (inserted.identifiers[0] as { id?: string } | undefined)?.id;
    if (!id) throw new Error('a session was inserted without an id');
    return { token, expiresAt, csrfToken: this.csrf.tokenFor(id) };
  }

  /**
   * The session's user, or null when the token is unknown, idle too long, expired, or the user or
   * their organisation deactivated (a deactivation ends every session at the next request).
   */
  async resolve(token: string, now = new Date()): Promise<AuthenticatedUser | null> {
    // One round trip on every authenticated request: the session with its user, organisation and unit.
    const session = await this.sessions
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.user', 'u', 'u.active = true')
      .innerJoinAndSelect('u.organisation', 'o', 'o.active = true')
      .leftJoinAndSelect('u.unit', 'un')
      .where('s.token_hash = :hash', { hash: sha256(token) })
      .getOne();
    if (!session?.user?.organisation) return null;
    const idleMs = this.config.get('SESSION_IDLE_MINUTES', { infer: true }) * 60_000;
    if (session.expiresAt <= now || session.lastSeenAt.getTime() + idleMs <= now.getTime()) {
      await this.sessions.delete({ id: session.id });
      return null;
    }
    // Writing on every request would serialise reads on the session row: refresh once a minute.
    if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
      await this.sessions.update({ id: session.id }, { lastSeenAt: now });
    }
    return toAuthenticatedUser(session.user, session.user.organisation, session);
  }

  /** A session last seen at or before this moment is idle too long at `now`: it has ended. */
  idleCutoff(now: Date): Date {
    return new Date(
      now.getTime() - this.config.get('SESSION_IDLE_MINUTES', { infer: true }) * 60_000,
    );
  }

  /** Removes sessions that can no longer be used, so the table holds only live ones. */
  private async purgeExpired(now: Date): Promise<void> {
    const idleSince = this.idleCutoff(now);
    await this.sessions
      .createQueryBuilder()
      .delete()
      .where('expires_at <= :now OR last_seen_at <= :idleSince', { now, idleSince })
      .execute();
  }

  /** The identity provider a session came through (its key), or null for a local sign-in. */
  async oidcProviderOf(sessionId: string): Promise<string | null> {
    const session = await this.sessions.findOne({
      where: { id: sessionId },
      select: { id: true, oidcProvider: true },
    });
    return session?.oidcProvider ?? null;
  }

  /** Records that a live session passed a second factor (an enrolment confirmed in it). */
  async upgrade(sessionId: string, auth: SessionAuth): Promise<void> {
    await this.sessions.update({ id: sessionId }, { method: auth.method, strong: auth.strong });
  }

  async end(sessionId: string): Promise<void> {
    await this.sessions.delete({ id: sessionId });
  }
}
