import type { InformationCategory } from '@samsyn/common';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CaseEntity } from './case.entity';

/**
 * A dated, signed journal entry (D21). Append-only: a database trigger refuses UPDATE and
 * DELETE; a correction is a new entry pointing at the one it corrects.
 */
@Entity('journal_entries')
@Index(['caseId', 'signedAt'])
export class JournalEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'varchar', length: 20 })
  category!: InformationCategory;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'date' })
  occurredOn!: string;

  /** The signature: author and time, snapshotted so a later rename does not rewrite history. */
  @Column({ type: 'uuid' })
  authorId!: string;

  @Column({ type: 'varchar', length: 200 })
  authorName!: string;

  @Column({ type: 'uuid' })
  authorOrganisationId!: string;

  @Column({ type: 'varchar', length: 200 })
  authorOrganisationName!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  signedAt!: Date;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  correctsId!: string | null;

  @ManyToOne(() => JournalEntryEntity, { onDelete: 'RESTRICT', nullable: true })
  corrects?: Relation<JournalEntryEntity> | null;
}
