import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * A user's authenticator app (TOTP, issue 16). The shared secret is encrypted with AES-256-GCM
 * under SECRETS_KEY, so a database read alone does not yield codes. Unconfirmed until the user
 * has typed one code from the app; only a confirmed one is asked for at sign-in.
 */
@Entity('user_totp')
export class UserTotpEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  user?: Relation<UserEntity>;

  /** `v1.<iv>.<tag>.<ciphertext>` in base64url (see SecretBox). */
  @Column({ type: 'text' })
  secretEncrypted!: string;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  /**
   * The 30-second time step of the last code accepted: a code is accepted only for a later
   * step, so a code used once cannot be used again within its window.
   */
  @Column({ type: 'int', nullable: true })
  lastUsedStep!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A single-use recovery code (issue 16): only its keyed hash is stored; `usedAt` marks it spent.
 * A regeneration or an admin reset deletes a user's codes.
 */
@Entity('user_recovery_codes')
export class UserRecoveryCodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  user?: Relation<UserEntity>;

  /** HMAC-SHA-256 of the normalised code under a key derived from SECRETS_KEY, hex. */
  @Column({ type: 'varchar', length: 64 })
  codeHash!: string;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A sign-in waiting for its second factor (issue 16): the password was right, the account has
 * an authenticator. The browser holds a random token in a short-lived httpOnly cookie; only its
 * SHA-256 is stored. Deleted when the sign-in completes; useless after `expiresAt`.
 */
@Entity('sign_in_challenges')
export class SignInChallengeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Index()
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  user?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
