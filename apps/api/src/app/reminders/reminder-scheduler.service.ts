import { Inject, Injectable, Logger } from '@nestjs/common';
import { type ReminderKind, ReminderStatus } from '@samsyn/common';
import {
  DELIVER_REMINDER_JOB,
  deliverJobOptions,
  describeDeliveryError,
  ReminderEntity,
} from '@samsyn/server';
import type { EntityManager } from 'typeorm';
import { AfterCommit } from './after-commit';
import { REMINDER_QUEUE, type ReminderQueue } from './reminder-queue.provider';

export interface ScheduleReminderInput {
  kind: ReminderKind;
  dueAt: Date;
  /** A person, or a unit (every active member), or both. */
  recipientUserId?: string | null;
  recipientUnitId?: string | null;
  caseId?: string | null;
  /** What it is about besides the case (a consent, a meeting), to find it again. */
  subjectId?: string | null;
}

/**
 * Creates, moves and cancels reminders inside the caller's transaction. The row in PostgreSQL is
 * the promise; once the transaction commits the delivery job is queued (when Redis is
 * configured). A failed enqueue loses nothing: the worker's reconciler queues every pending
 * reminder that has no job, and without Redis the API's dispatcher reads the table itself.
 */
@Injectable()
export class ReminderScheduler {
  private readonly logger = new Logger(ReminderScheduler.name);

  constructor(
    private readonly afterCommit: AfterCommit,
    @Inject(REMINDER_QUEUE) private readonly queue: ReminderQueue,
  ) {}

  async schedule(em: EntityManager, input: ScheduleReminderInput): Promise<ReminderEntity> {
    if (Number.isNaN(input.dueAt.getTime())) throw new TypeError('dueAt must be a valid date');
    if (!input.recipientUserId && !input.recipientUnitId) {
      throw new TypeError('a reminder needs a recipient user or unit');
    }
    const reminder = await em.save(
      em.create(ReminderEntity, {
        kind: input.kind,
        dueAt: input.dueAt,
        status: ReminderStatus.Pending,
        recipientUserId: input.recipientUserId ?? null,
        recipientUnitId: input.recipientUnitId ?? null,
        caseId: input.caseId ?? null,
        subjectId: input.subjectId ?? null,
        escalationOfId: null,
        attempts: 0,
        deliveredAt: null,
        lastError: null,
      }),
    );
    this.afterCommit.run(em, () => this.enqueue(reminder.id, reminder.dueAt));
    return reminder;
  }

  /** Moves a pending reminder to a new time; false when it is not pending (or does not exist). */
  async reschedule(em: EntityManager, id: string, dueAt: Date): Promise<boolean> {
    if (Number.isNaN(dueAt.getTime())) throw new TypeError('dueAt must be a valid date');
    const result = await em.update(
      ReminderEntity,
      { id, status: ReminderStatus.Pending },
      { dueAt },
    );
    if (!result.affected) return false;
    this.afterCommit.run(em, () => this.requeue(id, dueAt));
    return true;
  }

  /** Cancels a pending reminder; false when it is not pending (or does not exist). */
  async cancel(em: EntityManager, id: string): Promise<boolean> {
    const result = await em.update(
      ReminderEntity,
      { id, status: ReminderStatus.Pending },
      { status: ReminderStatus.Cancelled },
    );
    if (!result.affected) return false;
    // Tidiness only: a job that stays is skipped, because the row is no longer pending.
    this.afterCommit.run(em, () => this.background('dequeue', (q) => q.remove(id)));
    return true;
  }

  /**
   * Cancels every pending reminder matching `where` (e.g. of a case, or about a consent);
   * returns how many. Rows are locked first so a delivery in progress finishes before.
   */
  async cancelWhere(
    em: EntityManager,
    where: Partial<Pick<ScheduleReminderInput, 'kind' | 'caseId' | 'subjectId'>>,
  ): Promise<number> {
    if (!where.caseId && !where.subjectId) throw new TypeError('name a case or a subject');
    const rows = await em.find(ReminderEntity, {
      select: { id: true },
      where: {
        status: ReminderStatus.Pending,
        ...(where.kind ? { kind: where.kind } : {}),
        ...(where.caseId ? { caseId: where.caseId } : {}),
        ...(where.subjectId ? { subjectId: where.subjectId } : {}),
      },
      lock: { mode: 'pessimistic_write' },
    });
    let cancelled = 0;
    for (const { id } of rows) if (await this.cancel(em, id)) cancelled++;
    return cancelled;
  }

  private enqueue(id: string, dueAt: Date): void {
    this.background('enqueue', (q) => addJob(q, id, dueAt));
  }

  /**
   * A new due time needs a new delay: remove the job and add it again. A job that is running
   * cannot be removed; it re-reads the row under lock and delays itself if it is early.
   */
  private requeue(id: string, dueAt: Date): void {
    this.background('requeue', async (q) => {
      await q.remove(id);
      await addJob(q, id, dueAt);
    });
  }

  private background(
    action: string,
    work: (queue: NonNullable<ReminderQueue>) => Promise<unknown>,
  ): void {
    const queue = this.queue;
    if (!queue) return; // embedded default: the in-process dispatcher polls the table
    void work(queue).catch((err: unknown) =>
      this.logger.warn(
        { action, error: describeDeliveryError(err) },
        'Reminder queue update failed; the reconciler will catch up',
      ),
    );
  }
}

/** The delivery job of a reminder: job id = reminder id, delayed until it is due. */
function addJob(queue: NonNullable<ReminderQueue>, id: string, dueAt: Date) {
  return queue.add(
    DELIVER_REMINDER_JOB,
    { reminderId: id },
    deliverJobOptions(id, dueAt, new Date()),
  );
}
