import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import {
  GALLRING_QUEUE,
  GALLRING_SCHEDULED_JOB,
  type GallringJobData,
  GallringRunner,
} from '@samsyn/server';
import type { Job } from 'bullmq';

/**
 * Gallring jobs (D22): the nightly job prunes old run reports and queues the day's clearing run;
 * a `run` job (a run started on the page) only wakes the worker. Either way the worker then
 * executes every queued or interrupted run, in order; the database says what is left to do.
 */
@Processor(GALLRING_QUEUE, {
  concurrency: 1,
  // A run takes minutes; the lock is renewed while it works. A killed worker's job is taken
  // up again after this long, and the run resumes where it stopped.
  lockDuration: 60_000,
  stalledInterval: 30_000,
})
export class GallringProcessor extends WorkerHost {
  private readonly logger = new Logger(GallringProcessor.name);

  constructor(private readonly runner: GallringRunner) {
    super();
  }

  async process(job: Job<GallringJobData>): Promise<void> {
    if (job.name === GALLRING_SCHEDULED_JOB) {
      const pruned = await this.runner.pruneReports();
      if (pruned.summarised || pruned.removed)
        this.logger.log(pruned, 'Pruned old gallring run reports');
      const runId = await this.runner.createScheduledRun();
      if (runId) this.logger.log({ runId }, 'Queued the nightly gallring run');
    }
    await this.runner.resumeUnfinished();
  }
}
