import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateTestReminderDto, Permission, type ReminderDto } from '@samsyn/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { uuidParam } from '../common/uuid-param';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@Controller('reminders')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  /** A reminder to yourself, due at `dueAt` or now: checks that reminder delivery works. */
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
}
