import { Inject, Injectable, Logger, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ReminderKind } from '@samsyn/common';
import { digestCutoff, retryDelayMs } from '@samsyn/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { EnvironmentVariables } from '../config/environment';
import { NotificationEmailStatus } from '../entities/notification.entity';
import { describeDeliveryError, MAX_DELIVERY_ATTEMPTS } from './delivery-policy';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport';
import { digestEmail, type ReminderEmailItem, reminderEmail } from './reminder-email';

interface MailRow {
  id: string;
  user_id: string;
  kind: ReminderKind;
  case_id: string | null;
  case_number: string | null;
  agreement_id: string | null;
  meeting_id: string | null;
  escalation: boolean;
  email_attempts: number;
}

const toItem = (r: MailRow): ReminderEmailItem => ({
  kind: r.kind,
  caseId: r.case_id,
  caseNumber: r.case_number,
  agreementId: r.agreement_id,
  meetingId: r.meeting_id,
  escalation: r.escalation,
});

/** Selects what is still to be e-mailed and locks it, so two senders never send the same. */
const CLAIM = `
  SELECT n.id, n.user_id, n.kind, n.case_id, c.number AS case_number,
         (CASE WHEN n.kind = 'agreement_follow_up' THEN r.subject_id END) AS agreement_id,
         (CASE WHEN n.kind IN ('sip_called', 'sip_meeting') THEN r.subject_id END) AS meeting_id,
         n.escalation, n.email_attempts
  FROM notifications n LEFT JOIN cases c ON c.id = n.case_id
    LEFT JOIN reminders r ON r.id = n.reminder_id
  WHERE n.email_status = $1 AND (n.email_retry_at IS NULL OR n.email_retry_at <= now())`;

/**
 * Reminder e-mail through SMTP (issue 5): one message per notification for users who chose
 * `immediate`, one daily digest for `digest`. The notification row records the state, and each
 * message is sent inside the transaction that locks its rows and marks them sent: a crash before
 * the commit sends it again (at least once), never silently not at all. Without SMTP_URL nothing
 * is sent and notifications are created without e-mail.
 */
@Injectable()
export class ReminderMailer implements OnApplicationShutdown {
  private readonly logger = new Logger(ReminderMailer.name);
  private readonly publicUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    config: ConfigService<EnvironmentVariables, true>,
    @Optional() @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport | null = null,
  ) {
    this.publicUrl = config.get('PUBLIC_URL', { infer: true });
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  /** Sends the e-mails of one reminder's notifications, right after its delivery. */
  sendForReminder(reminderId: string): Promise<number> {
    return this.sendImmediate(reminderId, 1_000);
  }

  /** Sends immediate e-mails that are still due (after a failure, a crash or a restart). */
  sendDue(limit = 500): Promise<number> {
    return this.sendImmediate(undefined, limit);
  }

  /**
   * Sends each user with digest notifications from before the most recent 07:00 (Stockholm)
   * one e-mail listing them. Safe to call at any time and from several processes.
   */
  async sendDigests(now = new Date(), maxUsers = 200): Promise<number> {
    const transport = this.transport;
    if (!transport) return 0;
    const cutoff = digestCutoff(now);
    const users = await this.dataSource.query<{ user_id: string }[]>(
      `SELECT DISTINCT n.user_id FROM notifications n
       WHERE n.email_status = $1 AND n.created_at < $2
         AND (n.email_retry_at IS NULL OR n.email_retry_at <= now())
       LIMIT $3`,
      [NotificationEmailStatus.Digest, cutoff, maxUsers],
    );
    let sent = 0;
    for (const { user_id: userId } of users) {
      const ok = await this.dataSource.transaction(async (em) => {
        const rows = await em.query<MailRow[]>(
          `${CLAIM} AND n.user_id = $2 AND n.created_at < $3
           ORDER BY n.created_at, n.id FOR UPDATE OF n SKIP LOCKED`,
          [NotificationEmailStatus.Digest, userId, cutoff],
        );
        if (rows.length === 0) return true;
        return this.sendLocked(em, transport, userId, rows, NotificationEmailStatus.Digest, () =>
          digestEmail(rows.map(toItem), this.publicUrl),
        );
      });
      if (!ok) break; // SMTP is failing: the next sweep tries again
      sent++;
    }
    return sent;
  }

  private async sendImmediate(reminderId: string | undefined, limit: number): Promise<number> {
    const transport = this.transport;
    if (!transport) return 0;
    let sent = 0;
    for (let i = 0; i < limit; i++) {
      const result = await this.dataSource.transaction(async (em) => {
        const rows = await em.query<MailRow[]>(
          `${CLAIM} ${reminderId ? 'AND n.reminder_id = $2' : ''}
           ORDER BY n.created_at, n.id LIMIT 1 FOR UPDATE OF n SKIP LOCKED`,
          reminderId
            ? [NotificationEmailStatus.Pending, reminderId]
            : [NotificationEmailStatus.Pending],
        );
        if (rows.length === 0) return 'done' as const;
        const [row] = rows;
        const ok = await this.sendLocked(
          em,
          transport,
          row.user_id,
          rows,
          NotificationEmailStatus.Pending,
          () => reminderEmail(toItem(row), this.publicUrl),
        );
        return ok ? ('sent' as const) : ('failed' as const);
      });
      if (result !== 'sent') break;
      sent++;
    }
    return sent;
  }

  /**
   * Sends one message for the locked rows (claimed with `status`) and records the outcome on
   * them; false when the SMTP server did not accept it.
   */
  private async sendLocked(
    em: EntityManager,
    transport: MailTransport,
    userId: string,
    rows: MailRow[],
    status: NotificationEmailStatus,
    compose: () => { subject: string; text: string },
  ): Promise<boolean> {
    const ids = rows.map((r) => r.id);
    const [user] = await em.query<{ email: string | null; active: boolean }[]>(
      'SELECT email, active FROM users WHERE id = $1',
      [userId],
    );
    if (!user?.email || !user.active) {
      // The address was removed (or the account closed) since: nothing to send to.
      await em.query('UPDATE notifications SET email_status = $2 WHERE id = ANY($1)', [
        ids,
        NotificationEmailStatus.None,
      ]);
      return true;
    }
    try {
      await transport.send({ to: user.email, ...compose() });
    } catch (err) {
      const attempts = Math.max(...rows.map((r) => r.email_attempts)) + 1;
      const failed = attempts >= MAX_DELIVERY_ATTEMPTS;
      await em.query(
        `UPDATE notifications SET email_attempts = $2, email_status = $3, email_retry_at = $4
         WHERE id = ANY($1)`,
        [
          ids,
          attempts,
          failed ? NotificationEmailStatus.Failed : status,
          failed ? null : new Date(Date.now() + retryDelayMs(attempts)),
        ],
      );
      // Ids and technical codes only: SMTP replies can quote the address.
      this.logger.warn(
        { notificationIds: ids, attempts, error: describeDeliveryError(err) },
        'Reminder e-mail failed',
      );
      return false;
    }
    await em.query(
      `UPDATE notifications SET email_status = $2, emailed_at = now(),
         email_attempts = email_attempts + 1, email_retry_at = NULL
       WHERE id = ANY($1)`,
      [ids, NotificationEmailStatus.Sent],
    );
    return true;
  }
}
