import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AddParticipantDto,
  AddTeamMemberDto,
  type CaseDto,
  CaseLookupQueryDto,
  type CaseLookupDto,
  CaseQueryDto,
  type CaseSummaryDto,
  ChangeCaseStatusDto,
  type ConsentDto,
  CreateCaseDto,
  CreateConsentDto,
  CreateDisclosureDto,
  CreateJournalEntryDto,
  type DisclosureDto,
  type EmergencyAccessDto,
  type JournalEntryDto,
  JournalQueryDto,
  LinkCaseDto,
  type Page,
  Permission,
  RequestEmergencyAccessByNumberDto,
  RequestEmergencyAccessDto,
  UpdateCaseDto,
  UpdatePersonDto,
  WithdrawConsentDto,
} from '@samsyn/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { uuidParam } from '../common/uuid-param';
import { CaseReadsService } from './case-reads.service';
import { CaseRegistrationService } from './case-registration.service';
import { CaseTeamService } from './case-team.service';
import { CaseUpdatesService } from './case-updates.service';
import { ConsentsService } from './consents.service';
import { EmergencyAccessService } from './emergency-access.service';
import { JournalService } from './journal.service';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly reads: CaseReadsService,
    private readonly registration: CaseRegistrationService,
    private readonly updates: CaseUpdatesService,
    private readonly team: CaseTeamService,
    private readonly journal: JournalService,
    private readonly consents: ConsentsService,
    private readonly emergency: EmergencyAccessService,
  ) {}

  /** The caller's caseload, filtered by the access policy in the query. */
  @Get()
  @RequirePermission(Permission.CaseRead)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: CaseQueryDto,
  ): Promise<Page<CaseSummaryDto>> {
    return this.reads.list(user, query);
  }

  /**
   * The case with this number, when the caller may see it (no case content). No such case and a
   * case the caller may not see answer the same 404 (issue 18 §7).
   */
  @Get('lookup')
  @RequirePermission(Permission.CaseRead)
  lookup(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: CaseLookupQueryDto,
  ): Promise<CaseLookupDto> {
    return this.reads.lookup(user, query.number);
  }

  /** Opens a case with its participants and any consents, in one transaction. */
  @Post()
  @RequirePermission(Permission.CaseCreate)
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateCaseDto): Promise<CaseDto> {
    return this.registration.create(user, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.CaseRead)
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<CaseDto> {
    return this.reads.get(user, id);
  }

  /** Changes description, follow-up date or handler; 409 VERSION_CONFLICT when `version` is stale. */
  @Patch(':id')
  @RequirePermission(Permission.CaseWrite)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: UpdateCaseDto,
  ): Promise<CaseDto> {
    return this.updates.update(user, id, dto);
  }

  /** Moves the case along its programme's workflow. */
  @Post(':id/status')
  @HttpCode(200)
  @RequirePermission(Permission.CaseWrite)
  changeStatus(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: ChangeCaseStatusDto,
  ): Promise<CaseDto> {
    return this.updates.changeStatus(user, id, dto);
  }

  @Post(':id/participants')
  @RequirePermission(Permission.CaseWrite)
  addParticipant(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: AddParticipantDto,
  ): Promise<CaseDto> {
    return this.team.addParticipant(user, id, dto);
  }

  @Patch(':id/participants/:personId')
  @RequirePermission(Permission.CaseWrite)
  updatePerson(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Param('personId', uuidParam('personId')) personId: string,
    @Body() dto: UpdatePersonDto,
  ): Promise<CaseDto> {
    return this.team.updatePerson(user, id, personId, dto);
  }

  @Post(':id/team')
  @RequirePermission(Permission.CaseWrite)
  addTeamMember(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: AddTeamMemberDto,
  ): Promise<CaseDto> {
    return this.team.addTeamMember(user, id, dto);
  }

  @Delete(':id/team/:memberId')
  @RequirePermission(Permission.CaseWrite)
  removeTeamMember(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Param('memberId', uuidParam('memberId')) memberId: string,
  ): Promise<CaseDto> {
    return this.team.removeTeamMember(user, id, memberId);
  }

  @Post(':id/links')
  @RequirePermission(Permission.CaseWrite)
  link(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: LinkCaseDto,
  ): Promise<CaseDto> {
    return this.updates.link(user, id, dto);
  }

  /** Journal entries in the categories the caller may see, newest first. */
  @Get(':id/journal')
  @RequirePermission(Permission.CaseRead)
  journalList(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Query() query: JournalQueryDto,
  ): Promise<Page<JournalEntryDto>> {
    return this.journal.list(user, id, query);
  }

  /** Appends a signed entry; a correction names the entry it corrects (nothing is edited). */
  @Post(':id/journal')
  @RequirePermission(Permission.CaseWrite)
  journalCreate(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: CreateJournalEntryDto,
  ): Promise<JournalEntryDto> {
    return this.journal.create(user, id, dto);
  }

  @Get(':id/consents')
  @RequirePermission(Permission.CaseRead)
  consentList(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<ConsentDto[]> {
    return this.consents.list(user, id);
  }

  /** Records a consent; a change supersedes an earlier record rather than editing it. */
  @Post(':id/consents')
  @RequirePermission(Permission.ConsentRecord)
  consentCreate(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: CreateConsentDto,
  ): Promise<ConsentDto> {
    return this.consents.create(user, id, dto);
  }

  @Get(':id/disclosures')
  @RequirePermission(Permission.CaseRead)
  disclosureList(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<DisclosureDto[]> {
    return this.consents.listDisclosures(user, id);
  }

  /** Records a disclosure without consent under a named provision (D16). */
  @Post(':id/disclosures')
  @RequirePermission(Permission.ConsentRecord)
  disclose(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: CreateDisclosureDto,
  ): Promise<DisclosureDto> {
    return this.consents.disclose(user, id, dto);
  }

  /**
   * Nödåtkomst: time-limited access with a stated reason, reviewed afterwards (D17). By id, for a
   * case page the caller was refused; after a lookup, by number (`POST /emergency-accesses`).
   */
  @Post(':id/emergency-access')
  @RequirePermission(Permission.CaseRead)
  emergencyAccess(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: RequestEmergencyAccessDto,
  ): Promise<EmergencyAccessDto> {
    return this.emergency.request(user, id, dto);
  }
}

@ApiTags('cases')
@Controller('emergency-accesses')
export class EmergencyAccessesController {
  constructor(private readonly emergency: EmergencyAccessService) {}

  /**
   * Nödåtkomst by case number with a reason (D17): the step after a lookup that found no case the
   * caller may see. A grant names the case; a number without a case answers 404 (both audited).
   */
  @Post()
  @RequirePermission(Permission.CaseRead)
  request(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: RequestEmergencyAccessByNumberDto,
  ): Promise<EmergencyAccessDto> {
    return this.emergency.requestByNumber(user, dto);
  }
}

@ApiTags('cases')
@Controller('consents')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  /** Withdraws a consent; other organisations lose access at once (D15). */
  @Post(':id/withdraw')
  @HttpCode(200)
  @RequirePermission(Permission.ConsentRecord)
  withdraw(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: WithdrawConsentDto,
  ): Promise<ConsentDto> {
    return this.consents.withdraw(user, id, dto);
  }
}
