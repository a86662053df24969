import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission, type ProgrammeDto } from '@samsyn/common';
import type { ProgrammeRegistry } from '@samsyn/domain';
import { RequirePermission } from '../auth/decorators';
import { PROGRAMMES } from './programmes.provider';

@ApiTags('cases')
@Controller('programmes')
export class ProgrammesController {
  constructor(@Inject(PROGRAMMES) private readonly programmes: ProgrammeRegistry) {}

  /** The programmes (SIP, Trygga hem, …) with their roles, statuses and categories. */
  @Get()
  @RequirePermission(Permission.OrganisationRead)
  list(): ProgrammeDto[] {
    return this.programmes.all().map((p) => ({
      code: p.code,
      numberPrefix: p.numberPrefix,
      subjectRole: p.subjectRole,
      participantRoles: p.participantRoles,
      victimSideRoles: p.victimSideRoles,
      statuses: p.statuses,
      initialStatus: p.initialStatus,
      closedStatuses: p.closedStatuses,
      transitions: p.transitions,
      categories: p.categories,
      teamRoles: p.teamRoles,
      defaultTeamRole: p.defaultTeamRole,
      defaultDeadlines: p.defaultDeadlines,
    }));
  }
}
