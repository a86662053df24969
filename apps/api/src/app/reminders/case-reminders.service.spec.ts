import type { ConfigService } from '@nestjs/config';
import { ReminderKind } from '@samsyn/common';
import type { EnvironmentVariables } from '@samsyn/server';
import { validateEnvironment } from '@samsyn/server';
import type { EntityManager } from 'typeorm';
import { CaseRemindersService } from './case-reminders.service';
import type { ReminderScheduler } from './reminder-scheduler.service';

const now = new Date('2026-11-22T10:00:00.000Z');
const kase = {
  id: '11111111-1111-4111-8111-111111111111',
  closed: false,
  handlerId: '22222222-2222-4222-8222-222222222222',
  owningUnitId: '33333333-3333-4333-8333-333333333333',
};
const consentId = '44444444-4444-4444-8444-444444444444';

function setup(existing: { id: string; dueAt: Date } | null = null) {
  const env = validateEnvironment({});
  const config = {
    get: (name: keyof EnvironmentVariables) => env[name],
  } as unknown as ConfigService<EnvironmentVariables, true>;
  const scheduler = {
    schedule: jest.fn().mockResolvedValue({}),
    reschedule: jest.fn().mockResolvedValue(true),
    cancelWhere: jest.fn().mockResolvedValue(1),
  };
  const em = {
    query: jest.fn().mockResolvedValue([]),
    findOne: jest.fn().mockResolvedValue(existing),
  };
  const service = new CaseRemindersService(scheduler as unknown as ReminderScheduler, config);
  return { service, scheduler, em: em as unknown as EntityManager & typeof em };
}

describe('CaseRemindersService', () => {
  it('a write to an open case schedules its inactivity reminder 30 days on, to the handler', async () => {
    const { service, scheduler, em } = setup();
    await service.caseChanged(em, kase, now);
    expect(scheduler.schedule).toHaveBeenCalledWith(em, {
      kind: ReminderKind.CaseInactive,
      dueAt: new Date('2026-12-22T07:00:00.000Z'),
      caseId: kase.id,
      recipientUserId: kase.handlerId,
      recipientUnitId: null,
    });
  });

  it('moves an existing inactivity reminder, and leaves it when the day is the same', async () => {
    const moved = setup({ id: 'r1', dueAt: new Date('2026-12-01T07:00:00.000Z') });
    await moved.service.caseChanged(moved.em, kase, now);
    expect(moved.scheduler.reschedule).toHaveBeenCalledWith(
      moved.em,
      'r1',
      new Date('2026-12-22T07:00:00.000Z'),
    );
    const same = setup({ id: 'r1', dueAt: new Date('2026-12-22T07:00:00.000Z') });
    await same.service.caseChanged(same.em, kase, now);
    expect(same.scheduler.reschedule).not.toHaveBeenCalled();
    expect(same.scheduler.schedule).not.toHaveBeenCalled();
  });

  it('goes to the owning unit when the case has no handler', async () => {
    const { service, scheduler, em } = setup();
    await service.caseChanged(em, { ...kase, handlerId: null }, now);
    expect(scheduler.schedule).toHaveBeenCalledWith(
      em,
      expect.objectContaining({ recipientUserId: null, recipientUnitId: kase.owningUnitId }),
    );
  });

  it('closing the case cancels every pending reminder of it', async () => {
    const { service, scheduler, em } = setup();
    await service.caseChanged(em, { ...kase, closed: true }, now);
    expect(scheduler.cancelWhere).toHaveBeenCalledWith(em, { caseId: kase.id });
    expect(scheduler.schedule).not.toHaveBeenCalled();
  });

  it('a consent is reminded of 14 days before it expires; the one it supersedes no more', async () => {
    const { service, scheduler, em } = setup({
      id: 'r1',
      dueAt: new Date('2026-12-22T07:00:00.000Z'),
    });
    await service.consentRecorded(
      em,
      kase,
      { id: consentId, caseId: kase.id, validUntil: '2027-03-01', supersedesId: 'old' },
      now,
    );
    expect(scheduler.cancelWhere).toHaveBeenCalledWith(em, {
      kind: ReminderKind.ConsentExpiring,
      subjectId: 'old',
    });
    expect(scheduler.schedule).toHaveBeenCalledWith(em, {
      kind: ReminderKind.ConsentExpiring,
      dueAt: new Date('2027-02-15T07:00:00.000Z'),
      caseId: kase.id,
      subjectId: consentId,
      recipientUserId: kase.handlerId,
      recipientUnitId: null,
    });
  });

  it('a case opened with a consent expiring within the lead time is reminded at once', async () => {
    const { service, scheduler, em } = setup();
    await service.caseOpened(
      em,
      kase,
      [{ id: consentId, caseId: kase.id, validUntil: '2026-11-25', supersedesId: null }],
      now,
    );
    expect(scheduler.schedule).toHaveBeenCalledWith(
      em,
      expect.objectContaining({ kind: ReminderKind.ConsentExpiring, dueAt: now }),
    );
  });

  it('a withdrawn consent is not reminded of', async () => {
    const { service, scheduler, em } = setup();
    await service.consentWithdrawn(em, { id: consentId });
    expect(scheduler.cancelWhere).toHaveBeenCalledWith(em, {
      kind: ReminderKind.ConsentExpiring,
      subjectId: consentId,
    });
  });
});
