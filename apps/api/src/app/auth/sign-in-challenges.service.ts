import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { SignInChallengeEntity } from '@samsyn/server';
import { createHash, randomBytes } from 'node:crypto';
import { type EntityManager, LessThanOrEqual, Repository } from 'typeorm';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** How long a right password waits for its second factor. */
export const SIGN_IN_CHALLENGE_MINUTES = 5;

/**
 * Pending sign-ins (issue 16): the password was right and the account has a second factor. The
 * browser holds a random token; the server keeps its hash, bound to the user, until the second
 * factor completes the sign-in (single use) or five minutes pass.
 */
@Injectable()
export class SignInChallengesService {
  constructor(
    @InjectRepository(SignInChallengeEntity)
    private readonly challenges: Repository<SignInChallengeEntity>,
  ) {}

  async create(userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
    await this.challenges.delete({ expiresAt: LessThanOrEqual(now) });
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SIGN_IN_CHALLENGE_MINUTES * 60_000);
    await this.challenges.insert({ tokenHash: sha256(token), userId, expiresAt });
    return { token, expiresAt };
  }

  /** The user the token's live challenge is for, or null (unknown, used or expired). */
  async userFor(token: string | undefined, now = new Date()): Promise<string | null> {
    if (!token) return null;
    const challenge = await this.challenges.findOneBy({ tokenHash: sha256(token) });
    if (!challenge || challenge.expiresAt <= now) return null;
    return challenge.userId;
  }

  /**
   * Spends the challenge inside the sign-in's transaction; false when another request spent it
   * first (the same token sent twice at once completes one sign-in only).
   */
  async consume(em: EntityManager, token: string): Promise<boolean> {
    const result = await em.delete(SignInChallengeEntity, { tokenHash: sha256(token) });
    return (result.affected ?? 0) === 1;
  }
}
