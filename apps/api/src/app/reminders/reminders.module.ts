import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReminderEntity, RemindersCoreModule } from '@samsyn/server';
import { AfterCommit } from './after-commit';
import { CaseRemindersService } from './case-reminders.service';
import { InProcessDispatcher } from './in-process-dispatcher.service';
import { OverdueSummaryService } from './overdue-summary.service';
import {
  REMINDER_QUEUE,
  type ReminderQueue,
  reminderQueueProvider,
} from './reminder-queue.provider';
import { QueueDashboardController } from './queue-dashboard.controller';
import { ReminderScheduler } from './reminder-scheduler.service';
import { RemindersController } from './reminders.controller';
import { RemindersService } from './reminders.service';

/**
 * Reminders in the API: features schedule them with ReminderScheduler (exported), cases through
 * CaseRemindersService. With REDIS_URL
 * the API only produces jobs and the worker delivers; without it InProcessDispatcher delivers.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ReminderEntity]), RemindersCoreModule],
  controllers: [RemindersController, QueueDashboardController],
  providers: [
    reminderQueueProvider,
    AfterCommit,
    ReminderScheduler,
    InProcessDispatcher,
    RemindersService,
    CaseRemindersService,
    OverdueSummaryService,
  ],
  exports: [ReminderScheduler, CaseRemindersService, REMINDER_QUEUE, RemindersCoreModule],
})
export class RemindersModule implements OnApplicationShutdown {
  constructor(@Inject(REMINDER_QUEUE) private readonly queue: ReminderQueue) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close().catch(() => undefined);
  }
}
