import type { GallringMode, GallringRunStatus, GallringTrigger } from '@samsyn/common';
import type { ClearingOutcome } from '@samsyn/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { BaseEntity } from './base.entity';
import { CaseEntity } from './case.entity';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/**
 * A retention rule (D22): cases of an organisation (null: every organisation) in a programme
 * (null: every programme) are cleared `years` after their last write. The most specific rule
 * governs (`governingRule` in libs/domain). Seeded with the default: five years, everywhere.
 */
@Entity('retention_rules')
@Index(['organisationId', 'programme'])
export class RetentionRuleEntity extends BaseEntity {
  @Column({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE', nullable: true })
  organisation?: Relation<OrganisationEntity> | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  programme!: string | null;

  @Column({ type: 'integer' })
  years!: number;
}

/** A legal hold on a case: while it exists, gallring leaves the case alone (set by org_admin). */
@Entity('case_legal_holds')
export class CaseLegalHoldEntity extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  case?: Relation<CaseEntity>;

  /** Why the case must be kept (a matter number, a request); no personal data. */
  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'uuid' })
  setById!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  setBy?: Relation<UserEntity>;
}

/** One gallring run: its report of what was due, and how far the clearing came. */
@Entity('gallring_runs')
@Index(['createdAt'])
export class GallringRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** When it was requested (queued). */
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'varchar', length: 10 })
  mode!: GallringMode;

  @Column({ type: 'varchar', length: 10 })
  status!: GallringRunStatus;

  @Column({ type: 'varchar', length: 10 })
  trigger!: GallringTrigger;

  /** Who asked for it; null for the schedule and the command line. */
  @Column({ type: 'uuid', nullable: true })
  requestedById!: string | null;

  /** Only this organisation's cases (an org_admin's dry run); null: every organisation. */
  @Column({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  /** When the report of what is due was written; clearing starts after it. */
  @Column({ type: 'timestamptz', nullable: true })
  reportedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** A technical failure note (never personal data). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  error!: string | null;

  /**
   * The report's counts per rule, organisation, programme and outcome, kept here once the run's
   * per-case rows (case ids) are pruned after GALLRING_CASE_ROWS_RETENTION; null until then.
   */
  @Column({ type: 'jsonb', nullable: true })
  summary!: GallringRunSummaryRow[] | null;
}

/** One line of a pruned run's report: how many cases of a rule, organisation and programme. */
export interface GallringRunSummaryRow {
  rule_id: string;
  organisation_id: string;
  programme: string;
  due: number;
  research: number;
  legal_hold: number;
  cleared: number;
  skipped: number;
}

/**
 * The report of a run, one row per case past its rule's time: which rule, the outcome, and when
 * it was cleared. Ids only. The row is what makes a run resumable: a case is cleared once, in the
 * transaction that sets `cleared_at` here and on the case.
 */
@Entity('gallring_run_cases')
@Index(['runId', 'outcome'])
export class GallringRunCaseEntity {
  @PrimaryColumn({ type: 'uuid' })
  runId!: string;

  @PrimaryColumn({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => GallringRunEntity, { onDelete: 'CASCADE' })
  run?: Relation<GallringRunEntity>;

  @Column({ type: 'uuid' })
  ruleId!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'varchar', length: 30 })
  programme!: string;

  @Column({ type: 'varchar', length: 12 })
  outcome!: ClearingOutcome;

  /** The case is cleared only if its last write is still before this (no activity since). */
  @Column({ type: 'timestamptz' })
  dueBefore!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  clearedAt!: Date | null;

  /** Why a due case was left after all: `legal_hold` or `activity` since the report. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  skipped!: string | null;
}

export const GALLRING_ENTITIES = [
  RetentionRuleEntity,
  CaseLegalHoldEntity,
  GallringRunEntity,
  GallringRunCaseEntity,
];
