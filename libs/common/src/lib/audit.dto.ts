import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type { AccessBasis, CaseRelation, InformationCategory } from './case-access';
import type { CaseAction } from './case-actions';
import { IsPersonalNumber } from './personal-number';
import { PageQueryDto, queryBoolean } from './pagination.dto';
import type { Role } from './roles';

/** What an audited request did (D19). Reads and writes of personal data each append one event. */
export enum AuditAction {
  CaseList = 'case.list',
  CaseRead = 'case.read',
  CaseLookup = 'case.lookup',
  CaseCreate = 'case.create',
  CaseUpdate = 'case.update',
  CaseStatus = 'case.status',
  CaseLink = 'case.link',
  ParticipantAdd = 'participant.add',
  PersonUpdate = 'person.update',
  TeamAdd = 'team.add',
  TeamRemove = 'team.remove',
  ConsentList = 'consent.list',
  ConsentCreate = 'consent.create',
  ConsentWithdraw = 'consent.withdraw',
  DisclosureList = 'disclosure.list',
  DisclosureCreate = 'disclosure.create',
  JournalList = 'journal.list',
  JournalCreate = 'journal.create',
  /** Trygga hem: read a case's programme data, the board or a meeting (issue 6). */
  TryggaHemRead = 'trygga_hem.read',
  /** Trygga hem: wrote programme data (priority, incident, assessment, decision, action …). */
  TryggaHemWrite = 'trygga_hem.write',
  EmergencyAccess = 'emergency.grant',
  EmergencyReview = 'emergency.review',
  AuditCaseLog = 'audit.case_log',
  AuditExtract = 'audit.extract',
  /** The log reviewer opened a review list (loggkontroll) showing accesses to these cases. */
  AuditReview = 'audit.review',
  /** SIP (issue 4): the overview, its settings and its end (D9). */
  SipRead = 'sip.read',
  SipSettings = 'sip.settings',
  SipEnd = 'sip.end',
  /** A SIP meeting called, moved, cancelled or read with its invitations (D7). */
  SipMeetingCall = 'sip.meeting_call',
  SipMeetingUpdate = 'sip.meeting_update',
  SipMeetingCancel = 'sip.meeting_cancel',
  SipMeetingRead = 'sip.meeting_read',
  /** Who took part in a SIP meeting recorded (issue 17 §2). */
  SipMeetingAttendance = 'sip.meeting_attendance',
  /** The invited unit read its kallelser/inbjudningar (with the person where consent covers it). */
  SipInvitationRead = 'sip.invitation_read',
  SipInvitationAnswer = 'sip.invitation_answer',
  SipCalendar = 'sip.calendar',
  /** A plan version read, edited, approved, agreed by the person or printed (D8, D9, D13). */
  SipPlanRead = 'sip.plan_read',
  SipPlanUpdate = 'sip.plan_update',
  SipPlanApprove = 'sip.plan_approve',
  SipPersonAgreement = 'sip.person_agreement',
  SipPlanPrint = 'sip.plan_print',
  /** A kallelse letter for the person, or an inbjudan for an external actor, printed (D13). */
  SipLetterPrint = 'sip.letter_print',
  /** An organisation's where-to-get-help text changed (D13). */
  OrganisationHelpText = 'organisation.help_text',
  /** The installation's first organisation and system administrator, made by `admin:create`. */
  AdminFirstRun = 'admin.first_run',
  /** An organisation or a unit created, changed, deactivated or reactivated (system_admin). */
  AdminOrganisation = 'admin.organisation',
  AdminUnit = 'admin.unit',
  /**
   * The user's own account (issue 16): their password changed (or a change refused for a wrong
   * current password: outcome `denied`), one of their other sessions ended, or all of them.
   */
  AccountPasswordChanged = 'account.password_changed',
  AccountSessionEnded = 'account.session_ended',
  AccountOtherSessionsEnded = 'account.other_sessions_ended',
  /** A sign-in through the organisation's identity provider (OIDC), and one refused (issue 16). */
  AuthOidcSignIn = 'auth.oidc_sign_in',
  AuthOidcRefused = 'auth.oidc_refused',
  /** An administrator removed a user's authenticator and recovery codes (issue 16). */
  AdminSecondFactorReset = 'admin.second_factor_reset',
  /** A user confirmed an authenticator app (TOTP) for their own account. */
  SecondFactorEnrol = 'second_factor.enrol',
  /** A user turned their authenticator off. */
  SecondFactorDisable = 'second_factor.disable',
  /** A user replaced their recovery codes with new ones. */
  SecondFactorRecoveryCodes = 'second_factor.recovery_codes',
  /** A user signed in with one of their recovery codes (it cannot be used again). */
  SecondFactorRecoveryCodeUsed = 'second_factor.recovery_code_used',
  /** A user created or changed (details, unit, roles, external id) by an administrator. */
  AdminUser = 'admin.user',
  /** A user deactivated (every session ended) or reactivated. */
  AdminUserDeactivated = 'admin.user_deactivated',
  AdminUserReactivated = 'admin.user_reactivated',
  /** A locked-out user unlocked by an administrator. */
  AdminUserUnlocked = 'admin.user_unlocked',
  /** A one-time set-password code issued (new user or reset); the code itself is never logged. */
  AdminPasswordReset = 'admin.password_reset',
  /** A user set their password with a one-time code; their sessions ended. */
  AuthPasswordSet = 'auth.password_set',
  /**
   * Gallring (D22): a case cleared by a run (one event per case, in the clearing's own
   * transaction), a run started by hand, a retention rule changed, a legal hold set or lifted.
   */
  GallringCase = 'gallring.case',
  GallringRun = 'gallring.run',
  GallringRule = 'gallring.rule',
  CaseLegalHold = 'case.legal_hold',
  /**
   * An evaluation export (D6) downloaded: the target is its row in `evaluation_exports`, which
   * holds the parameters and row counts.
   */
  StatisticsEvaluationExport = 'statistics.evaluation_export',
  /** A yearly follow-up report (issue 17 §4) made: the target is the agreement. */
  StatisticsFollowUpReport = 'statistics.follow_up_report',
  /**
   * A month of the log dropped past retention (D19: kept at least five years), by the
   * `audit:drop-partition` command: its last event's id and hash stay as a checkpoint.
   */
  AuditRetentionDrop = 'audit.retention_drop',
  /** A refused attempt: who tried what. */
  AccessDenied = 'access.denied',
}

export type AuditOutcome = 'allowed' | 'denied';

/**
 * What an administrative event changed or made (issue 16; an evaluation export, issue 17), or
 * the agreement a follow-up report was made of (issue 17 §4).
 */
export type AuditTargetKind = 'organisation' | 'unit' | 'user' | 'evaluation_export' | 'agreement';

/** One audit event as the review pages show it. */
export interface AuditEventDto {
  id: string;
  occurredAt: string;
  user: { id: string; displayName: string } | null;
  organisation: { id: string; name: string } | null;
  unit: { id: string; name: string } | null;
  roles: Role[];
  action: AuditAction;
  outcome: AuditOutcome;
  caseIds: string[];
  caseNumbers: string[];
  personIds: string[];
  categories: InformationCategory[];
  consentIds: string[];
  disclosureIds: string[];
  basis: AccessBasis | null;
  relation: CaseRelation | null;
  emergency: boolean;
  requestId: string | null;
  /**
   * What an administrative event changed (issue 16), with its current name: an organisation, a
   * unit or a user. Null for the events on cases.
   */
  target: { kind: AuditTargetKind; id: string; name: string } | null;
  /**
   * Per case of `caseIds` (same order), what the caller may do with it from the review page:
   * `audit.caseLog` when its log is theirs to open (issue 15). Only on the review lists.
   */
  caseAllowedActions?: CaseAction[][];
}

export class AuditEventQueryDto extends PageQueryDto {
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

/** `GET /audit/verify`: the result of walking the hash chain (D19: not altered unnoticed). */
export interface AuditVerifyDto {
  ok: boolean;
  checked: number;
  /** The first event whose hash does not match its content and predecessor. */
  firstBrokenId: string | null;
  verifiedAt: string;
  /**
   * Where the walk started when months have been dropped past retention: the last id and hash
   * of the dropped prefix (the newest checkpoint before the oldest event left). Null from the
   * genesis.
   */
  startedAfter?: { id: string; hash: string } | null;
}

/** Rows of a loggutdrag per page by default: a whole extract for all but the busiest persons. */
export const EXTRACT_DEFAULT_PAGE_SIZE = 500;
export const EXTRACT_MAX_PAGE_SIZE = 1000;

/** `GET /audit/extract?personalNumber=`: loggutdrag — who has read data about a person, and when. */
export class AccessExtractQueryDto {
  @IsString()
  @MaxLength(20)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsPersonalNumber()
  personalNumber!: string;

  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;

  /** Rows are paged (oldest first) for a person named in very many events; the summary is whole. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(EXTRACT_MAX_PAGE_SIZE)
  pageSize: number = EXTRACT_DEFAULT_PAGE_SIZE;
}

export interface AccessExtractRowDto {
  occurredAt: string;
  user: { id: string; displayName: string } | null;
  organisation: string | null;
  unit: string | null;
  action: AuditAction;
  caseNumbers: string[];
  emergency: boolean;
}

/** One user's accesses to the person in the extract's period: how many, first and last. */
export interface AccessExtractSummaryDto {
  user: { id: string; displayName: string } | null;
  /** The user's organisation and unit now (the rows tell the unit of each access). */
  organisation: string | null;
  unit: string | null;
  accesses: number;
  first: string;
  last: string;
}

export interface AccessExtractDto {
  personalNumber: string;
  found: boolean;
  /** The events of page `page` (oldest first, `pageSize` a page); all of them when `total` fits. */
  rows: AccessExtractRowDto[];
  /** Events in the extract, over every page. */
  total: number;
  page: number;
  pageSize: number;
  /** Per user, over the whole extract, most accesses first. */
  summary: AccessExtractSummaryDto[];
}

/** A user who read far more than their colleagues in the period (loggkontroll). */
export interface VolumeOutlierDto {
  user: { id: string; displayName: string };
  reads: number;
  organisationMedian: number;
}

export class AccessReviewQueryDto {
  /** Days back from today; default 30. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  days: number = 30;
}

export class ReviewEmergencyAccessDto {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

/** `GET /audit/review/outside-caseload`: a period of days back from today, paged. */
export class AccessReviewPageQueryDto extends PageQueryDto {
  /** Days back from today; default 30. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  days: number = 30;
}

/** `GET /audit/review/emergency-accesses`: the review queue (`reviewed=false`, the default) or the done ones. */
export class EmergencyAccessReviewQueryDto extends PageQueryDto {
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  reviewed: boolean = false;
}
