import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type CreateTestReminderDto,
  ErrorCode,
  ReminderKind,
  type ReminderDto,
  ReminderStatus,
} from '@samsyn/common';
import { ReminderEntity } from '@samsyn/server';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException } from '../common/problem-details';
import { toReminderDto } from './reminder.mapper';
import { ReminderScheduler } from './reminder-scheduler.service';

/**
 * Operator endpoints for reminders: test reminders to check delivery (created, moved and
 * cancelled through the same scheduler as features use), and a reminder's state.
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: ReminderScheduler,
    @InjectRepository(ReminderEntity) private readonly reminders: Repository<ReminderEntity>,
  ) {}

  async createTest(user: AuthenticatedUser, dto: CreateTestReminderDto): Promise<ReminderDto> {
    const dueAt = dto.dueAt ? new Date(dto.dueAt) : new Date();
    const reminder = await this.dataSource.transaction((em) =>
      this.scheduler.schedule(em, {
        kind: dto.kind ?? ReminderKind.SystemTest,
        dueAt,
        recipientUserId: user.id,
      }),
    );
    return toReminderDto(reminder);
  }

  async get(id: string): Promise<ReminderDto> {
    const reminder = await this.reminders.findOneBy({ id });
    if (!reminder)
      throw new ApiException(
        HttpStatus.NOT_FOUND,
        ErrorCode.NotFound,
        'There is no such reminder.',
      );
    return toReminderDto(reminder);
  }

  /** Moves a pending test reminder of the caller's (only those: operators do not steer others'). */
  async rescheduleTest(user: AuthenticatedUser, id: string, dueAt: Date): Promise<ReminderDto> {
    return this.dataSource.transaction(async (em) => {
      await this.ownPending(em, user, id);
      await this.scheduler.reschedule(em, id, dueAt);
      return toReminderDto(await em.findOneByOrFail(ReminderEntity, { id }));
    });
  }

  /** Cancels a pending test reminder of the caller's. */
  async cancelTest(user: AuthenticatedUser, id: string): Promise<ReminderDto> {
    return this.dataSource.transaction(async (em) => {
      await this.ownPending(em, user, id);
      await this.scheduler.cancel(em, id);
      return toReminderDto(await em.findOneByOrFail(ReminderEntity, { id }));
    });
  }

  private async ownPending(em: EntityManager, user: AuthenticatedUser, id: string): Promise<void> {
    const reminder = await em.findOne(ReminderEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!reminder || reminder.recipientUserId !== user.id || reminder.caseId !== null)
      throw new ApiException(
        HttpStatus.NOT_FOUND,
        ErrorCode.NotFound,
        'There is no such reminder.',
      );
    if (reminder.status !== ReminderStatus.Pending)
      throw new ApiException(
        HttpStatus.CONFLICT,
        ErrorCode.Conflict,
        'The reminder is no longer pending.',
      );
  }
}
