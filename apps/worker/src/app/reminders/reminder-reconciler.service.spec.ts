import type { ConfigService } from '@nestjs/config';
import type {
  DeliverReminderJobData,
  PendingReminder,
  ReminderDeliveryService,
  ReminderMailer,
} from '@samsyn/server';
import type { Queue } from 'bullmq';
import type { WorkerEnvironment } from '../worker-config';
import { ReminderReconciler } from './reminder-reconciler.service';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function setup(pending: PendingReminder[], queued: string[]) {
  const findPending = jest.fn((limit: number, afterId?: string) =>
    Promise.resolve(pending.filter((r) => !afterId || r.id > afterId).slice(0, limit)),
  );
  // Redis keys are `<prefix>:<queue>:<job id>`; a job is a hash with a `name` field.
  const toKey = (jobId: string) => `p:reminders:${jobId}`;
  const hexists = jest.fn((key: string, field: string) =>
    Promise.resolve(field === 'name' && queued.some((q) => toKey(q) === key) ? 1 : 0),
  );
  const client = { hexists };
  const addBulk = jest.fn().mockResolvedValue([]);
  const upsertJobScheduler = jest.fn().mockResolvedValue({});
  const mailer = {
    sendDue: jest.fn().mockResolvedValue(0),
    sendDigests: jest.fn().mockResolvedValue(0),
  };
  const reconciler = new ReminderReconciler(
    { findPending } as unknown as ReminderDeliveryService,
    {
      client: Promise.resolve(client),
      toKey,
      addBulk,
      upsertJobScheduler,
    } as unknown as Queue<DeliverReminderJobData>,
    { get: () => 1 } as unknown as ConfigService<WorkerEnvironment, true>,
    mailer as unknown as ReminderMailer,
  );
  return { reconciler, findPending, hexists, addBulk, upsertJobScheduler, mailer };
}

describe('ReminderReconciler', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-22T10:00:00.000Z') }));
  afterEach(() => jest.useRealTimers());

  it('adds a job only for pending reminders that have none, due at their time', async () => {
    const { reconciler, addBulk } = setup(
      [
        { id: id(1), dueAt: new Date('2026-11-22T09:00:00.000Z') }, // fell due while nobody ran
        { id: id(2), dueAt: new Date('2026-11-22T10:00:30.000Z') }, // has its job
        { id: id(3), dueAt: new Date('2026-11-22T10:01:00.000Z') },
      ],
      [id(2)],
    );
    await expect(reconciler.reconcile()).resolves.toEqual({ pending: 3, added: 2 });
    expect(addBulk).toHaveBeenCalledTimes(1);
    expect(addBulk.mock.calls[0][0]).toEqual([
      {
        name: 'deliver',
        data: { reminderId: id(1) },
        opts: expect.objectContaining({ jobId: id(1), delay: 0 }),
      },
      {
        name: 'deliver',
        data: { reminderId: id(3) },
        opts: expect.objectContaining({ jobId: id(3), delay: 60_000 }),
      },
    ]);
  });

  it('adds nothing when every pending reminder has its job', async () => {
    const { reconciler, addBulk } = setup([{ id: id(1), dueAt: new Date() }], [id(1)]);
    await expect(reconciler.reconcile()).resolves.toEqual({ pending: 1, added: 0 });
    expect(addBulk).not.toHaveBeenCalled();
  });

  it('asks Redis only whether each job exists, never for its data', async () => {
    const { reconciler, hexists } = setup([{ id: id(1), dueAt: new Date() }], [id(1)]);
    await reconciler.reconcile();
    expect(hexists.mock.calls).toEqual([[`p:reminders:${id(1)}`, 'name']]);
  });

  it('keeps the daily digest at 07:00 Stockholm time', async () => {
    const { reconciler, upsertJobScheduler } = setup([], []);
    await reconciler.scheduleDigest();
    expect(upsertJobScheduler).toHaveBeenCalledWith(
      'daily-digest',
      { pattern: '0 7 * * *', tz: 'Europe/Stockholm' },
      expect.objectContaining({ name: 'digest' }),
    );
  });

  it('sends left-over e-mail and missed digests on every pass, after reconciling', async () => {
    const { reconciler, mailer, upsertJobScheduler } = setup([], []);
    jest.useRealTimers();
    await reconciler.onApplicationBootstrap();
    await reconciler.onModuleDestroy();
    expect(upsertJobScheduler).toHaveBeenCalled();
    expect(mailer.sendDue).toHaveBeenCalled();
    expect(mailer.sendDigests).toHaveBeenCalled();
  });

  it('walks through every page of pending reminders', async () => {
    const pending = Array.from({ length: 1_201 }, (_, n) => ({ id: id(n + 1), dueAt: new Date() }));
    const { reconciler, findPending, addBulk } = setup(pending, []);
    await expect(reconciler.reconcile()).resolves.toEqual({ pending: 1_201, added: 1_201 });
    expect(findPending).toHaveBeenCalledTimes(3);
    expect(findPending.mock.calls.map((c) => c[1])).toEqual([undefined, id(500), id(1_000)]);
    expect(addBulk).toHaveBeenCalledTimes(3);
  });
});
