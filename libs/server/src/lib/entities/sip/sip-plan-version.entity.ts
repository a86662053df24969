import { SipPlanState } from '@samsyn/common';
import type { SipGoalFacts, SipMeasureFacts, SipNeedFacts } from '@samsyn/domain';
import { Column, Entity, Index, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../base.entity';
import { CaseEntity } from '../case.entity';
import { OrganisationEntity } from '../organisation.entity';
import { UserEntity } from '../user.entity';
import { SipMeetingEntity } from './sip-meeting.entity';

/**
 * One version of a SIP plan (D8, D9). A draft is edited with optimistic locking (`version`);
 * once every participating huvudman approved it and the person agreed, it is agreed and never
 * edited again — a change is the next version. Needs, goals and measures are kept as JSON so
 * that a version is one row and versions compare item by item (stable ids).
 */
@Entity('sip_plan_versions')
@Index(['caseId', 'number'], { unique: true })
export class SipPlanVersionEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  case?: Relation<CaseEntity>;

  /** 1, 2, 3 … per case. */
  @Column({ type: 'int' })
  number!: number;

  @Column({
    type: 'enum',
    enum: SipPlanState,
    enumName: 'sip_plan_state',
    default: SipPlanState.Draft,
  })
  state!: SipPlanState;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  meetingId!: string | null;

  @ManyToOne(() => SipMeetingEntity, { onDelete: 'SET NULL', nullable: true })
  meeting?: Relation<SipMeetingEntity> | null;

  /** The agreed version this one started from. */
  @Column({ type: 'uuid', nullable: true })
  basedOnId!: string | null;

  @ManyToOne(() => SipPlanVersionEntity, { onDelete: 'RESTRICT', nullable: true })
  basedOn?: Relation<SipPlanVersionEntity> | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  needs!: SipNeedFacts[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  goals!: SipGoalFacts[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  measures!: SipMeasureFacts[];

  @Column({ type: 'uuid', nullable: true })
  leadPrincipalOrganisationId!: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', nullable: true })
  leadPrincipalOrganisation?: Relation<OrganisationEntity> | null;

  @Column({ type: 'date', nullable: true })
  followUpDate!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  personAgreedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  personAgreementRecordedById!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', nullable: true })
  personAgreementRecordedBy?: Relation<UserEntity> | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  personAgreementNote!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  agreedAt!: Date | null;

  /** When the draft was sent to the participating huvudmän for approval (issue 15); reset by an edit. */
  @Column({ type: 'timestamptz', nullable: true })
  sentForApprovalAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  sentForApprovalById!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', nullable: true })
  sentForApprovalBy?: Relation<UserEntity> | null;
}
