import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ConsentForm, InformationCategory, LegalProvision } from './case-access';
import type { CaseAction } from './case-actions';

/** Vårdnadshavare's consent for a minor (D14). */
export class GuardianConsentDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IsDateString({ strict: true })
  givenOn!: string;
}

/** The fields every consent record has (D14). */
export class ConsentFieldsDto {
  /** Organisations that may receive the information. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  recipientOrganisationIds!: string[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(InformationCategory, { each: true })
  categories!: InformationCategory[];

  /** Categories the person explicitly does not want shared; they win over `categories`. */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(InformationCategory, { each: true })
  excludedCategories?: InformationCategory[];

  /** What else the person does not want shared, in their words. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  exclusionNote?: string;

  @IsEnum(ConsentForm)
  form!: ConsentForm;

  /** The day the person gave consent. */
  @IsDateString({ strict: true })
  givenOn!: string;

  /** Consent is time-limited: the last day it holds. */
  @IsDateString({ strict: true })
  validUntil!: string;

  /** Required when the person is a minor. */
  @IsOptional()
  @ValidateNested()
  @Type(() => GuardianConsentDto)
  guardian?: GuardianConsentDto;
}

/** `POST /cases/:id/consents`: a new record. A change supersedes the earlier record; none is edited. */
export class CreateConsentDto extends ConsentFieldsDto {
  @IsUUID()
  personId!: string;

  /** The record this one replaces; it stops being in force when this one is recorded. */
  @IsOptional()
  @IsUUID()
  supersedesId?: string;
}

/** A consent given in the open-case wizard; `participantIndex` points into `participants`. */
export class CreateCaseConsentDto extends ConsentFieldsDto {
  @IsInt()
  @Min(0)
  @Max(19)
  participantIndex!: number;
}

export class WithdrawConsentDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export type ConsentState = 'active' | 'pending' | 'expired' | 'withdrawn' | 'superseded';

export interface ConsentDto {
  id: string;
  caseId: string;
  personId: string;
  recipientOrganisations: { id: string; name: string }[];
  categories: InformationCategory[];
  excludedCategories: InformationCategory[];
  exclusionNote: string | null;
  form: ConsentForm;
  givenOn: string;
  validUntil: string;
  guardian: { name: string; givenOn: string } | null;
  recordedBy: { id: string; displayName: string };
  recordedAt: string;
  supersedesId: string | null;
  supersededById: string | null;
  withdrawal: {
    withdrawnAt: string;
    recordedBy: { id: string; displayName: string };
    reason: string | null;
  } | null;
  state: ConsentState;
  /** `consent.replace` and `consent.withdraw` when the caller may, for this record (issue 15). */
  allowedActions: CaseAction[];
}

/** `POST /cases/:id/disclosures`: disclosure without consent, with its provision (D16). */
export class CreateDisclosureDto {
  /** The person the disclosed information is about; omitted for the case subject. */
  @IsOptional()
  @IsUUID()
  personId?: string;

  @IsUUID()
  recipientOrganisationId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(InformationCategory, { each: true })
  categories!: InformationCategory[];

  @IsEnum(LegalProvision)
  provision!: LegalProvision;

  /** The provision in words; required for `other`. */
  @ValidateIf((o: CreateDisclosureDto) => o.provision === LegalProvision.Other)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  provisionText?: string;

  /** Why the provision applies here. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  justification!: string;

  /** The last day the recipient may see the disclosed categories in Samsyn (at most 90 days). */
  @IsDateString({ strict: true })
  validUntil!: string;
}

export interface DisclosureDto {
  id: string;
  caseId: string;
  personId: string;
  recipientOrganisation: { id: string; name: string };
  categories: InformationCategory[];
  provision: LegalProvision;
  provisionText: string | null;
  justification: string;
  disclosedBy: { id: string; displayName: string; organisationName: string };
  disclosedAt: string;
  validUntil: string;
}
