import { AuditEventEntity } from './audit-event.entity';
import { CaseAccessEntity } from './case-access.entity';
import { CaseLinkEntity } from './case-link.entity';
import { CaseNumberCounterEntity } from './case-number-counter.entity';
import { CaseParticipantEntity } from './case-participant.entity';
import { CaseTeamMemberEntity } from './case-team-member.entity';
import { CaseEntity } from './case.entity';
import { ConsentEntity, ConsentWithdrawalEntity, DisclosureEntity } from './consent.entity';
import { EmergencyAccessEntity } from './emergency-access.entity';
import { JournalEntryEntity } from './journal-entry.entity';
import { NotificationEntity } from './notification.entity';
import { OidcTransactionEntity } from './oidc-transaction.entity';
import { PersonEntity } from './person.entity';
import { OrganisationEntity } from './organisation.entity';
import { ReminderEntity } from './reminder.entity';
import {
  SignInChallengeEntity,
  UserRecoveryCodeEntity,
  UserTotpEntity,
} from './second-factor.entity';
import { UnitEntity } from './unit.entity';
import { UserSessionEntity } from './user-session.entity';
import { PasswordResetTokenEntity } from './password-reset-token.entity';
import { UserEntity } from './user.entity';
import { AGREEMENT_ENTITIES } from './agreements';
import { SIP_ENTITIES } from './sip';
import { TRYGGA_HEM_ENTITIES } from './trygga-hem';
import { GALLRING_ENTITIES } from './gallring.entity';
import { EvaluationExportEntity } from './evaluation-export.entity';
import { MeetingAttendanceEntity } from './meeting-attendance.entity';

export * from './agreements';
export * from './sip';
export * from './trygga-hem';
export * from './gallring.entity';
export * from './evaluation-export.entity';
export * from './meeting-attendance.entity';

export { BaseEntity } from './base.entity';
export type { CaseAccessSource } from './case-access.entity';
export {
  AuditEventEntity,
  CaseAccessEntity,
  CaseEntity,
  CaseLinkEntity,
  CaseNumberCounterEntity,
  CaseParticipantEntity,
  CaseTeamMemberEntity,
  ConsentEntity,
  ConsentWithdrawalEntity,
  DisclosureEntity,
  EmergencyAccessEntity,
  JournalEntryEntity,
  NotificationEntity,
  OidcTransactionEntity,
  PersonEntity,
  OrganisationEntity,
  ReminderEntity,
  SignInChallengeEntity,
  UnitEntity,
  UserEntity,
  UserRecoveryCodeEntity,
  UserSessionEntity,
  UserTotpEntity,
  PasswordResetTokenEntity,
};

/** Every entity; the data source, the migrations and the drift check use this one list. */
export const ENTITIES = [
  OrganisationEntity,
  UnitEntity,
  UserEntity,
  UserSessionEntity,
  OidcTransactionEntity,
  UserTotpEntity,
  UserRecoveryCodeEntity,
  SignInChallengeEntity,
  PasswordResetTokenEntity,
  ReminderEntity,
  NotificationEntity,
  PersonEntity,
  CaseEntity,
  CaseNumberCounterEntity,
  CaseParticipantEntity,
  CaseTeamMemberEntity,
  CaseLinkEntity,
  JournalEntryEntity,
  ConsentEntity,
  ConsentWithdrawalEntity,
  DisclosureEntity,
  EmergencyAccessEntity,
  CaseAccessEntity,
  AuditEventEntity,
  ...SIP_ENTITIES,
  ...TRYGGA_HEM_ENTITIES,
  ...AGREEMENT_ENTITIES,
  ...GALLRING_ENTITIES,
  EvaluationExportEntity,
  MeetingAttendanceEntity,
];
