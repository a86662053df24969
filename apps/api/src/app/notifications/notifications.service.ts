import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type EmailMode,
  ErrorCode,
  ReminderKind,
  type NotificationDto,
  type NotificationPageDto,
  type NotificationPreferencesDto,
  type PageQueryDto,
  type UnreadCountDto,
} from '@samsyn/common';
import {
  CaseEntity,
  type EnvironmentVariables,
  NotificationEntity,
  ReminderEntity,
  UserEntity,
} from '@samsyn/server';
import { In, IsNull, Repository } from 'typeorm';
import { ApiException } from '../common/problem-details';

/** What a notification links to: a case (by number) or an agreement (D25). */
interface NotificationLinks {
  caseNumbers: ReadonlyMap<string, string>;
  /** Reminder id → agreement id, for agreement reminders. */
  agreementIds: ReadonlyMap<string, string>;
  /** Reminder id → SIP meeting id, for a meeting's reminders (sip_called, sip_meeting). */
  meetingIds: ReadonlyMap<string, string>;
}

/** Kinds whose reminder's subject is a SIP meeting. */
const MEETING_KINDS: readonly ReminderKind[] = [ReminderKind.SipCalled, ReminderKind.SipMeeting];

export function toNotificationDto(
  n: NotificationEntity,
  links: NotificationLinks,
): NotificationDto {
  return {
    id: n.id,
    kind: n.kind,
    caseId: n.caseId,
    caseNumber: n.caseId ? (links.caseNumbers.get(n.caseId) ?? null) : null,
    agreementId: n.reminderId ? (links.agreementIds.get(n.reminderId) ?? null) : null,
    meetingId: n.reminderId ? (links.meetingIds.get(n.reminderId) ?? null) : null,
    escalation: n.escalation,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}

/** The caller's own in-app notifications and e-mail preference; nobody reads another user's. */
@Injectable()
export class NotificationsService {
  private readonly emailEnabled: boolean;

  constructor(
    @InjectRepository(NotificationEntity)
    private readonly notifications: Repository<NotificationEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.emailEnabled = Boolean(config.get('SMTP_URL', { infer: true }));
  }

  async listOwn(userId: string, query: PageQueryDto): Promise<NotificationPageDto> {
    const [rows, total] = await this.notifications.findAndCount({
      where: { userId },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const { unread } = await this.unreadCount(userId);
    const links = await this.links(rows);
    return {
      items: rows.map((n) => toNotificationDto(n, links)),
      total,
      page: query.page,
      pageSize: query.pageSize,
      unread,
    };
  }

  unreadCount(userId: string): Promise<UnreadCountDto> {
    return this.notifications.countBy({ userId, readAt: IsNull() }).then((unread) => ({ unread }));
  }

  /** Marks one of the caller's notifications read; marking it again keeps the first time. */
  async markRead(userId: string, id: string): Promise<NotificationDto> {
    await this.notifications.update({ id, userId, readAt: IsNull() }, { readAt: new Date() });
    const notification = await this.notifications.findOneBy({ id, userId });
    // Someone else's notification is "not found" too: its existence is not revealed.
    if (!notification) {
      throw new ApiException(
        HttpStatus.NOT_FOUND,
        ErrorCode.NotFound,
        'There is no such notification.',
      );
    }
    return toNotificationDto(notification, await this.links([notification]));
  }

  /** Marks every unread notification of the caller read. */
  async markAllRead(userId: string): Promise<UnreadCountDto> {
    await this.notifications.update({ userId, readAt: IsNull() }, { readAt: new Date() });
    return this.unreadCount(userId);
  }

  async preferences(userId: string): Promise<NotificationPreferencesDto> {
    const user = await this.users.findOneByOrFail({ id: userId });
    return { emailMode: user.emailMode, emailAvailable: this.emailEnabled && !!user.email };
  }

  async setPreferences(userId: string, emailMode: EmailMode): Promise<NotificationPreferencesDto> {
    await this.users.update({ id: userId }, { emailMode });
    return this.preferences(userId);
  }

  private async links(rows: NotificationEntity[]): Promise<NotificationLinks> {
    return {
      caseNumbers: await this.caseNumbers(rows),
      agreementIds: await this.subjectIds(rows, [ReminderKind.AgreementFollowUp]),
      meetingIds: await this.subjectIds(rows, MEETING_KINDS),
    };
  }

  /**
   * Reminder id → its subject, for kinds whose subject is what the link opens: an agreement's
   * reminder is about the agreement (it has no case), a meeting's about the meeting.
   */
  private async subjectIds(
    rows: NotificationEntity[],
    kinds: readonly ReminderKind[],
  ): Promise<Map<string, string>> {
    const ids = rows
      .filter((r) => kinds.includes(r.kind) && r.reminderId)
      .map((r) => r.reminderId as string);
    if (ids.length === 0) return new Map();
    const reminders = await this.notifications.manager.find(ReminderEntity, {
      select: { id: true, subjectId: true },
      where: { id: In([...new Set(ids)]) },
    });
    return new Map(reminders.flatMap((r) => (r.subjectId ? [[r.id, r.subjectId] as const] : [])));
  }

  /**
   * Case numbers for the links. A number is an identifier, not personal data (D18 allows it
   * in e-mail); opening the case is still decided by the access policy.
   */
  private async caseNumbers(rows: NotificationEntity[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((r) => r.caseId).filter((id): id is string => !!id))];
    if (ids.length === 0) return new Map();
    const cases = await this.cases.find({
      select: { id: true, number: true },
      where: { id: In(ids) },
    });
    return new Map(cases.map((c) => [c.id, c.number] as const));
  }
}
