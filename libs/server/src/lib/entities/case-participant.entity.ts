import { ParticipantRole } from '@samsyn/common';
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
import { PersonEntity } from './person.entity';

/** A person's role on a case (offender, victim, child, individual, relative, guardian). */
@Entity('case_participants')
@Index(['caseId', 'personId'], { unique: true })
export class CaseParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  case?: Relation<CaseEntity>;

  @Index()
  @Column({ type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  person?: Relation<PersonEntity>;

  @Column({ type: 'enum', enum: ParticipantRole, enumName: 'participant_role' })
  role!: ParticipantRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
