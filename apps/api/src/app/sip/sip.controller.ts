import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  AnswerSipInvitationDto,
  ApproveSipPlanDto,
  CallSipMeetingDto,
  CancelSipMeetingDto,
  EndSipDto,
  Permission,
  RecordAttendanceDto,
  RecordSipPersonAgreementDto,
  type SipAwaitingApprovalDto,
  SipDiffQueryDto,
  type SipIndicatorDto,
  SipIndicatorQueryDto,
  type SipMeetingDto,
  type SipOverviewDto,
  type SipPlanDiffDto,
  type SipPlanDto,
  SipPdfQueryDto,
  type SipReceivedInvitationDto,
  type SipTimelineDto,
  UpdateSipMeetingDto,
  UpdateSipPlanDto,
  UpdateSipSettingsDto,
} from '@samsyn/common';
import type { Response } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { uuidParam } from '../common/uuid-param';
import { SipCallingService } from './sip-calling.service';
import { SipCaseService } from './sip-case.service';
import { SipIndicatorService } from './sip-indicator.service';
import { SipInvitationsService } from './sip-invitations.service';
import { SipAttendanceService } from './sip-attendance.service';
import { SipMeetingsService } from './sip-meetings.service';
import { SipPlanApprovalService } from './sip-plan-approval.service';
import { SipPlansService } from './sip-plans.service';

/** A SIP case's overview, settings, meetings and end (D7, D9, D10). */
@ApiTags('sip')
@Controller('cases/:caseId/sip')
export class SipCaseController {
  constructor(
    private readonly sip: SipCaseService,
    private readonly calling: SipCallingService,
  ) {}

  /**
   * Settings, deadlines with their state, meetings with invitation states, plan history; 404
   * for a case of another programme, which has no SIP.
   */
  @Get()
  @RequirePermission(Permission.CaseRead)
  overview(
    @CurrentUser() user: AuthenticatedUser,
    @Param('caseId', uuidParam('caseId')) caseId: string,
  ): Promise<SipOverviewDto> {
    return this.sip.overview(user, caseId);
  }

  /** Records the request date, discharge readiness and the violence flag; `version` once recorded. */
  @Put()
  @RequirePermission(Permission.CaseWrite)
  updateSettings(
    @CurrentUser() user: AuthenticatedUser,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: UpdateSipSettingsDto,
  ): Promise<SipOverviewDto> {
    return this.sip.updateSettings(user, caseId, dto);
  }

  /** Calls a meeting: kallelse to the other huvudman, inbjudan to others; starts the next plan version. */
  @Post('meetings')
  @RequirePermission(Permission.SipCall)
  call(
    @CurrentUser() user: AuthenticatedUser,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: CallSipMeetingDto,
  ): Promise<SipMeetingDto> {
    return this.calling.call(user, caseId, dto);
  }

  /** The person ends the SIP (at any time), or it is closed; the reason is recorded. */
  @Post('end')
  @HttpCode(200)
  @RequirePermission(Permission.CaseWrite)
  end(
    @CurrentUser() user: AuthenticatedUser,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Body() dto: EndSipDto,
  ): Promise<SipOverviewDto> {
    return this.sip.end(user, caseId, dto);
  }
}

/** One SIP meeting: read, move, cancel, calendar file. */
@ApiTags('sip')
@Controller('sip/meetings')
export class SipMeetingsController {
  constructor(
    private readonly meetings: SipMeetingsService,
    private readonly calling: SipCallingService,
    private readonly attendance: SipAttendanceService,
  ) {}

  @Get(':id')
  @RequirePermission(Permission.CaseRead)
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<SipMeetingDto> {
    return this.meetings.meeting(user, id);
  }

  /** Moves the meeting (optimistic `version`); reminders follow and answers are asked for again. */
  @Patch(':id')
  @RequirePermission(Permission.SipCall)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: UpdateSipMeetingDto,
  ): Promise<SipMeetingDto> {
    return this.calling.updateMeeting(user, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission(Permission.SipCall)
  cancel(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: CancelSipMeetingDto,
  ): Promise<SipMeetingDto> {
    return this.calling.cancelMeeting(user, id, dto);
  }

  /** Who took part (issue 17 §2), replacing what was recorded; once the meeting has started. */
  @Put(':id/attendance')
  @RequirePermission(Permission.SipCall)
  recordAttendance(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: RecordAttendanceDto,
  ): Promise<SipMeetingDto> {
    return this.attendance.record(user, id, dto);
  }

  /** The meeting as an iCalendar (.ics) file, for the caller's side and invited units. */
  @Get(':id/calendar')
  @ApiProduces('text/calendar')
  @RequirePermission(Permission.CaseRead)
  async calendar(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { file, name } = await this.meetings.calendar(user, id);
    res.setHeader('content-disposition', `attachment; filename="${name}"`);
    return new StreamableFile(Buffer.from(file, 'utf8'), { type: 'text/calendar; charset=utf-8' });
  }
}

/** Kallelser and inbjudningar as the invited unit sees them, and their answers. */
@ApiTags('sip')
@Controller('sip/invitations')
export class SipInvitationsController {
  constructor(private readonly invitations: SipInvitationsService) {}

  /** Your unit's invitations, newest first; the person only as far as consent covers. */
  @Get()
  @RequirePermission(Permission.CaseRead)
  list(@CurrentUser() user: AuthenticatedUser): Promise<SipReceivedInvitationDto[]> {
    return this.invitations.invitations(user);
  }

  @Get(':id')
  @RequirePermission(Permission.CaseRead)
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<SipReceivedInvitationDto> {
    return (await this.invitations.invitations(user, id))[0];
  }

  /** Accept, decline with a reason, or propose another time. */
  @Post(':id/answer')
  @HttpCode(200)
  @RequirePermission(Permission.CaseRead)
  answer(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: AnswerSipInvitationDto,
  ): Promise<SipReceivedInvitationDto> {
    return this.invitations.answer(user, id, dto);
  }
}

/** The SIP inbox's plan versions awaiting the caller's organisation or the person (issue 15). */
@ApiTags('sip')
@Controller('sip/approvals')
export class SipApprovalsController {
  constructor(private readonly approval: SipPlanApprovalService) {}

  @Get()
  @RequirePermission(Permission.CaseRead)
  list(@CurrentUser() user: AuthenticatedUser): Promise<SipAwaitingApprovalDto[]> {
    return this.approval.awaitingApproval(user);
  }
}

/** Plan versions: edit a draft, approve, the person's agreement, history, timeline, print. */
@ApiTags('sip')
@Controller('sip/plans')
export class SipPlansController {
  constructor(
    private readonly plans: SipPlansService,
    private readonly approval: SipPlanApprovalService,
  ) {}

  @Get(':id')
  @RequirePermission(Permission.CaseRead)
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<SipPlanDto> {
    return this.plans.get(user, id);
  }

  /** Replaces a draft's content; 409 when `version` is stale or the version is agreed. */
  @Put(':id')
  @RequirePermission(Permission.CaseWrite)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: UpdateSipPlanDto,
  ): Promise<SipPlanDto> {
    return this.plans.update(user, id, dto);
  }

  /** Your organisation (a participating huvudman) approves the version. */
  @Post(':id/approvals')
  @RequirePermission(Permission.SipCall)
  approve(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: ApproveSipPlanDto,
  ): Promise<SipPlanDto> {
    return this.approval.approve(user, id, dto);
  }

  /** Sends a complete draft to the participating huvudmän: each gets a notification (issue 15). */
  @Post(':id/send-for-approval')
  @HttpCode(200)
  @RequirePermission(Permission.SipCall)
  sendForApproval(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: ApproveSipPlanDto,
  ): Promise<SipPlanDto> {
    return this.approval.sendForApproval(user, id, dto);
  }

  /** Records the person's agreement to the version. */
  @Post(':id/person-agreement')
  @RequirePermission(Permission.CaseWrite)
  personAgreement(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: RecordSipPersonAgreementDto,
  ): Promise<SipPlanDto> {
    return this.approval.personAgreement(user, id, dto);
  }

  /** Measures, goals and needs added, removed and changed since the previous (or a named) version. */
  @Get(':id/diff')
  @RequirePermission(Permission.CaseRead)
  diff(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Query() query: SipDiffQueryDto,
  ): Promise<SipPlanDiffDto> {
    return this.plans.diff(user, id, query.against);
  }

  /** Every agency's measures side by side, overlaps flagged (D12). */
  @Get(':id/timeline')
  @RequirePermission(Permission.CaseRead)
  timeline(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<SipTimelineDto> {
    return this.plans.timeline(user, id);
  }

  /**
   * The agreed version as a PDF in Swedish or English (D13); protected fields suppressed (D18).
   * A draft has none yet (404).
   */
  @Get(':id/pdf')
  @ApiProduces('application/pdf')
  @RequirePermission(Permission.CaseRead)
  async pdf(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Query() query: SipPdfQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { file, name } = await this.plans.pdf(user, id, query.lang ?? 'sv');
    res.setHeader('content-disposition', `attachment; filename="${name}"`);
    return new StreamableFile(file, { type: 'application/pdf' });
  }
}

/** D11: the share of violence cases with a SIP, per municipality and period. */
@ApiTags('sip')
@Controller('statistics')
export class SipStatisticsController {
  constructor(private readonly sip: SipIndicatorService) {}

  @Get('sip-indicator')
  @RequirePermission(Permission.StatisticsRead)
  indicator(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: SipIndicatorQueryDto,
  ): Promise<SipIndicatorDto> {
    return this.sip.indicator(user, query);
  }
}
