import { Module } from '@nestjs/common';
import { mailTransportProvider } from './mail-transport';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { ReminderMailer } from './reminder-mailer.service';

/**
 * Reminder delivery and e-mail, shared by the API (in-process dispatcher) and the worker
 * (BullMQ). One module instance per process, so one SMTP connection pool.
 */
@Module({
  providers: [ReminderDeliveryService, ReminderMailer, mailTransportProvider],
  exports: [ReminderDeliveryService, ReminderMailer],
})
export class RemindersCoreModule {}
