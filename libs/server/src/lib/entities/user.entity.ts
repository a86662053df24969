import { EmailMode, type Locale, Role } from '@samsyn/common';
import { Column, Entity, Index, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from './base.entity';
import { OrganisationEntity } from './organisation.entity';
import { UnitEntity } from './unit.entity';

/** A member of staff. Passwords are stored as argon2id hashes only. */
@Entity('users')
@Index(['organisationId', 'externalId'], { unique: true })
export class UserEntity extends BaseEntity {
  /** Stored lower-case; sign-in is case-insensitive. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 100 })
  username!: string;

  @Column({ type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  /**
   * Who the user is at their organisation's identity provider (issue 16): the value of the claim
   * the organisation's OIDC configuration names (`sub` or an HSA-id). Set by an administrator;
   * unique within the organisation. Sign-in through the provider matches on it.
   */
  @Column({ type: 'varchar', length: 200, nullable: true })
  externalId!: string | null;

  @Column({ type: 'varchar', length: 200, select: false })
  passwordHash!: string;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role', array: true })
  roles!: Role[];

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  organisation?: Relation<OrganisationEntity>;

  @Column({ type: 'uuid', nullable: true })
  unitId!: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'SET NULL', nullable: true })
  unit?: Relation<UnitEntity> | null;

  @Column({ type: 'varchar', length: 2, default: 'sv' })
  locale!: Locale;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** How reminders reach this user by e-mail, besides the in-app notification centre. */
  @Column({ type: 'enum', enum: EmailMode, enumName: 'email_mode', default: EmailMode.Immediate })
  emailMode!: EmailMode;

  @Column({ type: 'int', default: 0 })
  failedLoginCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;
}
