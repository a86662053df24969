import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type HelpTextDto,
  OrganisationQueryDto,
  type OrganisationDto,
  type Page,
  Permission,
  UpdateHelpTextDto,
} from '@samsyn/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { uuidParam } from '../common/uuid-param';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

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
}
