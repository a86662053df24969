import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createTransport } from 'nodemailer';
import type { EnvironmentVariables } from '../config/environment';

/** Sends one plain-text message. Rejects when the SMTP server did not accept it. */
export interface MailTransport {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
  close(): void;
}

/** The SMTP transport, or null without SMTP_URL (e-mail off: reminders are in-app only). */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

export function smtpTransport(url: string, from: string): MailTransport {
  // Pooled: a burst of reminders reuses a few connections instead of one per message.
  const transporter = createTransport({
    url,
    pool: true,
    maxConnections: 4,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    send: async ({ to, subject, text }) => {
      await transporter.sendMail({
        from,
        to,
        subject,
        text,
        // Out-of-office replies should not answer a machine.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    },
    close: () => transporter.close(),
  };
}

export const mailTransportProvider: Provider = {
  provide: MAIL_TRANSPORT,
  inject: [ConfigService],
  useFactory: (config: ConfigService<EnvironmentVariables, true>): MailTransport | null => {
    const url = config.get('SMTP_URL', { infer: true });
    return url ? smtpTransport(url, config.get('MAIL_FROM', { infer: true })) : null;
  },
};
