import { Module } from '@nestjs/common';
import { ReminderDeliveryService } from './reminder-delivery.service';

/** Reminder delivery shared by the API (in-process dispatcher) and the worker (BullMQ). */
@Module({ providers: [ReminderDeliveryService], exports: [ReminderDeliveryService] })
export class RemindersCoreModule {}
