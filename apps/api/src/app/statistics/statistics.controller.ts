import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type StatisticsDto,
  type StatisticsOptionsDto,
  StatisticsQueryDto,
} from '@samsyn/common';
import type { Response } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { statisticsCsv } from './statistics-csv';
import { StatisticsScopeService } from './statistics-scope.service';
import { StatisticsService } from './statistics.service';

/** The statistics page's indicators (issue 17 §1–2), for steering, coordinators and org_admin. */
@ApiTags('statistics')
@Controller('statistics')
export class StatisticsController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly scopes: StatisticsScopeService,
  ) {}

  /** The agreements, municipalities and programmes the caller may filter by. */
  @Get('options')
  @RequirePermission(Permission.StatisticsRead)
  options(@CurrentUser() user: AuthenticatedUser): Promise<StatisticsOptionsDto> {
    return this.scopes.options(user);
  }

  @Get('indicators')
  @RequirePermission(Permission.StatisticsRead)
  indicators(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: StatisticsQueryDto,
  ): Promise<StatisticsDto> {
    return this.statistics.indicators(user, query);
  }

  /** The same figures as CSV, with the same suppression; headers in `lang` (default Swedish). */
  @Get('indicators.csv')
  @ApiProduces('text/csv')
  @RequirePermission(Permission.StatisticsRead)
  async csv(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: StatisticsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const dto = await this.statistics.indicators(user, query);
    const csv = statisticsCsv(dto, query.lang ?? 'sv');
    res.setHeader(
      'content-disposition',
      `attachment; filename="statistik-${dto.from}-${dto.to}.csv"`,
    );
    return new StreamableFile(Buffer.from(csv, 'utf8'), { type: 'text/csv; charset=utf-8' });
  }
}
