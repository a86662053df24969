import { PersonalNumberKind, ProtectedIdentityLevel } from '@samsyn/common';
import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from './base.entity';

/**
 * A person taking part in one or more cases. One row per identity number, so a loggutdrag
 * (D19) finds every access to the person. Who may see which field is the access policy's call.
 */
@Entity('persons')
export class PersonEntity extends BaseEntity {
  @Column({
    type: 'enum',
    enum: PersonalNumberKind,
    enumName: 'personal_number_kind',
  })
  personalNumberKind!: PersonalNumberKind;

  /** Twelve digits for a personnummer/samordningsnummer; `R` + date + serial for a reserve number. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 20 })
  personalNumber!: string;

  @Column({ type: 'varchar', length: 100 })
  firstName!: string;

  @Column({ type: 'varchar', length: 100 })
  lastName!: string;

  @Column({ type: 'date' })
  birthDate!: string;

  @Column({ type: 'varchar', length: 2, nullable: true })
  language!: string | null;

  @Column({ type: 'boolean', default: false })
  interpreterNeeded!: boolean;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 6, nullable: true })
  postalCode!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  city!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({
    type: 'enum',
    enum: ProtectedIdentityLevel,
    enumName: 'protected_identity_level',
    default: ProtectedIdentityLevel.None,
  })
  protectedLevel!: ProtectedIdentityLevel;

  /** When gallring anonymised the person (no case that is not cleared names them any more). */
  @Column({ type: 'timestamptz', nullable: true })
  clearedAt!: Date | null;
}
