import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id hashing (OWASP's recommended parameters: 19 MiB, 2 iterations). */
@Injectable()
export class PasswordService {
  private static readonly options: argon2.HashOptions & { raw?: false } = {
    type: argon2.argon2id,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
  };
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, PasswordService.options);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the time a verification takes, so a missing user answers as slowly as a wrong password. */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash('samsyn-timing-equaliser');
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
