import { AgreementKind } from '@samsyn/common';
import { Column, Entity, Index, ManyToOne, OneToMany, PrimaryColumn, type Relation } from 'typeorm';
import { BaseEntity } from '../base.entity';
import { OrganisationEntity } from '../organisation.entity';
import { UserEntity } from '../user.entity';

/**
 * A cooperation agreement (D25) between organisations: its validity, parties, follow-up dates
 * and the SIP deadlines it sets (D10). No personal data.
 */
@Entity('agreements')
@Index(['validFrom', 'validUntil'])
export class AgreementEntity extends BaseEntity {
  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'enum', enum: AgreementKind, enumName: 'agreement_kind' })
  kind!: AgreementKind;

  /** First valid day (inclusive). */
  @Column({ type: 'date' })
  validFrom!: string;

  /** Last valid day (inclusive): "gäller t.o.m."; null: valid until further notice. */
  @Column({ type: 'date', nullable: true })
  validUntil!: string | null;

  /** The organisation that records and maintains it; always one of the parties. */
  @Index()
  @Column({ type: 'uuid' })
  owningOrganisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  owningOrganisation?: Relation<OrganisationEntity>;

  /** Who recorded it; its reminders go to this user. */
  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  createdBy?: Relation<UserEntity> | null;

  /** D10: days after discharge readiness for the kallelse; null leaves the default. */
  @Column({ type: 'int', nullable: true })
  summonsDaysAfterDischargeReady!: number | null;

  /** D10: days after a SIP request for the first meeting; null leaves the default. */
  @Column({ type: 'int', nullable: true })
  firstMeetingDaysAfterRequest!: number | null;

  /**
   * Issue 17: the programmes (codes, e.g. SIP, TRYGGA_HEM) the agreement covers; its figures on
   * the statistics page are those of the cases its parties own in these programmes.
   */
  @Column({ type: 'varchar', length: 30, array: true, default: '{}' })
  programmes!: string[];

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  /** The pending (or last) reminder of the end of validity, to move or cancel it. */
  @Column({ type: 'uuid', nullable: true })
  expiryReminderId!: string | null;

  @OneToMany(() => AgreementPartyEntity, (p) => p.agreement)
  parties?: Relation<AgreementPartyEntity[]>;

  @OneToMany(() => AgreementFollowUpEntity, (f) => f.agreement)
  followUps?: Relation<AgreementFollowUpEntity[]>;
}

/** One organisation that is a party to an agreement. */
@Entity('agreement_parties')
export class AgreementPartyEntity {
  @PrimaryColumn({ type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => AgreementEntity, (a) => a.parties, { onDelete: 'CASCADE' })
  agreement?: Relation<AgreementEntity>;

  /** Indexed: "the agreements my organisation is a party to" is the list's access rule. */
  @Index()
  @PrimaryColumn({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  organisation?: Relation<OrganisationEntity>;
}

/** A follow-up date of an agreement ("uppföljning november 2024"), done or not. */
@Entity('agreement_follow_ups')
export class AgreementFollowUpEntity extends BaseEntity {
  @Index()
  @Column({ type: 'uuid' })
  agreementId!: string;

  @ManyToOne(() => AgreementEntity, (a) => a.followUps, { onDelete: 'CASCADE' })
  agreement?: Relation<AgreementEntity>;

  @Column({ type: 'varchar', length: 200 })
  label!: string;

  @Column({ type: 'date' })
  dueOn!: string;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  doneById!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  doneBy?: Relation<UserEntity> | null;

  /** The pending (or last) reminder of this date, to move or cancel it. */
  @Column({ type: 'uuid', nullable: true })
  reminderId!: string | null;
}
