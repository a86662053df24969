import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CaseEntity } from './case.entity';
import { OrganisationEntity } from './organisation.entity';
import { UnitEntity } from './unit.entity';
import { UserEntity } from './user.entity';

/** A user or a whole unit on a case's team, with a case role from the programme. */
@Entity('case_team_members')
@Check('chk_case_team_member_user_xor_unit', '("user_id" IS NULL) <> ("unit_id" IS NULL)')
@Index('uq_case_team_member_user', ['caseId', 'userId'], {
  unique: true,
  where: '"user_id" IS NOT NULL',
})
@Index('uq_case_team_member_unit', ['caseId', 'unitId'], {
  unique: true,
  where: '"unit_id" IS NOT NULL',
})
export class CaseTeamMemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  // The case's team as a whole (the case scope refresh, gallring): the unique indexes above are
  // partial and cannot serve a lookup by case alone.
  @Index()
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  case?: Relation<CaseEntity>;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', nullable: true })
  user?: Relation<UserEntity> | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  unitId!: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'CASCADE', nullable: true })
  unit?: Relation<UnitEntity> | null;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  organisation?: Relation<OrganisationEntity>;

  @Column({ type: 'varchar', length: 50 })
  caseRole!: string;

  @Column({ type: 'boolean', default: false })
  protectedIdentityAccess!: boolean;

  @Column({ type: 'uuid', nullable: true })
  addedById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
