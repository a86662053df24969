import { SipEndedBy, type ViolenceForm } from '@samsyn/common';
import { Check, Column, Entity, Index, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../base.entity';
import { CaseEntity } from '../case.entity';
import { UserEntity } from '../user.entity';
import { VIOLENCE_FORMS_CHECK, VIOLENCE_FORMS_COLUMN } from '../violence-forms.column';

/**
 * A SIP case's own facts: the dates its deadlines count from (D10), whether violence is part of
 * the need (D11 indicator) and in which forms (issue 15), and how it ended (D9: the person may
 * end it at any time).
 */
@Entity('sip_details')
@Index(['caseId'], { unique: true })
@Check('chk_sip_details_violence_forms', VIOLENCE_FORMS_CHECK)
@Check('chk_sip_details_violence_forms_related', `"violence_related" OR "violence_forms" = '{}'`)
export class SipDetailsEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'date' })
  requestedOn!: string;

  @Column({ type: 'date', nullable: true })
  dischargeReadyOn!: string | null;

  @Column({ type: 'boolean', default: false })
  violenceRelated!: boolean;

  /** Issue 15: the forms of violence (agreement §2); empty unless `violenceRelated`. */
  @Column(VIOLENCE_FORMS_COLUMN)
  violenceForms!: ViolenceForm[];

  @Column({ type: 'enum', enum: SipEndedBy, enumName: 'sip_ended_by', nullable: true })
  endedBy!: SipEndedBy | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  endReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  endRecordedById!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', nullable: true })
  endRecordedBy?: Relation<UserEntity> | null;
}
