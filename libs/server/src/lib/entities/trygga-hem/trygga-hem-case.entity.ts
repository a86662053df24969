import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  VersionColumn,
} from 'typeorm';
import type {
  CaseloadOutcome,
  ControlMeasureKind,
  IncidentKind,
  NotificationMethod,
  OfferKind,
  OfferUptake,
  RecordRevisionKind,
  RiskInstrument,
  RiskLevel,
  TryggaHemPriority,
  TryggaHemRecordKind,
  ViolenceForm,
} from '@samsyn/common';
import { BaseEntity } from '../base.entity';
import { CaseEntity } from '../case.entity';
import { OrganisationEntity } from '../organisation.entity';
import { PersonEntity } from '../person.entity';
import { VIOLENCE_FORMS_CHECK, VIOLENCE_FORMS_COLUMN } from '../violence-forms.column';
import { CoordinatorGroupEntity } from './coordinator-group.entity';

/**
 * A Trygga hem case in a koordinatorsgrupp's caseload (D3, D4): the programme data next to the
 * shared case (`cases`, programme TRYGGA_HEM), one row per case. A case that left the caseload
 * may be enrolled again: the row then starts a new enrolment, and every earlier one's exit stays
 * in `trygga_hem_caseload_exits`.
 */
@Entity('trygga_hem_cases')
@Check('chk_trygga_hem_case_priority', `"priority" IN ('A', 'B', 'C', 'D')`)
@Check(
  'chk_trygga_hem_case_left',
  `("left_at" IS NULL) = ("left_reason" IS NULL) AND ("left_at" IS NULL) = ("left_outcome" IS NULL)`,
)
export class TryggaHemCaseEntity extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  case?: Relation<CaseEntity>;

  @Index()
  @Column({ type: 'uuid' })
  groupId!: string;

  @ManyToOne(() => CoordinatorGroupEntity, { onDelete: 'RESTRICT' })
  group?: Relation<CoordinatorGroupEntity>;

  @Column({ type: 'varchar', length: 1 })
  priority!: TryggaHemPriority;

  @Column({ type: 'text' })
  priorityBasis!: string;

  @Column({ type: 'date' })
  referredOn!: string;

  /** The last meeting that recorded a decision on the case. */
  @Column({ type: 'date', nullable: true })
  lastReviewedOn!: string | null;

  /** Set by a repeat incident (issue 6 §4) until the group next reviews the case. */
  @Column({ type: 'boolean', default: false })
  repeat!: boolean;

  /**
   * Set when the group took the case off its caseload (issue 15): removed or closed there, with
   * a reason, by whom. The row stays for audit; the board, meetings and the case tab leave it out.
   */
  @Column({ type: 'timestamptz', nullable: true })
  leftAt!: Date | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  leftOutcome!: CaseloadOutcome | null;

  @Column({ type: 'text', nullable: true })
  leftReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  leftById!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  leftByName!: string | null;
}

/**
 * Each time the case left a caseload (issue 15): which group, since when, how, why and by whom.
 * Append-only; a new enrolment of the case keeps them.
 */
@Entity('trygga_hem_caseload_exits')
@Check('chk_trygga_hem_caseload_exit_outcome', `"outcome" IN ('removed', 'closed')`)
export class TryggaHemCaseloadExitEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'uuid' })
  groupId!: string;

  @ManyToOne(() => CoordinatorGroupEntity, { onDelete: 'RESTRICT' })
  group?: Relation<CoordinatorGroupEntity>;

  /** The enrolment that ended: when the case was referred to the group. */
  @Column({ type: 'date' })
  referredOn!: string;

  @Column({ type: 'varchar', length: 10 })
  outcome!: CaseloadOutcome;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'timestamptz' })
  leftAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  leftById!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  leftByName!: string | null;
}

/** Every priority the case has had, with its basis (D4). Append-only. */
@Entity('trygga_hem_priority_changes')
@Check('chk_trygga_hem_priority_change', `"priority" IN ('A', 'B', 'C', 'D')`)
export class TryggaHemPriorityChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'varchar', length: 1 })
  priority!: TryggaHemPriority;

  @Column({ type: 'text' })
  basis!: string;

  @Column({ type: 'uuid' })
  changedById!: string;

  @Column({ type: 'varchar', length: 200 })
  changedByName!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt!: Date;
}

/**
 * D21: a recorded fact that is corrected (the previous values go to `trygga_hem_record_revisions`)
 * or removed softly with a reason, never silently rewritten or deleted. Only the recording
 * organisation corrects or removes it; `version` guards against concurrent changes.
 */
export abstract class CorrectableRecord {
  @VersionColumn()
  version!: number;

  /** The organisation of the user who recorded it (not necessarily the deciding agency). */
  @Column({ type: 'uuid' })
  recordedByOrganisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  recordedByOrganisation?: Relation<OrganisationEntity>;

  /** Set by a removal: the record then counts nowhere (case, board, figures) but is kept. */
  @Column({ type: 'timestamptz', nullable: true })
  removedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  removedById!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  removedByName!: string | null;

  @Column({ type: 'text', nullable: true })
  removalReason!: string | null;
}

const REMOVAL_COMPLETE = '("removed_at" IS NULL) = ("removal_reason" IS NULL)';

/** A notification delivered to the person who uses violence (D4): letter, home visit, call-in meeting. */
@Entity('trygga_hem_notifications')
@Check('chk_trygga_hem_notification_removal', REMOVAL_COMPLETE)
export class TryggaHemNotificationEntity extends CorrectableRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'varchar', length: 30 })
  method!: NotificationMethod;

  @Column({ type: 'varchar', length: 200, nullable: true })
  customMethod!: string | null;

  @Index()
  @Column({ type: 'date' })
  deliveredOn!: string;

  @Column({ type: 'varchar', length: 200 })
  deliveredBy!: string;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ type: 'uuid' })
  recordedById!: string;

  @Column({ type: 'varchar', length: 200 })
  recordedByName!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}

/** An offer of support (D4), e.g. a treatment programme, and whether it was taken up. */
@Entity('trygga_hem_offers')
export class TryggaHemOfferEntity extends BaseEntity {
  @Index()
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'varchar', length: 30 })
  kind!: OfferKind;

  @Column({ type: 'varchar', length: 300 })
  description!: string;

  @Index()
  @Column({ type: 'date' })
  offeredOn!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  organisation?: Relation<OrganisationEntity>;

  @Column({ type: 'varchar', length: 20 })
  uptake!: OfferUptake;

  @Column({ type: 'date', nullable: true })
  uptakeOn!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}

/** A sanction or control measure (D4): kontaktförbud, supervision conditions … */
@Entity('trygga_hem_control_measures')
@Check('chk_trygga_hem_control_measure_dates', '"ends_on" IS NULL OR "ends_on" >= "starts_on"')
@Check('chk_trygga_hem_control_measure_removal', REMOVAL_COMPLETE)
export class TryggaHemControlMeasureEntity extends CorrectableRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'varchar', length: 40 })
  kind!: ControlMeasureKind;

  @Column({ type: 'varchar', length: 300, nullable: true })
  description!: string | null;

  @Index()
  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'date', nullable: true })
  endsOn!: string | null;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  organisation?: Relation<OrganisationEntity>;

  @Column({ type: 'uuid' })
  recordedById!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}

/** A new incident (D4), reported by an agency; may be a repeat (issue 6 §4). */
@Entity('trygga_hem_incidents')
@Check('chk_trygga_hem_incident_removal', REMOVAL_COMPLETE)
@Check('chk_trygga_hem_incident_violence_forms', VIOLENCE_FORMS_CHECK)
export class TryggaHemIncidentEntity extends CorrectableRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  case?: Relation<CaseEntity>;

  @Index()
  @Column({ type: 'date' })
  occurredOn!: string;

  @Column({ type: 'varchar', length: 30 })
  kind!: IncidentKind;

  @Column({ type: 'uuid' })
  reportingOrganisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  reportingOrganisation?: Relation<OrganisationEntity>;

  // Gallring asks whether any uncleared case still names the person (samsyn_gallra_case).
  @Index()
  @Column({ type: 'uuid', nullable: true })
  victimPersonId!: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT', nullable: true })
  victimPerson?: Relation<PersonEntity> | null;

  @Column({ type: 'boolean', default: false })
  repeat!: boolean;

  /** Issue 15: the forms of violence (agreement §2), each once, in `VIOLENCE_FORMS` order. */
  @Column(VIOLENCE_FORMS_COLUMN)
  violenceForms!: ViolenceForm[];

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'uuid' })
  recordedById!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}

/** A risk assessment by one agency with one instrument (D5). Never merged with another agency's. */
@Entity('trygga_hem_risk_assessments')
@Index(['caseId', 'organisationId'])
@Check('chk_trygga_hem_risk_review_after', '"review_on" >= "assessed_on"')
export class TryggaHemRiskAssessmentEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  organisation?: Relation<OrganisationEntity>;

  @Column({ type: 'varchar', length: 20 })
  instrument!: RiskInstrument;

  @Column({ type: 'varchar', length: 100, nullable: true })
  instrumentName!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  instrumentVersion!: string | null;

  @Column({ type: 'date' })
  assessedOn!: string;

  @Column({ type: 'uuid' })
  assessorId!: string;

  @Column({ type: 'varchar', length: 200 })
  assessorName!: string;

  @Column({ type: 'varchar', length: 10 })
  level!: RiskLevel;

  @Column({ type: 'date' })
  reviewOn!: string;

  /** Set when a newer incident calls for reassessment (D5). */
  @Column({ type: 'timestamptz', nullable: true })
  reassessmentRequestedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;
}

/** A victim's or child's skyddsplan and support (D3): category `safety`, victim side only. */
@Entity('trygga_hem_safety_plans')
@Index('uq_trygga_hem_safety_plan', ['caseId', 'personId'], { unique: true })
export class TryggaHemSafetyPlanEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  case?: Relation<CaseEntity>;

  // Gallring asks whether any uncleared case still names the person (samsyn_gallra_case).
  @Index()
  @Column({ type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  person?: Relation<PersonEntity>;

  @Column({ type: 'text' })
  plan!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  whereabouts!: string | null;

  @Column({ type: 'text', nullable: true })
  support!: string | null;

  @Column({ type: 'uuid' })
  updatedById!: string;

  @Column({ type: 'varchar', length: 200 })
  updatedByName!: string;
}

/**
 * D21: the history of a notification, control measure or incident — each correction with the
 * values it replaced, and the removal — with reason, who and when. Append-only (trigger).
 */
@Entity('trygga_hem_record_revisions')
@Index(['recordKind', 'recordId'])
@Check(
  'chk_trygga_hem_record_revision_kind',
  `"record_kind" IN ('notification', 'control_measure', 'incident') AND "kind" IN ('correction', 'removal')`,
)
export class TryggaHemRecordRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'varchar', length: 20 })
  recordKind!: TryggaHemRecordKind;

  /** The notification, control measure or incident (one of three tables, so no foreign key). */
  @Column({ type: 'uuid' })
  recordId!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: RecordRevisionKind;

  @Column({ type: 'text' })
  reason!: string;

  /** The changed fields' values before the change (DTO names); empty for a removal. */
  @Column({ type: 'jsonb' })
  previous!: Record<string, string | boolean | string[] | null>;

  @Column({ type: 'uuid' })
  changedById!: string;

  @Column({ type: 'varchar', length: 200 })
  changedByName!: string;

  @Column({ type: 'uuid' })
  changedByOrganisationId!: string;

  @Column({ type: 'varchar', length: 200 })
  changedByOrganisationName!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt!: Date;
}
