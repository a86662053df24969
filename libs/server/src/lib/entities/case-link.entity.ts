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

/** A link between two cases (e.g. the offender's Trygga hem case ↔ the victim's support case); stored both ways. */
@Entity('case_links')
@Index(['caseId', 'linkedCaseId'], { unique: true })
export class CaseLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  case?: Relation<CaseEntity>;

  // A case's rows, as gallring removes them (samsyn_gallra_case) one case at a time.
  @Index()
  @Column({ type: 'uuid' })
  linkedCaseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  linkedCase?: Relation<CaseEntity>;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
