import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MAIL_TRANSPORT, type MailTransport, UserEntity } from '@samsyn/server';
import { Repository } from 'typeorm';
import { lockoutEmail } from './lockout-mail';

/**
 * Tells a user by e-mail, once, that their account has just been locked (issue 18), when SMTP
 * is set and the user has an address. Without either, the administrator's user pages show the
 * lock and can lift it.
 */
@Injectable()
export class LockoutNoticeService {
  private readonly logger = new Logger(LockoutNoticeService.name);

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @Optional() @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport | null = null,
  ) {}

  /**
   * Called after the commit of the failure that began the lock (there is exactly one). Not
   * awaited by the request: how long a mail takes must not tell the caller that the username
   * exists, nor that it has an address.
   */
  lockBegan(userId: string, lockedUntil: Date): void {
    if (!this.transport) return;
    void this.send(this.transport, userId, lockedUntil).catch((error: unknown) => {
      // Neither the address nor the user in the log: only that the mail did not go.
      this.logger.warn(
        `lockout e-mail not sent (${error instanceof Error ? error.name : 'error'}); the administrator's user pages show the lock`,
      );
    });
  }

  /** The user's address and language, then the mail; nothing when the user has no address. */
  private async send(transport: MailTransport, userId: string, lockedUntil: Date): Promise<void> {
    const user = await this.users.findOne({
      where: { id: userId },
      select: { id: true, email: true, locale: true },
    });
    if (!user?.email) return;
    await transport.send({ to: user.email, ...lockoutEmail(user.locale, lockedUntil) });
  }
}
