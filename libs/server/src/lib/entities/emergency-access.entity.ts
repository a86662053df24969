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
import { UserEntity } from './user.entity';

/** Nödåtkomst (D17): a reasoned, time-limited grant, queued for the auditor's review. */
@Entity('emergency_accesses')
@Index(['userId', 'caseId', 'expiresAt'])
@Index(['organisationId', 'grantedAt'])
export class EmergencyAccessEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  // A case's rows, as gallring removes them (samsyn_gallra_case) one case at a time.
  @Index()
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  user?: Relation<UserEntity>;

  /** The user's organisation at the time: its auditors review the access. */
  @Column({ type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  grantedAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedById!: string | null;

  @Column({ type: 'text', nullable: true })
  reviewNote!: string | null;
}
