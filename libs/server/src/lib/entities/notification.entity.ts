import { ReminderKind } from '@samsyn/common';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { ReminderEntity } from './reminder.entity';
import { UserEntity } from './user.entity';

/** Whether and how a notification still goes out by e-mail. */
export enum NotificationEmailStatus {
  /** No e-mail: the user chose in-app only, has no address, or the server sends no e-mail. */
  None = 'none',
  /** To be sent on its own, as soon as possible. */
  Pending = 'pending',
  /** To be listed in the user's next daily digest. */
  Digest = 'digest',
  Sent = 'sent',
  /** Given up after repeated SMTP failures. */
  Failed = 'failed',
}

/** An in-app notification. One per reminder and user, so a repeated delivery cannot duplicate it. */
@Entity('notifications')
@Index(['reminderId', 'userId'], { unique: true })
// The notification centre lists a user's newest first.
@Index(['userId', 'createdAt'])
// The e-mail senders look only at what is still to be sent.
@Index('idx_notifications_email_due', ['createdAt'], {
  where: `"email_status" IN ('pending', 'digest')`,
})
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  user?: Relation<UserEntity>;

  @Column({ type: 'uuid', nullable: true })
  reminderId!: string | null;

  @ManyToOne(() => ReminderEntity, { onDelete: 'SET NULL', nullable: true })
  reminder?: Relation<ReminderEntity> | null;

  @Column({ type: 'varchar', length: 50 })
  kind!: ReminderKind;

  // A case's rows, as gallring removes them (samsyn_gallra_case) one case at a time.
  @Index()
  @Column({ type: 'uuid', nullable: true })
  caseId!: string | null;

  /** A coordinator's copy of a reminder that its recipient did not read in time. */
  @Column({ type: 'boolean', default: false })
  escalation!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Column({
    type: 'enum',
    enum: NotificationEmailStatus,
    enumName: 'notification_email_status',
    default: NotificationEmailStatus.None,
  })
  emailStatus!: NotificationEmailStatus;

  @Column({ type: 'int', default: 0 })
  emailAttempts!: number;

  /** After a failed send: not before this time. */
  @Column({ type: 'timestamptz', nullable: true })
  emailRetryAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  emailedAt!: Date | null;
}
