import { ReminderKind, ReminderStatus } from '@samsyn/common';
import { Column, Entity, Index, ManyToOne, type Relation } from 'typeorm';
import { UnitEntity } from './unit.entity';
import { UserEntity } from './user.entity';
import { BaseEntity } from './base.entity';

/**
 * What must be reminded, to whom and when: the durable truth. Redis only carries delivery
 * (job id = reminder id); a reminder is delivered when its row says so.
 */
@Entity('reminders')
@Index('idx_reminders_pending_due', ['dueAt'], { where: `"status" = 'pending'` })
export class ReminderEntity extends BaseEntity {
  @Column({ type: 'varchar', length: 50 })
  kind!: ReminderKind;

  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  @Column({
    type: 'enum',
    enum: ReminderStatus,
    enumName: 'reminder_status',
    default: ReminderStatus.Pending,
  })
  status!: ReminderStatus;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  recipientUserId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  recipientUser?: Relation<UserEntity> | null;

  @Column({ type: 'uuid', nullable: true })
  recipientUnitId!: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'SET NULL', nullable: true })
  recipientUnit?: Relation<UnitEntity> | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  /** Technical reason of the last failure; never personal data. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;
}
