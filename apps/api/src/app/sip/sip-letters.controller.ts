import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { Permission, SipPdfQueryDto } from '@samsyn/common';
import type { Response } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { uuidParam } from '../common/uuid-param';
import { SipLettersService } from './sip-letters.service';

/** A called meeting's letters (issue 15 §6): the person's kallelse and each inbjudan, as PDF. */
@ApiTags('sip')
@Controller('sip/meetings')
export class SipLettersController {
  constructor(private readonly letters: SipLettersService) {}

  /** The kallelse for the person, in Swedish or English, with where to get help (D13). */
  @Get(':id/letter')
  @ApiProduces('application/pdf')
  @RequirePermission(Permission.CaseRead)
  async letter(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Query() query: SipPdfQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { file, name } = await this.letters.personLetter(user, id, query.lang ?? 'sv');
    res.setHeader('content-disposition', `attachment; filename="${name}"`);
    return new StreamableFile(file, { type: 'application/pdf' });
  }

  /** A printable inbjudan for one invited party, e.g. an actor outside Samsyn. */
  @Get(':id/invitations/:invId/letter')
  @ApiProduces('application/pdf')
  @RequirePermission(Permission.CaseRead)
  async invitationLetter(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuidParam()) id: string,
    @Param('invId', uuidParam()) invId: string,
    @Query() query: SipPdfQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { file, name } = await this.letters.invitationLetter(user, id, invId, query.lang ?? 'sv');
    res.setHeader('content-disposition', `attachment; filename="${name}"`);
    return new StreamableFile(file, { type: 'application/pdf' });
  }
}
