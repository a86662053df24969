import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { BaseEntity } from '../base.entity';
import { OrganisationEntity } from '../organisation.entity';
import { UserEntity } from '../user.entity';

/** A koordinatorsgrupp (D2): one per pilot municipality, owning a Trygga hem caseload. */
@Entity('coordinator_groups')
export class CoordinatorGroupEntity extends BaseEntity {
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 4 })
  municipalityCode!: string;

  /** The meeting schedule in words ("Varannan tisdag 09.00"). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  meetingSchedule!: string | null;
}

/** A member of a koordinatorsgrupp, acting for their organisation (social services, police, Frivård, region). */
@Entity('coordinator_group_members')
@Index('uq_coordinator_group_member', ['groupId', 'userId'], { unique: true })
export class CoordinatorGroupMemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  groupId!: string;

  @ManyToOne(() => CoordinatorGroupEntity, { onDelete: 'CASCADE' })
  group?: Relation<CoordinatorGroupEntity>;

  @Index()
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  user?: Relation<UserEntity>;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  organisation?: Relation<OrganisationEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
