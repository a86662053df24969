import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * A one-time code that sets a user's password (issue 16): issued for a new user or by an
 * administrator's reset, used once. Only its SHA-256 is stored, so a database read yields no
 * usable code. One per user: issuing a new one deletes the old; setting the password deletes it.
 */
@Entity('password_reset_tokens')
export class PasswordResetTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  user?: Relation<UserEntity>;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  /** `new_user` (a first password) or `reset` (SetPasswordPurpose in libs/common). */
  @Column({ type: 'varchar', length: 20 })
  purpose!: string;

  /** Who issued it: the administrator (null once their account is gone). */
  @Column({ type: 'uuid', nullable: true })
  issuedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
