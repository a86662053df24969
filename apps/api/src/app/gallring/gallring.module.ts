import { Module } from '@nestjs/common';
import { GallringRunner } from '@samsyn/server';
import { GallringController } from './gallring.controller';
import { GallringDispatcher, gallringQueueProvider } from './gallring-dispatcher.service';
import { GallringRulesService } from './gallring-rules.service';
import { GallringRunsService } from './gallring-runs.service';
import { LegalHoldsService } from './legal-holds.service';

/**
 * Gallring in the API (D22): the rules, runs and legal holds for administrators; runs go to the
 * worker through Redis, or run in this process on the embedded default.
 */
@Module({
  controllers: [GallringController],
  providers: [
    gallringQueueProvider,
    GallringRunner,
    GallringDispatcher,
    GallringRulesService,
    GallringRunsService,
    LegalHoldsService,
  ],
})
export class GallringModule {}
