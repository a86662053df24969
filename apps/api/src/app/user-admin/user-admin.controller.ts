import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type AdminUserDto,
  AdminUserQueryDto,
  type AdminUserSummaryDto,
  type CreatedUserDto,
  CreateUserDto,
  type Page,
  type PasswordResetResultDto,
  Permission,
  UpdateUserDto,
  type UserOptionsDto,
} from '@samsyn/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequireAnyPermission } from '../auth/decorators';
import { uuidParam } from '../common/uuid-param';
import { PasswordResetService } from './password-reset.service';
import { UserAdminQueryService } from './user-admin-query.service';
import { UserAdminService } from './user-admin.service';

/**
 * The users administration (issue 16): an org_admin in their own organisation, a system_admin in
 * every one. The permission lets both in; each route then checks the target's organisation.
 */
@ApiTags('administration')
@Controller('admin')
@RequireAnyPermission(Permission.OrganisationAdmin, Permission.OrganisationManage)
export class UserAdminController {
  constructor(
    private readonly reads: UserAdminQueryService,
    private readonly users: UserAdminService,
    private readonly resets: PasswordResetService,
  ) {}

  /** Users, searchable by name, username and e-mail; an org_admin sees their own organisation. */
  @Get('users')
  list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: AdminUserQueryDto,
  ): Promise<Page<AdminUserSummaryDto>> {
    return this.reads.list(caller, query);
  }

  /** One user with its version, what the caller may do with it and which roles they may grant. */
  @Get('users/:id')
  get(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<AdminUserDto> {
    return this.reads.get(caller, id);
  }

  /** The active units and grantable roles for a new user of the organisation. */
  @Get('organisations/:id/user-options')
  options(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<UserOptionsDto> {
    return this.reads.options(caller, id);
  }

  /** Creates a user; their first password is set with a one-time code (e-mailed or shown once). */
  @Post('users')
  create(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: CreateUserDto,
  ): Promise<CreatedUserDto> {
    return this.users.create(caller, dto);
  }

  /** Edits, deactivates (every session ends at once) or reactivates; 409 on a stale version. */
  @Patch('users/:id')
  update(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<AdminUserDto> {
    return this.users.update(caller, id, dto);
  }

  /** Clears a lockout after repeated failed sign-ins. */
  @Post('users/:id/unlock')
  @HttpCode(HttpStatus.OK)
  unlock(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<AdminUserDto> {
    return this.users.unlock(caller, id);
  }

  /**
   * Issues a one-time code for a new password: e-mailed as a link when SMTP is set and the user
   * has an address, else answered once for the administrator to hand over. Sessions go on until
   * the new password is set.
   */
  @Post('users/:id/password-reset')
  @HttpCode(HttpStatus.OK)
  resetPassword(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<PasswordResetResultDto> {
    return this.resets.reset(caller, id);
  }
}
