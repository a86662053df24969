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
// Features find their pending reminder again by what it is about (a consent, a meeting).
@Index('idx_reminders_pending_subject', ['subjectId'], { where: `"status" = 'pending'` })
// Health counts failed reminders without reading the delivered ones.
@Index('idx_reminders_failed', ['updatedAt'], { where: `"status" = 'failed'` })
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

  /** What the reminder is about besides the case (a consent, a meeting, an agreement), if any. */
  @Column({ type: 'uuid', nullable: true })
  subjectId!: string | null;

  /** Set on an escalation: the reminder that nobody read in time (its recipients' coordinators). */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  escalationOfId!: string | null;

  @ManyToOne(() => ReminderEntity, { onDelete: 'SET NULL', nullable: true })
  escalationOf?: Relation<ReminderEntity> | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  /** Technical reason of the last failure; never personal data. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;
}
