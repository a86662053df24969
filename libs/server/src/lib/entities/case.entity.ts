import { Column, Entity, Index, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from './base.entity';
import { OrganisationEntity } from './organisation.entity';
import { PersonEntity } from './person.entity';
import { UnitEntity } from './unit.entity';
import { UserEntity } from './user.entity';

/** A shared case of one programme (SIP, Trygga hem, …), owned by one organisation's unit. */
@Entity('cases')
@Index(['owningOrganisationId', 'owningUnitId'])
@Index(['programme', 'status'])
export class CaseEntity extends BaseEntity {
  /** `SIP-2026-000123`. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 30 })
  number!: string;

  @Column({ type: 'varchar', length: 30 })
  programme!: string;

  @Column({ type: 'varchar', length: 40 })
  status!: string;

  @Column({ type: 'boolean', default: false })
  closed!: boolean;

  @Column({ type: 'varchar', length: 4 })
  municipalityCode!: string;

  @Column({ type: 'uuid' })
  owningOrganisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  owningOrganisation?: Relation<OrganisationEntity>;

  @Column({ type: 'uuid' })
  owningUnitId!: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  owningUnit?: Relation<UnitEntity>;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  handlerId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  handler?: Relation<UserEntity> | null;

  /** The person the case is about (the programme's subject role). */
  @Index()
  @Column({ type: 'uuid' })
  subjectPersonId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  subjectPerson?: Relation<PersonEntity>;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'date', nullable: true })
  followUpAt!: string | null;

  /**
   * The case's last write of any kind (D22): kept by database triggers on the case and every
   * table of its records (migration Gallring), so no write path can forget it.
   */
  @Index()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastActivityAt!: Date;

  /** When gallring reduced the case to what statistics need; null while it holds its records. */
  @Column({ type: 'timestamptz', nullable: true })
  clearedAt!: Date | null;
}
