import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EmailMode, OrganisationType, ReminderStatus } from '@samsyn/common';
import { ESCALATING_KINDS, escalationDueAt, escalationTargets } from '@samsyn/domain';
import { isUUID } from 'class-validator';
import {
  DataSource,
  type EntityManager,
  In,
  IsNull,
  LessThanOrEqual,
  MoreThan,
  Not,
} from 'typeorm';
import type { EnvironmentVariables } from '../config/environment';
import { CaseEntity } from '../entities/case.entity';
import { CaseTeamMemberEntity } from '../entities/case-team-member.entity';
import { NotificationEmailStatus, NotificationEntity } from '../entities/notification.entity';
import { OrganisationEntity } from '../entities/organisation.entity';
import { ReminderEntity } from '../entities/reminder.entity';
import { UnitEntity } from '../entities/unit.entity';
import { UserEntity } from '../entities/user.entity';
import {
  deliveryDecision,
  type DeliveryOutcome,
  describeDeliveryError,
  failureOutcome,
  PermanentDeliveryError,
} from './delivery-policy';

export interface PendingReminder {
  id: string;
  dueAt: Date;
}

export interface ReminderMetrics {
  pending: number;
  /** Pending and due more than a minute ago: delivery is behind. */
  late: number;
  failed: number;
}

const LATE_AFTER_MS = 60_000;

/**
 * See deliverMany. $1 reminder ids, $2 now, $3 kinds that escalate, $4 e-mail enabled. Rows are
 * locked in id order, so concurrent batches cannot deadlock.
 */
const DELIVER_BATCH = `
  WITH r AS (
    SELECT id, kind, status, due_at, case_id, recipient_user_id, recipient_unit_id,
           escalation_of_id
    FROM reminders WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE
  ), ok AS (
    SELECT * FROM r
    WHERE status = 'pending' AND due_at <= $2 AND escalation_of_id IS NULL
      AND NOT (kind = ANY($3::varchar[]))
  ), rcpt AS (
    SELECT ok.id AS reminder_id, ok.kind, ok.case_id, u.id AS user_id, u.email, u.email_mode
    FROM ok JOIN users u
      ON u.active AND (u.id = ok.recipient_user_id OR u.unit_id = ok.recipient_unit_id)
  ), ins AS (
    INSERT INTO notifications (user_id, reminder_id, kind, case_id, escalation, email_status)
    SELECT user_id, reminder_id, kind, case_id, false,
      (CASE WHEN NOT $4::boolean OR email IS NULL THEN 'none'
            WHEN email_mode = 'immediate' THEN 'pending'
            WHEN email_mode = 'digest' THEN 'digest'
            ELSE 'none' END)::notification_email_status
    FROM rcpt
    ON CONFLICT (reminder_id, user_id) DO NOTHING
    RETURNING reminder_id
  ), upd AS (
    UPDATE reminders
    SET status = 'delivered', delivered_at = $2, attempts = reminders.attempts + 1,
        last_error = NULL, version = reminders.version + 1, updated_at = now()
    WHERE reminders.id IN (SELECT reminder_id FROM rcpt)
    RETURNING reminders.id
  )
  SELECT r.id, r.status, r.due_at,
         (SELECT count(*) FROM rcpt WHERE rcpt.reminder_id = r.id)::int AS recipients,
         EXISTS (SELECT 1 FROM upd WHERE upd.id = r.id) AS delivered
  FROM r`;

type Recipient = Pick<UserEntity, 'id' | 'email' | 'emailMode'>;

/**
 * Delivers reminders as in-app notifications (and marks them for e-mail), exactly once: the reminder row is locked, and the
 * unique (reminder_id, user_id) of notifications makes a repeated delivery a no-op. Used by the
 * worker (BullMQ) and by the API's in-process dispatcher alike.
 */
@Injectable()
export class ReminderDeliveryService {
  private readonly logger = new Logger(ReminderDeliveryService.name);
  private readonly emailEnabled: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.emailEnabled = Boolean(config.get('SMTP_URL', { infer: true }));
  }

  /** Delivers one reminder if it is pending and due; records a failure for a later retry. */
  async deliver(reminderId: string): Promise<DeliveryOutcome> {
    if (!isUUID(reminderId)) return { status: 'skipped', reason: 'missing' };
    const outcome = (await this.deliverMany([reminderId])).get(reminderId);
    return outcome ?? { status: 'skipped', reason: 'missing' };
  }

  /** One reminder in steps (escalations, kinds that escalate, failures). */
  private async deliverOne(reminderId: string): Promise<DeliveryOutcome> {
    try {
      return await this.dataSource.transaction((em) => this.deliverLocked(em, reminderId));
    } catch (err) {
      // The transaction rolled back: nothing was delivered. Count the attempt in a new one.
      return this.recordFailure(reminderId, err);
    }
  }

  /** Ids of pending reminders that are due, oldest first (for the in-process dispatcher). */
  async findDuePendingIds(limit: number, excludeIds: readonly string[] = []): Promise<string[]> {
    const rows = await this.dataSource.getRepository(ReminderEntity).find({
      select: { id: true },
      where: {
        status: ReminderStatus.Pending,
        dueAt: LessThanOrEqual(new Date()),
        ...(excludeIds.length ? { id: Not(In([...excludeIds])) } : {}),
      },
      order: { dueAt: 'ASC', id: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.id);
  }

  /** One page of pending reminders in id order (for the reconciler); pass the last id to go on. */
  async findPending(limit: number, afterId?: string): Promise<PendingReminder[]> {
    const rows = await this.dataSource.getRepository(ReminderEntity).find({
      select: { id: true, dueAt: true },
      where: { status: ReminderStatus.Pending, ...(afterId ? { id: MoreThan(afterId) } : {}) },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((r) => ({ id: r.id, dueAt: r.dueAt }));
  }

  /** Counts for /api/health: pending, late (pending and due over a minute ago) and failed. */
  async metrics(now = new Date()): Promise<ReminderMetrics> {
    const [row] = await this.dataSource.query<{ pending: string; late: string; failed: string }[]>(
      `SELECT
         (SELECT count(*) FROM reminders WHERE status = 'pending')::text AS pending,
         (SELECT count(*) FROM reminders WHERE status = 'pending' AND due_at < $1)::text AS late,
         (SELECT count(*) FROM reminders WHERE status = 'failed')::text AS failed`,
      [new Date(now.getTime() - LATE_AFTER_MS)],
    );
    return { pending: Number(row.pending), late: Number(row.late), failed: Number(row.failed) };
  }

  /**
   * Delivers several reminders (a worker's concurrent jobs) with one statement, one round trip
   * and one commit. It locks the rows and, for those that are pending, due, have recipients and
   * need no escalation check, writes the notifications and marks them delivered, exactly as
   * deliverLocked does in steps. Everything else (escalations and kinds that escalate, no
   * recipient, a failing batch) goes through deliver() one by one: same locks, same outcome.
   */
  async deliverMany(reminderIds: readonly string[]): Promise<Map<string, DeliveryOutcome>> {
    const outcomes = new Map<string, DeliveryOutcome>();
    const ids = [...new Set(reminderIds)].filter((id) => {
      if (isUUID(id)) return true;
      outcomes.set(id, { status: 'skipped', reason: 'missing' });
      return false;
    });
    const rest: string[] = [];
    if (ids.length > 0) {
      const now = new Date();
      let rows: {
        id: string;
        status: ReminderStatus;
        due_at: Date;
        recipients: number;
        delivered: boolean;
      }[];
      try {
        rows = await this.dataSource.query(DELIVER_BATCH, [
          ids,
          now,
          ESCALATING_KINDS,
          this.emailEnabled,
        ]);
      } catch {
        // Nothing was written (one statement); each is tried and, if need be, failed alone.
        rows = [];
        rest.push(...ids.filter((id) => !outcomes.has(id)));
        ids.length = 0;
      }
      const found = new Map(rows.map((r) => [r.id, r] as const));
      for (const id of ids) {
        const row = found.get(id);
        if (!row) {
          outcomes.set(id, { status: 'skipped', reason: 'missing' });
          continue;
        }
        const decision = deliveryDecision({ status: row.status, dueAt: row.due_at }, now);
        if (decision === 'not_pending')
          outcomes.set(id, { status: 'skipped', reason: 'not_pending' });
        else if (decision === 'not_due') outcomes.set(id, { status: 'not_due', dueAt: row.due_at });
        else if (row.delivered)
          outcomes.set(id, { status: 'delivered', notified: row.recipients, scheduled: [] });
        else rest.push(id);
      }
    }
    for (const id of rest) outcomes.set(id, await this.deliverOne(id));
    return outcomes;
  }

  private async deliverLocked(em: EntityManager, reminderId: string): Promise<DeliveryOutcome> {
    const reminder = await em.findOne(ReminderEntity, {
      where: { id: reminderId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!reminder) return { status: 'skipped', reason: 'missing' };
    const now = new Date();
    const decision = deliveryDecision(reminder, now);
    if (decision === 'not_pending') return { status: 'skipped', reason: 'not_pending' };
    if (decision === 'not_due') return { status: 'not_due', dueAt: reminder.dueAt };

    let recipients: Recipient[];
    if (reminder.escalationOfId) {
      // An escalation: only if nobody has read the reminder it escalates.
      const read = await em.exists(NotificationEntity, {
        where: { reminderId: reminder.escalationOfId, readAt: Not(IsNull()) },
      });
      if (read) {
        await em.update(
          ReminderEntity,
          { id: reminderId },
          { status: ReminderStatus.Cancelled, attempts: reminder.attempts + 1 },
        );
        return { status: 'skipped', reason: 'acknowledged' };
      }
      recipients = await this.caseActors(em, reminder.escalationOfId);
      if (recipients.length === 0) {
        // Nobody else on the case: the coordinators' overdue summary still counts it (D1).
        await em.update(
          ReminderEntity,
          { id: reminderId },
          {
            status: ReminderStatus.Cancelled,
            attempts: reminder.attempts + 1,
            lastError: 'nobody else on the case to escalate to',
          },
        );
        return { status: 'skipped', reason: 'nobody_to_escalate_to' };
      }
    } else {
      recipients = await this.recipients(em, reminder);
    }
    if (recipients.length === 0) throw new PermanentDeliveryError('no active recipient');
    const escalation = reminder.escalationOfId !== null;
    await em
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(
        recipients.map((r) => ({
          userId: r.id,
          reminderId,
          kind: reminder.kind,
          caseId: reminder.caseId,
          escalation,
          emailStatus: this.emailStatusFor(r),
        })),
      )
      // The unique (reminder_id, user_id) index: a notification that exists stays the only one.
      .orIgnore()
      .execute();
    // The update bumps `version` and `updated_at` too (TypeORM adds them to every update).
    await em.update(
      ReminderEntity,
      { id: reminderId },
      {
        status: ReminderStatus.Delivered,
        deliveredAt: now,
        attempts: reminder.attempts + 1,
        lastError: null,
      },
    );
    const scheduled: PendingReminder[] = [];
    const checkAt = escalationDueAt(
      reminder.kind,
      now,
      this.config.get('REMINDER_ESCALATION_HOURS', { infer: true }),
      escalation,
      reminder.caseId !== null,
    );
    if (checkAt) {
      // Written with the delivery: the check cannot be lost between the two.
      const check = await em.save(
        em.create(ReminderEntity, {
          kind: reminder.kind,
          dueAt: checkAt,
          status: ReminderStatus.Pending,
          recipientUserId: null,
          recipientUnitId: null,
          caseId: reminder.caseId,
          subjectId: reminder.subjectId,
          escalationOfId: reminder.id,
          attempts: 0,
          deliveredAt: null,
          lastError: null,
        }),
      );
      scheduled.push({ id: check.id, dueAt: check.dueAt });
    }
    this.logger.debug({ reminderId, recipients: recipients.length }, 'Reminder delivered');
    return { status: 'delivered', notified: recipients.length, scheduled };
  }

  private emailStatusFor(r: Recipient): NotificationEmailStatus {
    if (!this.emailEnabled || !r.email) return NotificationEmailStatus.None;
    if (r.emailMode === EmailMode.Immediate) return NotificationEmailStatus.Pending;
    if (r.emailMode === EmailMode.Digest) return NotificationEmailStatus.Digest;
    return NotificationEmailStatus.None;
  }

  /** The active users a reminder goes to: its user, or every member of its unit. */
  private async recipients(em: EntityManager, reminder: ReminderEntity): Promise<Recipient[]> {
    const where = [
      ...(reminder.recipientUserId ? [{ id: reminder.recipientUserId, active: true }] : []),
      ...(reminder.recipientUnitId ? [{ unitId: reminder.recipientUnitId, active: true }] : []),
    ];
    if (where.length === 0) return [];
    return em.find(UserEntity, {
      select: { id: true, email: true, emailMode: true },
      where,
      order: { id: 'ASC' },
    });
  }

  /**
   * The active users on the escalated reminder's case who can act on it (issue 15 §7,
   * escalationTargets): never its coordinators (D1), never who already had it.
   */
  private async caseActors(em: EntityManager, escalatedId: string): Promise<Recipient[]> {
    const original = await em.findOneBy(ReminderEntity, { id: escalatedId });
    if (!original?.caseId) return [];
    const kase = await em.findOneBy(CaseEntity, { id: original.caseId });
    if (!kase || kase.closed) return [];
    const team = await em.findBy(CaseTeamMemberEntity, { caseId: kase.id });
    const orgIds = [...new Set(team.map((m) => m.organisationId))];
    const orgs = orgIds.length ? await em.findBy(OrganisationEntity, { id: In(orgIds) }) : [];
    const principal = new Set(
      orgs
        .filter(
          (o) => o.type === OrganisationType.Region || o.type === OrganisationType.Municipality,
        )
        .map((o) => o.id),
    );
    const groupMembers = await em.query<{ user_id: string; unit_id: string | null }[]>(
      `SELECT gm.user_id, u.unit_id FROM trygga_hem_cases t
         JOIN coordinator_group_members gm ON gm.group_id = t.group_id
         JOIN users u ON u.id = gm.user_id
       WHERE t.case_id = $1`,
      [kase.id],
    );
    const [lead] = await em.query<{ lead: string | null }[]>(
      `SELECT lead_principal_organisation_id AS lead FROM sip_plan_versions
       WHERE case_id = $1 AND state = 'agreed' ORDER BY number DESC LIMIT 1`,
      [kase.id],
    );
    let organisationId: string | null = null;
    if (original.recipientUnitId)
      organisationId =
        (await em.findOneBy(UnitEntity, { id: original.recipientUnitId }))?.organisationId ?? null;
    else if (original.recipientUserId)
      organisationId =
        (await em.findOneBy(UserEntity, { id: original.recipientUserId }))?.organisationId ?? null;
    const targets = escalationTargets(
      {
        programme: kase.programme,
        owningOrganisationId: kase.owningOrganisationId,
        owningUnitId: kase.owningUnitId,
        handlerId: kase.handlerId,
        team: team.map((m) => ({
          userId: m.userId,
          unitId: m.unitId,
          organisationId: m.organisationId,
          principal: principal.has(m.organisationId),
        })),
        groupMembers: groupMembers.map((g) => ({ userId: g.user_id, unitId: g.unit_id })),
        leadOrganisationId: lead?.lead ?? null,
      },
      {
        userId: original.recipientUserId,
        unitId: original.recipientUnitId,
        organisationId,
      },
    );
    const where = [
      ...(targets.userIds.length ? [{ id: In(targets.userIds), active: true }] : []),
      ...(targets.unitIds.length ? [{ unitId: In(targets.unitIds), active: true }] : []),
    ];
    if (where.length === 0) return [];
    const notified = new Set(
      (
        await em.find(NotificationEntity, {
          select: { userId: true },
          where: { reminderId: original.id },
        })
      ).map((n) => n.userId),
    );
    const users = await em.find(UserEntity, {
      select: { id: true, email: true, emailMode: true },
      where,
      order: { id: 'ASC' },
    });
    return users.filter((u) => !notified.has(u.id));
  }

  private async recordFailure(reminderId: string, err: unknown): Promise<DeliveryOutcome> {
    const lastError = describeDeliveryError(err);
    const permanent = err instanceof PermanentDeliveryError;
    const outcome = await this.dataSource.transaction(async (em): Promise<DeliveryOutcome> => {
      const reminder = await em.findOne(ReminderEntity, {
        where: { id: reminderId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!reminder) return { status: 'skipped', reason: 'missing' };
      if (reminder.status !== ReminderStatus.Pending)
        return { status: 'skipped', reason: 'not_pending' };
      const result = failureOutcome(reminder.attempts + 1, permanent, new Date());
      await em.update(
        ReminderEntity,
        { id: reminderId },
        {
          attempts: result.attempts,
          lastError,
          ...(result.status === 'failed' ? { status: ReminderStatus.Failed } : {}),
        },
      );
      return result;
    });
    if (outcome.status === 'retry' || outcome.status === 'failed') {
      // Ids and technical codes only: no content of the reminder.
      this.logger.warn(
        { reminderId, attempts: outcome.attempts, error: lastError, outcome: outcome.status },
        'Reminder delivery failed',
      );
    }
    return outcome;
  }
}
