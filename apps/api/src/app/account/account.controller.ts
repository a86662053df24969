import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiTags } from '@nestjs/swagger';
import {
  type AccountSessionDto,
  ChangePasswordDto,
  type MeDto,
  type SignOutOthersResultDto,
  UpdateMeDto,
} from '@samsyn/common';
import { UserEntity, UserTotpEntity } from '@samsyn/server';
import { IsNull, Not, Repository } from 'typeorm';
import { toMe } from '../auth/auth.controller';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/decorators';
import { uuidParam } from '../common/uuid-param';
import { AccountSessionsService } from './account-sessions.service';
import { PasswordChangeService } from './password-change.service';

/**
 * The signed-in user's own account. Every role has it: no permission beyond a session, and
 * each route acts on the caller's own user and sessions only.
 */
@ApiTags('account')
@Controller('me')
export class AccountController {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(UserTotpEntity) private readonly totps: Repository<UserTotpEntity>,
    private readonly passwords: PasswordChangeService,
    private readonly sessions: AccountSessionsService,
  ) {}

  /**
   * Saves the user's language (sv or en), which the client uses after sign-in. Not audited: a
   * display preference of one's own, no one else's data.
   */
  @Patch()
  async update(@CurrentUser() user: AuthenticatedUser, @Body() dto: UpdateMeDto): Promise<MeDto> {
    await this.users.update({ id: user.id }, { locale: dto.locale });
    const enrolled = await this.totps.existsBy({ userId: user.id, confirmedAt: Not(IsNull()) });
    return toMe({ ...user, locale: dto.locale }, enrolled);
  }

  /**
   * Changes the caller's password: the current one must be right (a wrong one counts toward the
   * lockout like a failed sign-in), the new one must pass the policy. Every other session of the
   * user ends; this one stays.
   */
  @Post('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  async changePassword(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: ChangePasswordDto,
  ): Promise<void> {
    await this.passwords.change(user, dto);
  }

  /** The caller's live sessions, this one marked `current` and listed first. */
  @Get('sessions')
  listSessions(@CurrentUser() user: AuthenticatedUser): Promise<AccountSessionDto[]> {
    return this.sessions.list(user);
  }

  /** Signs out every other session of the caller ("sign out everywhere else"). */
  @Post('sessions/sign-out-others')
  @HttpCode(HttpStatus.OK)
  signOutOthers(@CurrentUser() user: AuthenticatedUser): Promise<SignOutOthersResultDto> {
    return this.sessions.endOthers(user);
  }

  /** Ends one of the caller's other sessions; the current one ends by signing out (400 here). */
  @Delete('sessions/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async endSession(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<void> {
    await this.sessions.end(user, id);
  }
}
