import type { EvaluationExportFormat } from '@samsyn/common';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/**
 * One evaluation export (D6, issue 17 §5): who made it, when, with which parameters, and how
 * many rows it published, generalised and left out. The audit event of the export names this
 * row (target `evaluation_export`), since the audit hash covers a fixed set of fields. Written
 * once, never changed; it holds no case data.
 */
@Entity('evaluation_exports')
@Index(['createdAt'])
export class EvaluationExportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'uuid' })
  requestedById!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  requestedBy?: Relation<UserEntity>;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  organisation?: Relation<OrganisationEntity>;

  @Column({ type: 'text', array: true })
  programmes!: string[];

  /** First and last month opened, `YYYY-MM`. */
  @Column({ type: 'varchar', length: 7 })
  periodFrom!: string;

  @Column({ type: 'varchar', length: 7 })
  periodTo!: string;

  /** Empty: every municipality. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  municipalityCodes!: string[];

  @Column({ type: 'varchar', length: 4 })
  format!: EvaluationExportFormat;

  @Column({ type: 'integer' })
  k!: number;

  @Column({ type: 'integer' })
  casesSelected!: number;

  @Column({ type: 'integer' })
  rowsPublished!: number;

  @Column({ type: 'integer' })
  rowsGeneralised!: number;

  @Column({ type: 'integer' })
  rowsLeftOut!: number;
}
