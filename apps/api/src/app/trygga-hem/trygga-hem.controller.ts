import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type ActionDto,
  AddGroupMemberDto,
  ApproveMinutesDto,
  BoardQueryDto,
  type BoardRowDto,
  type CaseloadExitDto,
  ChangePriorityDto,
  type CoordinatorGroupDto,
  CreateActionDto,
  CreateControlMeasureDto,
  CreateCoordinatorGroupDto,
  CreateIncidentDto,
  CreateMeetingDto,
  CreateOfferDto,
  CreateRiskAssessmentDto,
  CreateTryggaHemNotificationDto,
  EnrolTryggaHemCaseDto,
  GroupCandidateQueryDto,
  LeaveCaseloadDto,
  type MeetingDto,
  type MeetingSummaryDto,
  RecordAttendanceDto,
  type Page,
  Permission,
  RecordDecisionDto,
  SaveSafetyPlanDto,
  type TryggaHemCaseDto,
  TryggaHemCaseQueryDto,
  type TryggaHemEnrolmentDto,
  type TryggaHemStatisticsDto,
  TryggaHemStatisticsQueryDto,
  UpdateActionDto,
  UpdateAgendaDto,
  UpdateCoordinatorGroupDto,
  UpdateOfferDto,
  type UserSummaryDto,
} from '@samsyn/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { uuidParam } from '../common/uuid-param';
import { CoordinatorGroupsService } from './coordinator-groups.service';
import { MeetingAttendanceService } from './meeting-attendance.service';
import { MeetingsService } from './meetings.service';
import { TryggaHemCaseReadsService } from './trygga-hem-case-reads.service';
import { TryggaHemCoordinationService } from './trygga-hem-coordination.service';
import { TryggaHemRecordingService } from './trygga-hem-recording.service';
import { TryggaHemSupportService } from './trygga-hem-support.service';
import { TryggaHemStatisticsService } from './trygga-hem-statistics.service';

/** Koordinatorsgrupper (D2): groups, members, the caseload board and meetings. */
@ApiTags('trygga-hem')
@Controller('trygga-hem/groups')
export class CoordinatorGroupsController {
  constructor(
    private readonly groups: CoordinatorGroupsService,
    private readonly meetings: MeetingsService,
  ) {}

  /** The groups the caller is a member of (all groups for group managers). */
  @Get()
  @RequirePermission(Permission.OrganisationRead)
  list(@CurrentUser() user: AuthenticatedUser): Promise<CoordinatorGroupDto[]> {
    return this.groups.list(user);
  }

  @Post()
  @RequirePermission(Permission.CoordinatorGroupManage)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateCoordinatorGroupDto,
  ): Promise<CoordinatorGroupDto> {
    return this.groups.create(user, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.OrganisationRead)
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<CoordinatorGroupDto> {
    return this.groups.get(user, id);
  }

  /** Name and meeting schedule; 409 VERSION_CONFLICT when `version` is stale. */
  @Patch(':id')
  @RequirePermission(Permission.CoordinatorGroupManage)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: UpdateCoordinatorGroupDto,
  ): Promise<CoordinatorGroupDto> {
    return this.groups.update(user, id, dto);
  }

  @Post(':id/members')
  @RequirePermission(Permission.CoordinatorGroupManage)
  addMember(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: AddGroupMemberDto,
  ): Promise<CoordinatorGroupDto> {
    return this.groups.addMember(user, id, dto);
  }

  @Delete(':id/members/:memberId')
  @RequirePermission(Permission.CoordinatorGroupManage)
  removeMember(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Param('memberId', uuidParam('memberId')) memberId: string,
  ): Promise<CoordinatorGroupDto> {
    return this.groups.removeMember(user, id, memberId);
  }

  /** The caseload board (members): filter, sort (`agenda` by default) and page. */
  @Get(':id/board')
  @RequirePermission(Permission.CaseRead)
  board(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Query() query: BoardQueryDto,
  ): Promise<Page<BoardRowDto>> {
    return this.groups.board(user, id, query);
  }

  /** The meeting schedule: members and group managers (only members see agenda sizes). */
  @Get(':id/meetings')
  @RequirePermission(Permission.OrganisationRead)
  meetingList(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<MeetingSummaryDto[]> {
    return this.meetings.list(user, id);
  }

  /** A new meeting with an agenda proposed from the board. */
  @Post(':id/meetings')
  @RequirePermission(Permission.CaseWrite)
  meetingCreate(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: CreateMeetingDto,
  ): Promise<MeetingDto> {
    return this.meetings.create(user, id, dto);
  }

  /**
   * Calls (schedules) a meeting: members and group managers (`group.callMeeting`). Answers the
   * schedule entry only; members open the agenda with `GET /trygga-hem/meetings/:id`.
   */
  @Post(':id/meetings/call')
  @RequirePermission(Permission.OrganisationRead)
  meetingCall(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: CreateMeetingDto,
  ): Promise<MeetingSummaryDto> {
    return this.meetings.callMeeting(user, id, dto);
  }

  /** Users who may be added as members: active case workers of the four agencies, by name. */
  @Get(':id/candidates')
  @RequirePermission(Permission.CoordinatorGroupManage)
  candidates(
    @Param('id', uuidParam()) id: string,
    @Query() query: GroupCandidateQueryDto,
  ): Promise<Page<UserSummaryDto>> {
    return this.groups.candidates(id, query);
  }
}

/** Meeting mode (issue 6 §6): agenda, decisions, actions, approved minutes. */
@ApiTags('trygga-hem')
@Controller('trygga-hem/meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly attendance: MeetingAttendanceService,
  ) {}

  @Get(':id')
  @RequirePermission(Permission.CaseRead)
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<MeetingDto> {
    return this.meetings.get(user, id);
  }

  /** Replaces the agenda's order and content; 409 once the minutes are approved. */
  @Put(':id/agenda')
  @RequirePermission(Permission.CaseWrite)
  agenda(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: UpdateAgendaDto,
  ): Promise<MeetingDto> {
    return this.meetings.updateAgenda(user, id, dto);
  }

  @Patch(':id/items/:itemId')
  @RequirePermission(Permission.CaseWrite)
  decide(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Param('itemId', uuidParam('itemId')) itemId: string,
    @Body() dto: RecordDecisionDto,
  ): Promise<MeetingDto> {
    return this.meetings.recordDecision(user, id, itemId, dto);
  }

  /** An action with owner organisation, owner and due date; schedules its `action_due` reminder. */
  @Post(':id/items/:itemId/actions')
  @RequirePermission(Permission.CaseWrite)
  addAction(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Param('itemId', uuidParam('itemId')) itemId: string,
    @Body() dto: CreateActionDto,
  ): Promise<ActionDto> {
    return this.meetings.addAction(user, id, itemId, dto);
  }

  /** Who took part (issue 17 §2), replacing what was recorded; members, minutes open. */
  @Put(':id/attendance')
  @RequirePermission(Permission.CaseWrite)
  recordAttendance(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: RecordAttendanceDto,
  ): Promise<MeetingDto> {
    return this.attendance.record(user, id, dto);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermission(Permission.CaseWrite)
  approve(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: ApproveMinutesDto,
  ): Promise<MeetingDto> {
    return this.meetings.approve(user, id, dto);
  }
}

/** The Trygga hem case (D3–D5) and the figures (D1, D6). */
@ApiTags('trygga-hem')
@Controller('trygga-hem')
export class TryggaHemController {
  constructor(
    private readonly reads: TryggaHemCaseReadsService,
    private readonly coordination: TryggaHemCoordinationService,
    private readonly recording: TryggaHemRecordingService,
    private readonly support: TryggaHemSupportService,
    private readonly statistics: TryggaHemStatisticsService,
  ) {}

  /** Aggregate figures per municipality and period; counts below 5 hidden. No personal data. */
  @Get('statistics')
  @RequirePermission(Permission.StatisticsRead)
  figures(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: TryggaHemStatisticsQueryDto,
  ): Promise<TryggaHemStatisticsDto> {
    return this.statistics.figures(user, query);
  }

  /** Puts a TRYGGA_HEM case in a group's caseload with its first priority. */
  @Post('cases')
  @RequirePermission(Permission.CaseWrite)
  enrol(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: EnrolTryggaHemCaseDto,
  ): Promise<TryggaHemCaseDto> {
    return this.coordination.enrol(user, dto);
  }

  /** Whether the case is in a caseload, how it left one, and whether the caller may enrol it. */
  @Get('cases/:caseId/enrolment')
  @RequirePermission(Permission.CaseRead)
  enrolment(
    @CurrentUser() user: AuthenticatedUser,
    @Param('caseId', uuidParam('caseId')) caseId: string,
  ): Promise<TryggaHemEnrolmentDto> {
    return this.coordination.enrolment(user, caseId);
  }

  /**
   * The group takes the case off its caseload, removed or closed, with a reason (`th.leave`);
   * 409 VERSION_CONFLICT when `version` is stale. The case stays, and the row for audit.
   */
  @Post('cases/:caseId/leave')
  @HttpCode(200)
  @RequirePermission(Permission.CaseWrite)
  leave(
    @CurrentUser() user: AuthenticatedUser,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: LeaveCaseloadDto,
  ): Promise<CaseloadExitDto> {
    return this.coordination.leave(user, caseId, dto);
  }

  /** `includeRemoved=true` adds removed records with their removal (D21). */
  @Get('cases/:caseId')
  @RequirePermission(Permission.CaseRead)
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Query() query: TryggaHemCaseQueryDto,
  ): Promise<TryggaHemCaseDto> {
    return this.reads.get(user, caseId, { includeRemoved: query.includeRemoved === true });
  }

  /** A new priority with its basis; 409 VERSION_CONFLICT when `version` is stale. */
  @Patch('cases/:caseId/priority')
  @RequirePermission(Permission.CaseWrite)
  priority(
    @CurrentUser() user: AuthenticatedUser,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: ChangePriorityDto,
  ): Promise<TryggaHemCaseDto> {
    return this.coordination.changePriority(user, caseId, dto);
  }

  @Post('cases/:caseId/notifications')
  @RequirePermission(Permission.CaseWrite)
  notification(
    @CurrentUser() user: AuthenticatedUser,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: CreateTryggaHemNotificationDto,
  ): Promise<TryggaHemCaseDto> {
    return this.recording.addNotification(user, caseId, dto);
  }

  @Post('cases/:caseId/offers')
  @RequirePermission(Permission.CaseWrite)
  offer(
    @CurrentUser() user: AuthenticatedUser,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: CreateOfferDto,
  ): Promise<TryggaHemCaseDto> {
    return this.support.addOffer(user, caseId, dto);
  }

  /** Records uptake of an offer. */
  @Patch('offers/:id')
  @RequirePermission(Permission.CaseWrite)
  updateOffer(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: UpdateOfferDto,
  ): Promise<TryggaHemCaseDto> {
    return this.support.updateOffer(user, id, dto);
  }

  @Post('cases/:caseId/control-measures')
  @RequirePermission(Permission.CaseWrite)
  controlMeasure(
    @CurrentUser() user: AuthenticatedUser,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: CreateControlMeasureDto,
  ): Promise<TryggaHemCaseDto> {
    return this.recording.addControlMeasure(user, caseId, dto);
  }

  /** A new incident: may flag a repeat and marks current assessments for reassessment. */
  @Post('cases/:caseId/incidents')
  @RequirePermission(Permission.CaseWrite)
  incident(
    @CurrentUser() user: AuthenticatedUser,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: CreateIncidentDto,
  ): Promise<TryggaHemCaseDto> {
    return this.recording.addIncident(user, caseId, dto);
  }

  /** A risk assessment for the caller's agency (never merged with another agency's). */
  @Post('cases/:caseId/risk-assessments')
  @RequirePermission(Permission.CaseWrite)
  riskAssessment(
    @CurrentUser() user: AuthenticatedUser,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: CreateRiskAssessmentDto,
  ): Promise<TryggaHemCaseDto> {
    return this.recording.addRiskAssessment(user, caseId, dto);
  }

  /** Creates or changes a victim's or child's skyddsplan (victim-side users only). */
  @Put('cases/:caseId/safety-plans/:personId')
  @RequirePermission(Permission.CaseWrite)
  safetyPlan(
    @CurrentUser() user: AuthenticatedUser,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Param('personId', uuidParam('personId')) personId: string,
    @Body() dto: SaveSafetyPlanDto,
  ): Promise<TryggaHemCaseDto> {
    return this.support.saveSafetyPlan(user, caseId, personId, dto);
  }

  /** Marks an action done (or open again). */
  @Patch('actions/:id')
  @RequirePermission(Permission.CaseWrite)
  updateAction(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: UpdateActionDto,
  ): Promise<TryggaHemCaseDto> {
    return this.coordination.updateAction(user, id, dto);
  }
}
