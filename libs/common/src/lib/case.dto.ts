import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  type AccessBasis,
  type CaseRelation,
  InformationCategory,
  ParticipantRole,
} from './case-access';
import type { CaseAction } from './case-actions';
import type { OrganisationType } from './organisation';
import { CreateCaseConsentDto } from './consent.dto';
import { PageQueryDto, queryBoolean } from './pagination.dto';
import { PersonInputDto, type PersonDto } from './person.dto';

/** A programme (D26) as configured: what the client needs to build forms and explain states. */
export interface ProgrammeDto {
  code: string;
  numberPrefix: string;
  subjectRole: ParticipantRole;
  participantRoles: ParticipantRole[];
  /** Participant roles whose contact and safety data only victim-side team roles see (D3). */
  victimSideRoles: ParticipantRole[];
  statuses: string[];
  initialStatus: string;
  closedStatuses: string[];
  transitions: Record<string, string[]>;
  categories: InformationCategory[];
  teamRoles: { code: string; victimSide: boolean }[];
  defaultTeamRole: string;
  defaultDeadlines: Record<string, number>;
}

export class CreateParticipantDto {
  @IsEnum(ParticipantRole)
  role!: ParticipantRole;

  @ValidateNested()
  @Type(() => PersonInputDto)
  person!: PersonInputDto;
}

/** `POST /cases`: the open-case wizard's result, written in one transaction. */
export class CreateCaseDto {
  /** Programme code, e.g. `SIP` or `TRYGGA_HEM` (see `GET /programmes`). */
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,29}$/)
  programme!: string;

  /** SCB code of the municipality the case belongs to; defaults to the caller's municipality. */
  @IsOptional()
  @Matches(/^\d{4}$/)
  municipalityCode?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  /** The caller's own role on the case team; defaults to the programme's default team role. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  teamRole?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CreateParticipantDto)
  participants!: CreateParticipantDto[];

  /** Consents given when the case is opened; each points at a participant by index. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CreateCaseConsentDto)
  consents?: CreateCaseConsentDto[];
}

/** `GET /cases`: the caller's caseload. Every filter narrows the same policy-scoped query. */
export class CaseQueryDto extends PageQueryDto {
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,29}$/)
  programme?: string;

  @IsOptional()
  @Matches(/^[a-z][a-z_]{1,39}$/)
  status?: string;

  @IsOptional()
  @Matches(/^\d{4}$/)
  municipalityCode?: string;

  /** Only cases whose follow-up date has passed (open cases only). */
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  overdue?: boolean;

  /** Case number or part of it, e.g. `SIP-2026-000123` or `000123`. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,30}$/)
  number?: string;

  /** Include closed cases (default: open only). */
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  includeClosed?: boolean;
}

/** One row of a caseload list. Never carries contact details; protected names are withheld (D18). */
export interface CaseSummaryDto {
  id: string;
  number: string;
  programme: string;
  status: string;
  municipalityCode: string;
  owningOrganisation: { id: string; name: string };
  handler: { id: string; displayName: string } | null;
  /** The subject's name, or null when withheld (protected identity or no identity category). */
  subjectName: string | null;
  subjectProtected: boolean;
  followUpAt: string | null;
  overdue: boolean;
  closed: boolean;
  basis: AccessBasis;
  updatedAt: string;
}

export interface ParticipantDto {
  id: string;
  role: ParticipantRole;
  person: PersonDto;
}

export interface TeamMemberDto {
  id: string;
  user: { id: string; displayName: string } | null;
  unit: { id: string; name: string } | null;
  organisation: { id: string; name: string; type: OrganisationType };
  caseRole: string;
  protectedIdentityAccess: boolean;
  addedAt: string;
}

export interface LinkedCaseDto {
  id: string;
  number: string;
  programme: string;
  status: string;
}

/** What the caller may do on this case, as the server's policy decided it. */
export interface CaseAccessDto {
  basis: AccessBasis;
  relation: CaseRelation;
  categories: InformationCategory[];
  canWrite: boolean;
  canManage: boolean;
  emergencyUntil: string | null;
}

export interface CaseDto {
  id: string;
  version: number;
  number: string;
  programme: string;
  status: string;
  closed: boolean;
  municipalityCode: string;
  owningOrganisation: { id: string; name: string };
  owningUnit: { id: string; name: string };
  handler: { id: string; displayName: string } | null;
  /** Null when the caller may not see the coordination category. */
  description: string | null;
  openedAt: string;
  closedAt: string | null;
  followUpAt: string | null;
  overdue: boolean;
  allowedTransitions: string[];
  /** What the caller may do on this case, from the policy that enforces it (issue 15). */
  allowedActions: CaseAction[];
  access: CaseAccessDto;
  participants: ParticipantDto[];
  team: TeamMemberDto[];
  linkedCases: LinkedCaseDto[];
  /** Linked cases exist that the caller may not see (D3): their number only, never their content. */
  hiddenLinkedCases: number;
  /** Nödåtkomst to this case (D17), shown to the owning organisation. */
  emergencyAccesses: EmergencyAccessDto[];
}

export class UpdateCaseDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsOptional()
  @IsDateString({ strict: true })
  followUpAt?: string;

  /** A user of the owning organisation. */
  @IsOptional()
  @IsUUID()
  handlerId?: string;
}

export class ChangeCaseStatusDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsString()
  @Matches(/^[a-z][a-z_]{1,39}$/)
  status!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class AddParticipantDto extends CreateParticipantDto {}

/** `POST /cases/:id/team`: a user or a whole unit (exactly one of them). */
export class AddTeamMemberDto {
  @IsOptional()
  @IsUUID()
  userId?: string;

  @IsOptional()
  @IsUUID()
  unitId?: string;

  @IsString()
  @Matches(/^[a-z][a-z_]{1,49}$/)
  caseRole!: string;

  /** Explicit need to see skyddade personuppgifter on this case (D18). */
  @IsOptional()
  @IsBoolean()
  protectedIdentityAccess?: boolean;
}

export class LinkCaseDto {
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,29}-\d{4}-\d{6}$/)
  number!: string;
}

export class CreateJournalEntryDto {
  @IsEnum(InformationCategory)
  category!: InformationCategory;

  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  text!: string;

  /** The day the documented event happened (defaults to today). */
  @IsOptional()
  @IsDateString({ strict: true })
  occurredOn?: string;

  /** A correction points at the entry it corrects; the original stays (D21). */
  @IsOptional()
  @IsUUID()
  correctsId?: string;
}

export interface JournalEntryDto {
  id: string;
  category: InformationCategory;
  text: string;
  occurredOn: string;
  signedAt: string;
  author: { id: string; displayName: string; organisationName: string };
  correctsId: string | null;
  correctedByIds: string[];
}

export class JournalQueryDto extends PageQueryDto {}

/** `POST /cases/:id/emergency-access`: nödåtkomst needs a stated reason (D17). */
export class RequestEmergencyAccessDto {
  @IsString()
  @MinLength(20)
  @MaxLength(1000)
  reason!: string;
}

/**
 * `POST /emergency-accesses`: nödåtkomst by case number with a stated reason (D17, issue 18 §7).
 * The lookup answers a case the caller may not see as if it did not exist; this audited,
 * reviewed request is the one answer that tells them a case has the number.
 */
export class RequestEmergencyAccessByNumberDto extends RequestEmergencyAccessDto {
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,29}-\d{4}-\d{6}$/)
  caseNumber!: string;
}

export interface EmergencyAccessDto {
  id: string;
  caseId: string;
  caseNumber: string;
  user: { id: string; displayName: string; organisationName: string };
  reason: string;
  grantedAt: string;
  expiresAt: string;
  reviewedAt: string | null;
  reviewedBy: { id: string; displayName: string } | null;
  reviewNote: string | null;
  /**
   * What the caller may do with this grant: `emergencyAccess.review` and `audit.caseLog` for the
   * log reviewer of the case's owning organisation; empty elsewhere.
   */
  allowedActions: CaseAction[];
}

/**
 * `GET /cases/lookup?number=`: the case with this number, when the caller may see it; no content.
 * A number without a case and a case the caller may not see both answer 404 `NOT_FOUND`, alike
 * (issue 18 §7), with `details.allowedActions` saying whether they may ask for emergency access
 * by the number.
 */
export class CaseLookupQueryDto {
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,29}-\d{4}-\d{6}$/)
  number!: string;
}

export interface CaseLookupDto {
  id: string;
  number: string;
  programme: string;
  /** Always true: a case the caller may not see is not answered (404). */
  hasAccess: boolean;
}
