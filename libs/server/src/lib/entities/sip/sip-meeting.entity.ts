import { SipMeetingKind, SipMeetingState } from '@samsyn/common';
import { Column, Entity, Index, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../base.entity';
import { CaseEntity } from '../case.entity';
import { OrganisationEntity } from '../organisation.entity';
import { UnitEntity } from '../unit.entity';
import { UserEntity } from '../user.entity';

/** A SIP meeting called by a huvudman (D7); each produces a plan version (D9). */
@Entity('sip_meetings')
@Index(['caseId', 'startsAt'])
export class SipMeetingEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'enum', enum: SipMeetingKind, enumName: 'sip_meeting_kind' })
  kind!: SipMeetingKind;

  @Column({
    type: 'enum',
    enum: SipMeetingState,
    enumName: 'sip_meeting_state',
    default: SipMeetingState.Called,
  })
  state!: SipMeetingState;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'varchar', length: 300, nullable: true })
  place!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  videoLink!: string | null;

  @Column({ type: 'boolean' })
  personParticipates!: boolean;

  @Column({ type: 'boolean' })
  relativesParticipate!: boolean;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  @Column({ type: 'timestamptz' })
  calledAt!: Date;

  @Column({ type: 'uuid' })
  calledById!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  calledBy?: Relation<UserEntity>;

  @Column({ type: 'uuid' })
  callingOrganisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  callingOrganisation?: Relation<OrganisationEntity>;

  @Column({ type: 'uuid' })
  callingUnitId!: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  callingUnit?: Relation<UnitEntity>;

  @Column({ type: 'varchar', length: 500, nullable: true })
  cancelledReason!: string | null;
}
