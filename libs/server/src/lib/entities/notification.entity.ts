import { ReminderKind } from '@samsyn/common';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An in-app notification. One per reminder and user, so a repeated delivery cannot duplicate it. */
@Entity('notifications')
@Index(['reminderId', 'userId'], { unique: true })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid', nullable: true })
  reminderId!: string | null;

  @Column({ type: 'varchar', length: 50 })
  kind!: ReminderKind;

  @Column({ type: 'uuid', nullable: true })
  caseId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
