import { Check, Column, Entity, Index, ManyToOne, type Relation } from 'typeorm';
import type { ActionStatus, AgendaReason, MeetingStatus } from '@samsyn/common';
import { BaseEntity } from '../base.entity';
import { CaseEntity } from '../case.entity';
import { OrganisationEntity } from '../organisation.entity';
import { UserEntity } from '../user.entity';
import { CoordinatorGroupEntity } from './coordinator-group.entity';

/** A koordinatorsgrupp meeting (D2): agenda, decisions, actions; frozen once the minutes are approved. */
@Entity('coordinator_group_meetings')
@Index(['groupId', 'heldOn'])
export class CoordinatorGroupMeetingEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  groupId!: string;

  @ManyToOne(() => CoordinatorGroupEntity, { onDelete: 'RESTRICT' })
  group?: Relation<CoordinatorGroupEntity>;

  @Column({ type: 'date' })
  heldOn!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: MeetingStatus;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  approvedById!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  approvedByName!: string | null;
}

/** One case on a meeting's agenda and the group's decision on it. */
@Entity('coordinator_group_agenda_items')
@Index('uq_agenda_item_case', ['meetingId', 'caseId'], { unique: true })
export class AgendaItemEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => CoordinatorGroupMeetingEntity, { onDelete: 'CASCADE' })
  meeting?: Relation<CoordinatorGroupMeetingEntity>;

  @Index()
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 20, array: true, default: '{}' })
  reasons!: AgendaReason[];

  @Column({ type: 'text', nullable: true })
  decision!: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  decidedByName!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}

/** Who does what by when (D2): open until done, shown at the next meeting; reminded (`action_due`). */
@Entity('trygga_hem_actions')
@Index(['caseId', 'status'])
@Check(
  'chk_trygga_hem_action_owner',
  '"owner_organisation_id" IS NOT NULL AND "owner_user_id" IS NOT NULL',
)
export class TryggaHemActionEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  case?: Relation<CaseEntity>;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  meetingId!: string | null;

  @ManyToOne(() => CoordinatorGroupMeetingEntity, { onDelete: 'RESTRICT', nullable: true })
  meeting?: Relation<CoordinatorGroupMeetingEntity> | null;

  @Column({ type: 'uuid', nullable: true })
  agendaItemId!: string | null;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'RESTRICT', nullable: true })
  agendaItem?: Relation<AgendaItemEntity> | null;

  @Column({ type: 'varchar', length: 1000 })
  description!: string;

  @Column({ type: 'uuid' })
  ownerOrganisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  ownerOrganisation?: Relation<OrganisationEntity>;

  @Column({ type: 'uuid' })
  ownerUserId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  ownerUser?: Relation<UserEntity>;

  @Column({ type: 'date' })
  dueOn!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: ActionStatus;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  doneById!: string | null;
}
