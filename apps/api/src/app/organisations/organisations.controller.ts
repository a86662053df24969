import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OrganisationQueryDto, type OrganisationDto, type Page, Permission } from '@samsyn/common';
import { RequirePermission } from '../auth/decorators';
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
}
