import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
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
