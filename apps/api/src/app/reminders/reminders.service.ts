import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type CreateTestReminderDto,
  ErrorCode,
  ReminderKind,
  type ReminderDto,
} from '@samsyn/common';
import { ReminderEntity } from '@samsyn/server';
import { DataSource, Repository } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException } from '../common/problem-details';
import { toReminderDto } from './reminder.mapper';
import { ReminderScheduler } from './reminder-scheduler.service';

/** Operator endpoints for reminders: a test reminder to check delivery, and a reminder's state. */
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
        kind: ReminderKind.SystemTest,
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
}
