import { Body, Controller, HttpCode, HttpStatus, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { CreateEvaluationExportDto, EVALUATION_EXPORT_HEADERS, Permission } from '@samsyn/common';
import type { Response } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../auth/decorators';
import { EvaluationExportService } from './evaluation-export.service';

/** The evaluation export (D6): a de-identified, k-anonymous case-level file for the evaluators. */
@ApiTags('statistics')
@Controller('evaluation-exports')
export class EvaluationExportController {
  constructor(private readonly exports: EvaluationExportService) {}

  /**
   * Makes an export (CSV, or JSON) of the cases of the programmes opened in the period; recorded
   * and audited. A period without cases gives a file with the header and summary only.
   */
  @Post()
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.EvaluationExport)
  @ApiProduces('text/csv', 'application/json')
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateEvaluationExportDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.exports.create(user, dto);
    const name = `utvardering-${dto.from}-${dto.to}.${file.format}`;
    res.setHeader('content-disposition', `attachment; filename="${name}"`);
    res.setHeader(EVALUATION_EXPORT_HEADERS.rowsPublished, String(file.summary.rowsPublished));
    res.setHeader(EVALUATION_EXPORT_HEADERS.rowsGeneralised, String(file.summary.rowsGeneralised));
    res.setHeader(EVALUATION_EXPORT_HEADERS.rowsLeftOut, String(file.summary.rowsLeftOut));
    const type =
      file.format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8';
    return new StreamableFile(Buffer.from(file.body, 'utf8'), { type });
  }
}
