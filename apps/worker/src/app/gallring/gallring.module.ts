import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { GALLRING_QUEUE, GallringRunner } from '@samsyn/server';
import { GallringScheduler } from './gallring-scheduler.service';
import { GallringProcessor } from './jobs/gallring.processor';

/** Gallring (D22): the nightly clearing run and runs started on the page. */
@Module({
  imports: [BullModule.registerQueue({ name: GALLRING_QUEUE })],
  providers: [GallringRunner, GallringProcessor, GallringScheduler],
})
export class GallringModule {}
