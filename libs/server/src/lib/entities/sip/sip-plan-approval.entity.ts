import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { OrganisationEntity } from '../organisation.entity';
import { UserEntity } from '../user.entity';
import { SipPlanVersionEntity } from './sip-plan-version.entity';

/** A huvudman's approval of one plan version (D9), by a named user. Editing a draft removes them. */
@Entity('sip_plan_approvals')
@Index(['planVersionId', 'organisationId'], { unique: true })
export class SipPlanApprovalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  planVersionId!: string;

  @ManyToOne(() => SipPlanVersionEntity, { onDelete: 'CASCADE' })
  planVersion?: Relation<SipPlanVersionEntity>;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  organisation?: Relation<OrganisationEntity>;

  @Column({ type: 'uuid' })
  approvedById!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  approvedBy?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  approvedAt!: Date;
}
