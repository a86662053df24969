import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type AccountSessionDto,
  AuditAction,
  ErrorCode,
  type SessionMethod,
  type SignOutOthersResultDto,
} from '@samsyn/common';
import { UserSessionEntity } from '@samsyn/server';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { SessionsService } from '../auth/sessions.service';
import { invalid } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';

/**
 * The caller's own sessions: listed without their tokens, ended one by one or all but the
 * current ("sign out everywhere else"). An ended session's next request is a 401, since the
 * session guard finds no row for its token.
 */
@Injectable()
export class AccountSessionsService {
  constructor(
    @InjectRepository(UserSessionEntity) private readonly sessions: Repository<UserSessionEntity>,
    private readonly sessionRules: SessionsService,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Live sessions only (not expired, not idle too long): the current first, then by last use. */
  async list(user: AuthenticatedUser, now = new Date()): Promise<AccountSessionDto[]> {
    const rows = await this.sessions
      .createQueryBuilder('s')
      .select(['s.id', 's.createdAt', 's.lastSeenAt', 's.expiresAt', 's.method', 's.userAgent'])
      .where('s.user_id = :userId', { userId: user.id })
      .andWhere('s.expires_at > :now', { now })
      .andWhere('s.last_seen_at > :idleSince', { idleSince: this.sessionRules.idleCutoff(now) })
      .orderBy('s.last_seen_at', 'DESC')
      .addOrderBy('s.id')
      .getMany();
    const dtos = rows.map((s): AccountSessionDto => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      method: s.method as SessionMethod,
      userAgent: s.userAgent,
      current: s.id === user.sessionId,
    }));
    return [...dtos.filter((s) => s.current), ...dtos.filter((s) => !s.current)];
  }

  /** Ends one other session of the caller's; 404 for a session that is not theirs (or gone). */
  async end(user: AuthenticatedUser, sessionId: string): Promise<void> {
    if (sessionId === user.sessionId) {
      throw invalid(
        'id',
        'currentSession',
        'This is the session you are using: sign out to end it.',
      );
    }
    await this.dataSource.transaction(async (em) => {
      const result = await em.delete(UserSessionEntity, { id: sessionId, userId: user.id });
      if (!result.affected) {
        throw new ApiException(
          HttpStatus.NOT_FOUND,
          ErrorCode.NotFound,
          'You have no such session; it may have ended already.',
        );
      }
      await this.audit.record(
        user,
        { action: AuditAction.AccountSessionEnded, target: { kind: 'user', id: user.id } },
        em,
      );
    });
  }

  /** Ends every session of the caller's but the current one. */
  async endOthers(user: AuthenticatedUser): Promise<SignOutOthersResultDto> {
    return this.dataSource.transaction(async (em) => {
      const ended = await endOtherSessions(em.getRepository(UserSessionEntity), user);
      await this.audit.record(
        user,
        { action: AuditAction.AccountOtherSessionsEnded, target: { kind: 'user', id: user.id } },
        em,
      );
      return { ended };
    });
  }
}

/** Deletes the user's sessions except the one `user` came with; answers how many ended. */
export async function endOtherSessions(
  sessions: Repository<UserSessionEntity>,
  user: Pick<AuthenticatedUser, 'id' | 'sessionId'>,
): Promise<number> {
  const result = await sessions
    .createQueryBuilder()
    .delete()
    .where('user_id = :userId AND id <> :current', { userId: user.id, current: user.sessionId })
    .execute();
  return result.affected ?? 0;
}
