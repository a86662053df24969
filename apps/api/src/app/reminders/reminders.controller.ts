import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CreateTestReminderDto,
  type OverdueSummaryDto,
  Permission,
  type ReminderDto,
  RescheduleReminderDto,
} from '@samsyn/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { uuidParam } from '../common/uuid-param';
import { OverdueSummaryService } from './overdue-summary.service';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@Controller('reminders')
export class RemindersController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly overdue: OverdueSummaryService,
  ) {}

  /**
   * For samordnare (D1): counts of overdue case-level reminders per unit of their organisation
   * and kind; no case ids or numbers. Declared before `:id`, which would otherwise take the path.
   */
  @Get('overdue-summary')
  @RequirePermission(Permission.OverdueSummaryRead)
  overdueSummary(@CurrentUser() user: AuthenticatedUser): Promise<OverdueSummaryDto> {
    return this.overdue.summary(user);
  }

  /**
   * A reminder to yourself, due at `dueAt` or now, of `kind` (default `system_test`): checks that
   * delivery, e-mail and escalation work.
   */
  @Post('test')
  @RequirePermission(Permission.SystemOperate)
  createTest(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateTestReminderDto,
  ): Promise<ReminderDto> {
    return this.reminders.createTest(user, dto);
  }

  /** The delivery state of a reminder. */
  @Get(':id')
  @RequirePermission(Permission.SystemOperate)
  get(@Param('id', uuidParam()) id: string): Promise<ReminderDto> {
    return this.reminders.get(id);
  }

  /** Moves one of your pending test reminders to a new time (its job follows). */
  @Patch(':id')
  @RequirePermission(Permission.SystemOperate)
  reschedule(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Body() dto: RescheduleReminderDto,
  ): Promise<ReminderDto> {
    return this.reminders.rescheduleTest(user, id, new Date(dto.dueAt));
  }

  /** Cancels one of your pending test reminders: it is never delivered. */
  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.SystemOperate)
  cancel(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<ReminderDto> {
    return this.reminders.cancelTest(user, id);
  }
}
