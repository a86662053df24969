import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import { SipMeetingEntity } from './sip/sip-meeting.entity';
import { CoordinatorGroupMeetingEntity } from './trygga-hem/meeting.entity';
import { UnitEntity } from './unit.entity';
import { UserEntity } from './user.entity';

/**
 * One unit that took part in a cooperation meeting — a SIP meeting or a koordinatorsgrupp
 * meeting (issue 17 §2, the agreement's §7 indicator "enheter har deltagit på samverkansträff").
 * Its people are Samsyn users of the unit, by id; anyone else present is only counted, never
 * named. Rows are replaced as a whole each time the attendance is recorded; the meeting's own
 * `version` guards concurrent edits.
 */
@Entity('meeting_attendances')
@Check(
  'chk_meeting_attendance_meeting',
  '("sip_meeting_id" IS NULL) <> ("coordinator_group_meeting_id" IS NULL)',
)
@Check('chk_meeting_attendance_others', '"other_participants" >= 0')
@Index('uq_meeting_attendance_sip_unit', ['sipMeetingId', 'unitId'], {
  unique: true,
  where: '"sip_meeting_id" IS NOT NULL',
})
@Index('uq_meeting_attendance_group_unit', ['coordinatorGroupMeetingId', 'unitId'], {
  unique: true,
  where: '"coordinator_group_meeting_id" IS NOT NULL',
})
export class MeetingAttendanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  sipMeetingId!: string | null;

  @ManyToOne(() => SipMeetingEntity, { onDelete: 'CASCADE' })
  sipMeeting?: Relation<SipMeetingEntity>;

  @Column({ type: 'uuid', nullable: true })
  coordinatorGroupMeetingId!: string | null;

  @ManyToOne(() => CoordinatorGroupMeetingEntity, { onDelete: 'CASCADE' })
  coordinatorGroupMeeting?: Relation<CoordinatorGroupMeetingEntity>;

  @Index()
  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  unit?: Relation<UnitEntity>;

  /** The unit's organisation when recorded (a unit never moves; kept for the indicator's join). */
  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  organisation?: Relation<OrganisationEntity>;

  /** Samsyn users of the unit who were present; emptied by gallring with the SIP case. */
  @Column({ type: 'uuid', array: true, default: '{}' })
  userIds!: string[];

  /** Present for the unit without a Samsyn account: a number only, no names (data minimisation). */
  @Column({ type: 'int', default: 0 })
  otherParticipants!: number;

  @Column({ type: 'uuid' })
  recordedById!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  recordedBy?: Relation<UserEntity>;
}
