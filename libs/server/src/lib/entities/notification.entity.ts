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

/** An in-app notification. One per reminder and user, so a repeated delivery cannot duplicate it. */
@Entity('notifications')
@Index(['reminderId', 'userId'], { unique: true })
// The notification centre lists a user's newest first.
@Index(['userId', 'createdAt'])
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

  @Column({ type: 'uuid', nullable: true })
  caseId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
