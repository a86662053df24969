import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { OrganisationType } from './organisation';
import type { Permission } from './permissions';
import type { Role } from './roles';
import type { MeSecondFactorDto } from './second-factor';

export class LoginDto {
  /** The user's sign-in name (case-insensitive). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

export type Locale = 'sv' | 'en';
export const LOCALES: readonly Locale[] = ['sv', 'en'];

/** The signed-in user as `GET /api/v1/me` and `POST /api/v1/auth/login` return it. */
export interface MeDto {
  id: string;
  username: string;
  displayName: string;
  locale: Locale;
  roles: Role[];
  permissions: Permission[];
  organisation: { id: string; name: string; type: OrganisationType };
  unit: { id: string; name: string } | null;
  /** The user's second factor and whether this session may only enrol one (issue 16). */
  secondFactor: MeSecondFactorDto;
}
