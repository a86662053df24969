import { Module } from '@nestjs/common';
import { MAIL_TRANSPORT, mailTransportProvider } from './mail-transport';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { ReminderMailer } from './reminder-mailer.service';

/**
 * Reminder delivery and e-mail, shared by the API (in-process dispatcher) and the worker
 * (BullMQ). One module instance per process, so one SMTP connection pool.
 */
@Module({
  providers: [ReminderDeliveryService, ReminderMailer, mailTransportProvider],
  // The SMTP pool too: the API's set-password e-mail (issue 16) goes through the same one.
  exports: [ReminderDeliveryService, ReminderMailer, MAIL_TRANSPORT],
})
export class RemindersCoreModule {}
