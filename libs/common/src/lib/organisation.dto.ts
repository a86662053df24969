import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { HELP_TEXT_MAX_LENGTH, OrganisationType } from './organisation';
import { PageQueryDto, queryBoolean } from './pagination.dto';

export class OrganisationQueryDto extends PageQueryDto {
  /** Deactivated organisations and units too (the administration page); default: active only. */
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  includeInactive?: boolean;

  @IsOptional()
  @IsEnum(OrganisationType)
  type?: OrganisationType;

  /** Case-insensitive search in the organisation's or its units' names. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export interface UnitDto {
  id: string;
  name: string;
  kind: string;
  active: boolean;
  version: number;
}

export interface OrganisationDto {
  id: string;
  name: string;
  type: OrganisationType;
  municipalityCode: string | null;
  organisationNumber: string | null;
  hsaId: string | null;
  /** Password sign-ins need a second factor; emergency access a session that passed one. */
  requireSecondFactor: boolean;
  active: boolean;
  version: number;
  units: UnitDto[];
}

/** `GET /users`: staff directory for picking a handler or a team member (no personal data of clients). */
export class UserQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  /** Case-insensitive search in display name or username. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export interface UserSummaryDto {
  id: string;
  displayName: string;
  organisation: { id: string; name: string; type: OrganisationType };
  unit: { id: string; name: string } | null;
}

/**
 * `GET /api/v1/organisations/:id/help-text`: where the person can get help (D13), in Swedish and
 * English, shown in the kallelse letter and on the printed plan. `isDefault` while the
 * organisation has not written its own (the national helplines).
 */
export interface HelpTextDto {
  organisationId: string;
  sv: string;
  en: string;
  isDefault: boolean;
}

/** `PATCH /api/v1/organisations/:id/help-text` (org_admin of that organisation). */
export class UpdateHelpTextDto {
  @IsString()
  @MaxLength(HELP_TEXT_MAX_LENGTH)
  @Matches(/\S/, { message: 'sv must not be empty' })
  sv!: string;

  @IsString()
  @MaxLength(HELP_TEXT_MAX_LENGTH)
  @Matches(/\S/, { message: 'en must not be empty' })
  en!: string;
}
