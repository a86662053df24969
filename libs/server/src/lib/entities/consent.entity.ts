import { ConsentForm, type InformationCategory, LegalProvision } from '@samsyn/common';
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

/**
 * A consent record (D14). Never edited or deleted (a database trigger refuses it): a change is
 * a new record that supersedes this one, and a withdrawal is a `consent_withdrawals` row.
 */
@Entity('consents')
@Index(['caseId', 'personId'])
export class ConsentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  case?: Relation<CaseEntity>;

  // Gallring asks whether any uncleared case still names the person (samsyn_gallra_case).
  @Index()
  @Column({ type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  person?: Relation<PersonEntity>;

  @Column({ type: 'uuid', array: true })
  recipientOrganisationIds!: string[];

  @Column({ type: 'varchar', length: 20, array: true })
  categories!: InformationCategory[];

  @Column({ type: 'varchar', length: 20, array: true, default: '{}' })
  excludedCategories!: InformationCategory[];

  @Column({ type: 'text', nullable: true })
  exclusionNote!: string | null;

  @Column({ type: 'enum', enum: ConsentForm, enumName: 'consent_form' })
  form!: ConsentForm;

  @Column({ type: 'date' })
  givenOn!: string;

  @Column({ type: 'date' })
  validUntil!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  guardianName!: string | null;

  @Column({ type: 'date', nullable: true })
  guardianGivenOn!: string | null;

  @Column({ type: 'uuid' })
  recordedById!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;

  /** The record this one replaced. Unique: a record is superseded at most once. */
  @Index({ unique: true, where: '"supersedes_id" IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  supersedesId!: string | null;

  @ManyToOne(() => ConsentEntity, { onDelete: 'RESTRICT', nullable: true })
  supersedes?: Relation<ConsentEntity> | null;
}

/** Withdrawal of a consent (D15): an event that takes effect at once. At most one per consent. */
@Entity('consent_withdrawals')
export class ConsentWithdrawalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  consentId!: string;

  @ManyToOne(() => ConsentEntity, { onDelete: 'RESTRICT' })
  consent?: Relation<ConsentEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  withdrawnAt!: Date;

  @Column({ type: 'uuid' })
  recordedById!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;
}

/** Disclosure without consent under a recorded legal provision (D16). Never edited or deleted. */
@Entity('disclosures')
@Index(['caseId', 'recipientOrganisationId'])
export class DisclosureEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  case?: Relation<CaseEntity>;

  // Gallring asks whether any uncleared case still names the person (samsyn_gallra_case).
  @Index()
  @Column({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'uuid' })
  recipientOrganisationId!: string;

  @Column({ type: 'varchar', length: 20, array: true })
  categories!: InformationCategory[];

  @Column({ type: 'enum', enum: LegalProvision, enumName: 'legal_provision' })
  provision!: LegalProvision;

  @Column({ type: 'varchar', length: 200, nullable: true })
  provisionText!: string | null;

  @Column({ type: 'text' })
  justification!: string;

  @Column({ type: 'uuid' })
  disclosedById!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  disclosedAt!: Date;

  @Column({ type: 'date' })
  validUntil!: string;
}
