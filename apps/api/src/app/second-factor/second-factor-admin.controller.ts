import { Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/decorators';
import { uuidParam } from '../common/uuid-param';
import { SecondFactorService } from './second-factor.service';

/** An administrator's part in the second factor (issue 16). */
@ApiTags('administration')
@Controller('admin/users')
export class SecondFactorAdminController {
  constructor(private readonly secondFactor: SecondFactorService) {}

  /**
   * Removes the user's authenticator and recovery codes (a lost phone): a system_admin for any
   * user, an org_admin for users of their own organisation; 403 otherwise.
   */
  @Post(':id/second-factor/reset')
  @HttpCode(HttpStatus.NO_CONTENT)
  reset(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
  ): Promise<void> {
    return this.secondFactor.adminReset(caller, id);
  }
}
