import { Transform, Type } from 'class-transformer';
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
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AgreementKind, AgreementStatusFilter } from './agreement';
import type { OrganisationType } from './organisation';
import { PageQueryDto } from './pagination.dto';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date (YYYY-MM-DD)';

export class AgreementFollowUpInputDto {
  /** Keep an existing follow-up (and its done state) by sending its id; omit for a new one. */
  @IsOptional()
  @IsUUID('4')
  id?: string;

  /** e.g. "Uppföljning", "Slutlig uppföljning". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label!: string;

  @Matches(DATE_ONLY, { message: `dueOn ${DATE_MESSAGE}` })
  @IsDateString({ strict: true })
  dueOn!: string;
}

/** `POST /agreements`: the caller's organisation owns it and must be one of the parties. */
export class CreateAgreementDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @IsEnum(AgreementKind)
  kind!: AgreementKind;

  /** First valid day. */
  @Matches(DATE_ONLY, { message: `validFrom ${DATE_MESSAGE}` })
  @IsDateString({ strict: true })
  validFrom!: string;

  /**
   * Last valid day ("gäller t.o.m."); null or left out: valid until further notice ("gäller
   * tills vidare", issue 17 §6). When given, it must not be before validFrom.
   */
  @IsOptional()
  @Matches(DATE_ONLY, { message: `validUntil ${DATE_MESSAGE}` })
  @IsDateString({ strict: true })
  validUntil?: string | null;

  /** The organisations that are parties, including the owner; at least two. */
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('4', { each: true })
  partyOrganisationIds!: string[];

  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AgreementFollowUpInputDto)
  followUps!: AgreementFollowUpInputDto[];

  /** D10: days after discharge readiness within which the kallelse must be sent; null = default. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(90)
  summonsDaysAfterDischargeReady?: number | null;

  /** D10: days after a SIP request within which the first meeting is held; null = default. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(90)
  firstMeetingDaysAfterRequest?: number | null;

  /**
   * Issue 17: the programme codes (`GET /programmes`) the agreement covers, for its figures on
   * the statistics page; left out: none.
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/^[A-Z][A-Z0-9_]{0,29}$/, {
    each: true,
    message: 'each programme must be a programme code',
  })
  programmes?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;
}

/** `PUT /agreements/:id`: the whole agreement again; 409 VERSION_CONFLICT when it changed meanwhile. */
export class UpdateAgreementDto extends CreateAgreementDto {
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}

export class AgreementQueryDto extends PageQueryDto {
  @IsOptional()
  @IsEnum(AgreementStatusFilter)
  status?: AgreementStatusFilter;

  /** Only agreements to which this organisation is a party. */
  @IsOptional()
  @IsUUID('4')
  partyId?: string;
}

/**
 * `GET /agreements/sip-deadlines?with=<organisationId>&with=…&on=YYYY-MM-DD`: the SIP deadlines
 * (D10) between the caller's organisation and the others, from the agreement in force on `on`
 * (default today) to which all are parties, else the defaults.
 */
export class SipDeadlinesQueryDto {
  @Transform(({ value }: { value: unknown }): unknown[] =>
    value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value],
  )
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('4', { each: true })
  with: string[] = [];

  @IsOptional()
  @Matches(DATE_ONLY, { message: `on ${DATE_MESSAGE}` })
  @IsDateString({ strict: true })
  on?: string;
}

export interface SipDeadlinesDto {
  summonsDaysAfterDischargeReady: number;
  firstMeetingDaysAfterRequest: number;
}

export type AgreementStatusDto = 'upcoming' | 'in_force' | 'expiring' | 'expired';

export interface AgreementPartyDto {
  id: string;
  name: string;
  type: OrganisationType;
}

export interface AgreementFollowUpDto {
  id: string;
  label: string;
  dueOn: string;
  done: boolean;
  doneAt: string | null;
  doneBy: { id: string; displayName: string } | null;
}

export interface AgreementSummaryDto {
  id: string;
  title: string;
  kind: AgreementKind;
  validFrom: string;
  /** Last valid day; null: valid until further notice ("gäller tills vidare"). */
  validUntil: string | null;
  status: AgreementStatusDto;
  owningOrganisation: { id: string; name: string };
  parties: AgreementPartyDto[];
  /** The earliest follow-up not yet done, if any. */
  nextFollowUp: { id: string; label: string; dueOn: string } | null;
  /** True when the agreement sets SIP deadlines (D10). */
  setsSipDeadlines: boolean;
  /** The programme codes the agreement covers (issue 17). */
  programmes: string[];
  version: number;
}

export interface AgreementDto extends AgreementSummaryDto {
  followUps: AgreementFollowUpDto[];
  summonsDaysAfterDischargeReady: number | null;
  firstMeetingDaysAfterRequest: number | null;
  /** The deadlines a SIP between the parties gets from this agreement, defaults filled in. */
  effectiveSipDeadlines: {
    summonsDaysAfterDischargeReady: number;
    firstMeetingDaysAfterRequest: number;
  };
  notes: string | null;
  /** Whether the caller may change it (AgreementManage and the owning organisation). */
  canManage: boolean;
  createdAt: string;
  updatedAt: string;
}
