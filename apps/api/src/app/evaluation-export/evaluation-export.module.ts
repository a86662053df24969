import { Module } from '@nestjs/common';
import { programmesProvider } from '../cases/programmes.provider';
import { EvaluationExportController } from './evaluation-export.controller';
import { EvaluationExportService } from './evaluation-export.service';

/** The evaluation export (D6, issue 17 §5). */
@Module({
  controllers: [EvaluationExportController],
  providers: [programmesProvider, EvaluationExportService],
})
export class EvaluationExportModule {}
