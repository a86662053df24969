import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CreateOrganisationDto,
  CreateUnitDto,
  type HelpTextDto,
  OrganisationQueryDto,
  type OrganisationDto,
  type Page,
  Permission,
  UpdateHelpTextDto,
  UpdateOrganisationDto,
  UpdateUnitDto,
} from '@samsyn/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { uuidParam } from '../common/uuid-param';
import { OrganisationAdminService } from './organisation-admin.service';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly admin: OrganisationAdminService,
  ) {}

  /** Organisations with their units; filter by type, search by name. */
  @Get()
  @RequirePermission(Permission.OrganisationRead)
  list(@Query() query: OrganisationQueryDto): Promise<Page<OrganisationDto>> {
    return this.organisations.list(query);
  }

  /** Where to get help (D13), Swedish and English: the kallelse letter and printed plan show it. */
  @Get(':id/help-text')
  @RequirePermission(Permission.OrganisationRead)
  helpText(@Param('id', uuidParam()) id: string): Promise<HelpTextDto> {
    return this.organisations.helpText(id);
  }

  /** Changes the help text; org_admin of that organisation only. */
  @Patch(':id/help-text')
  @RequirePermission(Permission.OrganisationAdmin)
  setHelpText(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: UpdateHelpTextDto,
  ): Promise<HelpTextDto> {
    return this.organisations.setHelpText(user, id, dto);
  }

  /** One organisation with all its units, deactivated ones included. */
  @Get(':id')
  @RequirePermission(Permission.OrganisationRead)
  get(@Param('id', uuidParam()) id: string): Promise<OrganisationDto> {
    return this.organisations.get(id);
  }

  /** Creates an organisation (system_admin): kind, name and its codes. */
  @Post()
  @RequirePermission(Permission.OrganisationManage)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.admin.create(user, dto);
  }

  /** Edits, deactivates or reactivates an organisation (system_admin); 409 on a stale version. */
  @Patch(':id')
  @RequirePermission(Permission.OrganisationManage)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: UpdateOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.admin.update(user, id, dto);
  }

  /** Adds a unit to an organisation (system_admin). */
  @Post(':id/units')
  @RequirePermission(Permission.OrganisationManage)
  addUnit(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: CreateUnitDto,
  ): Promise<OrganisationDto> {
    return this.admin.addUnit(user, id, dto);
  }

  /** Edits, deactivates or reactivates a unit (system_admin); 409 on a stale version. */
  @Patch(':id/units/:unitId')
  @RequirePermission(Permission.OrganisationManage)
  updateUnit(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Param('unitId', uuidParam()) unitId: string,
    @Body() dto: UpdateUnitDto,
  ): Promise<OrganisationDto> {
    return this.admin.updateUnit(user, id, unitId, dto);
  }
}
