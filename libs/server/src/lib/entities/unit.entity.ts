import { Column, Entity, Index, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from './base.entity';
import { OrganisationEntity } from './organisation.entity';

/** An enhet within an organisation, e.g. a psychiatric clinic or a local police area. */
@Entity('units')
@Index(['organisationId', 'name'], { unique: true })
export class UnitEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, (org) => org.units, { onDelete: 'RESTRICT' })
  organisation?: Relation<OrganisationEntity>;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** What the unit does, e.g. social_services, psychiatry, local_police_area. */
  @Column({ type: 'varchar', length: 50 })
  kind!: string;

  /** Deactivated: no longer offered for users, invitations or teams; never deleted. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
