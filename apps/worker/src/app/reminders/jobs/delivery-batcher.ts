import type { DeliveryOutcome } from '@samsyn/server';

interface Waiting {
  id: string;
  resolve: (outcome: DeliveryOutcome) => void;
  reject: (err: unknown) => void;
}

/**
 * Gathers the reminder ids of a worker's concurrent jobs for a few milliseconds and delivers them
 * with one statement and one commit (ReminderDeliveryService.deliverMany). Each job still gets
 * its own outcome; a batch that fails fails each of its jobs, which BullMQ retries.
 */
export class DeliveryBatcher {
  private waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deliverMany: (ids: string[]) => Promise<Map<string, DeliveryOutcome>>,
    private readonly maxBatch = 100,
    private readonly waitMs = 3,
  ) {}

  deliver(id: string): Promise<DeliveryOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ id, resolve, reject });
      if (this.waiting.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.waitMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting.splice(0);
    if (batch.length === 0) return;
    this.deliverMany(batch.map((w) => w.id)).then(
      (outcomes) =>
        batch.forEach((w) =>
          w.resolve(outcomes.get(w.id) ?? { status: 'skipped', reason: 'missing' }),
        ),
      (err: unknown) => batch.forEach((w) => w.reject(err)),
    );
  }
}
