import { Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CorrectControlMeasureDto,
  CorrectIncidentDto,
  CorrectTryggaHemNotificationDto,
  Permission,
  RemoveTryggaHemRecordDto,
  type TryggaHemCaseDto,
} from '@samsyn/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { uuidParam } from '../common/uuid-param';
import { TryggaHemRecordsService } from './trygga-hem-records.service';

/**
 * Corrections and removals of a Trygga hem case's notifications, control measures and incidents
 * (D21): by the recording organisation, with a reason and the record's `version`; a stale one is
 * 409 VERSION_CONFLICT. Each answers the case as the caller sees it.
 */
@ApiTags('trygga-hem')
@Controller('trygga-hem')
export class TryggaHemRecordsController {
  constructor(private readonly records: TryggaHemRecordsService) {}

  @Patch('notifications/:id')
  @RequirePermission(Permission.CaseWrite)
  correctNotification(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: CorrectTryggaHemNotificationDto,
  ): Promise<TryggaHemCaseDto> {
    return this.records.correctNotification(user, id, dto);
  }

  @Post('notifications/:id/remove')
  @HttpCode(200)
  @RequirePermission(Permission.CaseWrite)
  removeNotification(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: RemoveTryggaHemRecordDto,
  ): Promise<TryggaHemCaseDto> {
    return this.records.removeNotification(user, id, dto);
  }

  /** A changed end moves its `measure_ending` reminder. */
  @Patch('control-measures/:id')
  @RequirePermission(Permission.CaseWrite)
  correctControlMeasure(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: CorrectControlMeasureDto,
  ): Promise<TryggaHemCaseDto> {
    return this.records.correctControlMeasure(user, id, dto);
  }

  /** Cancels its `measure_ending` reminder in the same transaction. */
  @Post('control-measures/:id/remove')
  @HttpCode(200)
  @RequirePermission(Permission.CaseWrite)
  removeControlMeasure(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: RemoveTryggaHemRecordDto,
  ): Promise<TryggaHemCaseDto> {
    return this.records.removeControlMeasure(user, id, dto);
  }

  /** A changed date or victim re-evaluates the repeat mark and the case's repeat flag. */
  @Patch('incidents/:id')
  @RequirePermission(Permission.CaseWrite)
  correctIncident(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: CorrectIncidentDto,
  ): Promise<TryggaHemCaseDto> {
    return this.records.correctIncident(user, id, dto);
  }

  /** The repeat flag and the reassessment marks are judged again without it. */
  @Post('incidents/:id/remove')
  @HttpCode(200)
  @RequirePermission(Permission.CaseWrite)
  removeIncident(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: RemoveTryggaHemRecordDto,
  ): Promise<TryggaHemCaseDto> {
    return this.records.removeIncident(user, id, dto);
  }
}
