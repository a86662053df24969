import { SipInvitationKind, SipInvitationState } from '@samsyn/common';
import { Check, Column, Entity, Index, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../base.entity';
import { CaseEntity } from '../case.entity';
import { OrganisationEntity } from '../organisation.entity';
import { UnitEntity } from '../unit.entity';
import { UserEntity } from '../user.entity';
import { SipMeetingEntity } from './sip-meeting.entity';

/** A kallelse (to the other huvudman) or inbjudan (other actors) to a SIP meeting, and its answer. */
@Entity('sip_invitations')
@Check('chk_sip_invitation_party', '("unit_id" IS NULL) <> ("external_actor" IS NULL)')
@Index('uq_sip_invitation_unit', ['meetingId', 'unitId'], {
  unique: true,
  where: '"unit_id" IS NOT NULL',
})
export class SipInvitationEntity extends BaseEntity {
  @Index()
  @Column({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => SipMeetingEntity, { onDelete: 'CASCADE' })
  meeting?: Relation<SipMeetingEntity>;

  @Index()
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'enum', enum: SipInvitationKind, enumName: 'sip_invitation_kind' })
  kind!: SipInvitationKind;

  @Column({
    type: 'enum',
    enum: SipInvitationState,
    enumName: 'sip_invitation_state',
    default: SipInvitationState.Pending,
  })
  state!: SipInvitationState;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  unitId!: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT', nullable: true })
  unit?: Relation<UnitEntity> | null;

  @Column({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', nullable: true })
  organisation?: Relation<OrganisationEntity> | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  externalActor!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  proposedStartsAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  answeredById!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', nullable: true })
  answeredBy?: Relation<UserEntity> | null;
}
