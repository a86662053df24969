import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One audited access to personal data (D19). Append-only (a database trigger refuses UPDATE and
 * DELETE) and hash-chained: `hash` = SHA-256 over the previous event's hash and this event's
 * content, so altering or removing a row breaks the chain from that row on. No foreign keys:
 * the log outlives the rows it points at.
 *
 * Partitioned by calendar month (UTC) of `occurred_at` (migration 1796710000000, docs/audit.md):
 * a partitioned table's primary key must hold the partition column, hence (id, occurred_at). The
 * ids alone stay unique (one sequence) and follow the chain.
 */
@Entity('audit_events')
@Index(['organisationId', 'occurredAt'])
@Index(['userId', 'occurredAt'])
@Index('idx_audit_events_person_ids', { synchronize: false })
@Index('idx_audit_events_case_ids', { synchronize: false })
export class AuditEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @PrimaryColumn({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ type: 'varchar', array: true, default: '{}' })
  roles!: string[];

  @Column({ type: 'varchar', length: 40 })
  action!: string;

  @Column({ type: 'varchar', length: 10 })
  outcome!: string;

  @Column({ type: 'uuid', array: true, default: '{}' })
  caseIds!: string[];

  @Column({ type: 'uuid', array: true, default: '{}' })
  personIds!: string[];

  @Column({ type: 'varchar', array: true, default: '{}' })
  categories!: string[];

  @Column({ type: 'uuid', array: true, default: '{}' })
  consentIds!: string[];

  @Column({ type: 'uuid', array: true, default: '{}' })
  disclosureIds!: string[];

  @Column({ type: 'varchar', length: 20, nullable: true })
  basis!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  relation!: string | null;

  @Column({ type: 'boolean', default: false })
  emergency!: boolean;

  @Column({ type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  /** What an administrative event changed: `organisation`, `unit` or `user` (issue 16). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  targetKind!: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  targetId!: string | null;

  @Column({ type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
