import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { REMINDERS_QUEUE, RemindersCoreModule } from '@samsyn/server';
import { DeliverReminderProcessor } from './jobs/deliver-reminder.processor';
import { ReminderReconciler } from './reminder-reconciler.service';

/** Delivers due reminders from the queue, and keeps the queue in step with PostgreSQL. */
@Module({
  imports: [BullModule.registerQueue({ name: REMINDERS_QUEUE }), RemindersCoreModule],
  providers: [DeliverReminderProcessor, ReminderReconciler],
})
export class RemindersModule {}
