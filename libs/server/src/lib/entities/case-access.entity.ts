import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CaseEntity } from './case.entity';

/** Why a principal may open a case: the branch of the access policy a row stands for. */
export type CaseAccessSource =
  'owning_unit' | 'handler' | 'team' | 'consent' | 'disclosure' | 'emergency';

/**
 * The access policy's case scope, precomputed (D20, R2–R4 and R7 of libs/domain access-policy.ts):
 * one row per principal (a user or a unit id) that may open a case, and until when. Maintained
 * by database triggers in the same transaction as every change to cases, case teams, consents,
 * withdrawals, disclosures and emergency grants (`samsyn_case_access_refresh`, migration
 * 1795479000000-CaseAccess), so it can never lag behind. Only list and search queries read it;
 * the decision on a single case is still `decideCaseAccess` on the facts themselves, and the
 * property-based e2e test checks that the two agree.
 */
@Entity('case_access')
@Index([
  'principalId',
  'caseClosed',
  'caseUpdatedAt',
  'caseId',
  'validFrom',
  'validUntil',
  'expiresAt',
])
@Index(['caseId'])
export class CaseAccessEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  /** A user id (handler, team member, emergency grant) or a unit id (owning unit, team unit). */
  @Column({ type: 'uuid' })
  principalId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'varchar', length: 20 })
  source!: CaseAccessSource;

  /** The team membership, consent, disclosure or emergency grant the row comes from. */
  @Column({ type: 'uuid', nullable: true })
  sourceId!: string | null;

  /** First day (Stockholm) the row applies: a consent's given-on date. */
  @Column({ type: 'date', nullable: true })
  validFrom!: string | null;

  /** Last day it applies: a consent's or disclosure's valid-until date. */
  @Column({ type: 'date', nullable: true })
  validUntil!: string | null;

  /** The instant it stops: a consent's withdrawal, an emergency grant's expiry. */
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /**
   * The case's `closed` and `updated_at`, copied (a trigger keeps them current), so that the
   * caseload list filters, counts and sorts from this table's index alone.
   */
  @Column({ type: 'boolean' })
  caseClosed!: boolean;

  @Column({ type: 'timestamptz' })
  caseUpdatedAt!: Date;
}
