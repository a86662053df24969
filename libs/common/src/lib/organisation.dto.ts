import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { OrganisationType } from './organisation';
import { PageQueryDto } from './pagination.dto';

export class OrganisationQueryDto extends PageQueryDto {
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
}

export interface OrganisationDto {
  id: string;
  name: string;
  type: OrganisationType;
  municipalityCode: string | null;
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
