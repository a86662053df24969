import { OrganisationType } from '@samsyn/common';
import { Column, Entity, Index, OneToMany, type Relation } from 'typeorm';
import { BaseEntity } from './base.entity';
import { UnitEntity } from './unit.entity';

/** An agency taking part: a region, a municipality, the police, Frivård, a county board, a school … */
@Entity('organisations')
export class OrganisationEntity extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'enum', enum: OrganisationType, enumName: 'organisation_type' })
  type!: OrganisationType;

  /** SCB's four-digit municipality code (e.g. 1880 for Örebro); for municipalities only. */
  @Column({ type: 'varchar', length: 4, nullable: true })
  municipalityCode!: string | null;

  /** Organisationsnummer, NNNNNN-NNNN (not unique: a police area shares Polismyndigheten's). */
  @Column({ type: 'varchar', length: 11, nullable: true })
  organisationNumber!: string | null;

  /** The organisation's HSA-id in Inera's directory, where it has one. */
  @Column({ type: 'varchar', length: 31, nullable: true })
  hsaId!: string | null;

  /**
   * Where to get help (D13), Swedish and English, for the kallelse letter and the printed plan;
   * null: the national helplines (DEFAULT_HELP_TEXT).
   */
  @Column({ type: 'text', nullable: true })
  helpTextSv!: string | null;

  @Column({ type: 'text', nullable: true })
  helpTextEn!: string | null;

  /**
   * Password sign-ins need a second factor (TOTP, issue 16): users without one may only enrol,
   * and emergency access (D17) needs a session that passed it. On for organisations made
   * outside demo mode; the demo seed's organisations have it off.
   */
  @Column({ type: 'boolean', default: true })
  requireSecondFactor!: boolean;

  /** Deactivated: hidden from pickers, its users cannot sign in; never deleted (cases, consents and audit rows point at it). */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @OneToMany(() => UnitEntity, (unit) => unit.organisation)
  units?: Relation<UnitEntity[]>;
}
