import { FormControl, FormGroup } from '@angular/forms';
import {
  IncidentKind,
  NotificationMethod,
  OrganisationType,
  type RiskAssessmentDto,
  TryggaHemAction,
  type TryggaHemCaseDto,
  type TryggaHemNotificationDto,
  TryggaHemRecordKind,
} from '@samsyn/common';
import {
  changedFields,
  incidentOutcome,
  incidentOutcomeMessages,
  mayRecord,
  newRecordId,
  notAfter,
  notBeforeSibling,
  previousValues,
  recordFieldMessage,
  recordWhat,
  type ValueFormat,
} from './records';

const profile = (...allowedActions: TryggaHemAction[]) => ({ allowedActions });

describe('mayRecord: forms only for the actions the API allows on the case', () => {
  it('offers each section by its own action', () => {
    const p = profile(TryggaHemAction.AddNotification, TryggaHemAction.AddIncident);
    expect(mayRecord(p, TryggaHemRecordKind.Notification)).toBe(true);
    expect(mayRecord(p, TryggaHemRecordKind.Incident)).toBe(true);
    expect(mayRecord(p, TryggaHemRecordKind.ControlMeasure)).toBe(false);
    expect(mayRecord(p, 'offer')).toBe(false);
    expect(mayRecord(profile(TryggaHemAction.AddOffer), 'offer')).toBe(true);
  });
});

describe('date rules', () => {
  it('notAfter refuses a day after the limit, and says nothing about an empty field', () => {
    const rule = notAfter(() => '2026-03-10');
    expect(rule(new FormControl('2026-03-11'))).toEqual({ inFuture: true });
    expect(rule(new FormControl('2026-03-10'))).toBeNull();
    expect(rule(new FormControl(''))).toBeNull();
  });

  it('notBeforeSibling compares the end with the start in the same group', () => {
    const group = new FormGroup({
      startsOn: new FormControl('2026-03-10'),
      endsOn: new FormControl('2026-03-09', notBeforeSibling('startsOn')),
    });
    // The rule reads its sibling, so it is checked once the control is in its group.
    group.controls.endsOn.updateValueAndValidity();
    expect(group.controls.endsOn.errors).toEqual({ dateOrder: true });
    group.controls.endsOn.setValue('2026-03-10');
    expect(group.controls.endsOn.errors).toBeNull();
    group.controls.endsOn.setValue('');
    expect(group.controls.endsOn.errors).toBeNull();
  });

  it('recordFieldMessage names the date rules and the API’s codes', () => {
    expect(recordFieldMessage({ inFuture: true })?.key).toBe('thr.field.inFuture');
    expect(recordFieldMessage({ server: 'inFuture' })?.key).toBe('thr.field.inFuture');
    expect(recordFieldMessage({ server: 'beforeStart' })?.key).toBe('field.dateOrder');
    expect(recordFieldMessage({ server: 'notVictim' })?.key).toBe('thr.field.notVictim');
    expect(recordFieldMessage({ dateOrder: true })?.key).toBe('field.dateOrder');
    expect(recordFieldMessage({ required: true, inFuture: true })?.key).toBe('field.required');
    expect(recordFieldMessage(null)).toBeNull();
  });
});

describe('changedFields (D21: a correction sends what it corrects)', () => {
  it('keeps only the changed fields, comparing trimmed text', () => {
    expect(
      changedFields<Record<string, string | null>>(
        { method: 'letter', outcome: '', deliveredBy: 'Polis' },
        { method: 'home_visit', outcome: '  ', deliveredBy: ' Polis ' },
      ),
    ).toEqual({ method: 'home_visit' });
  });

  it('is empty when nothing changed, and sees a cleared value', () => {
    type Fields = Record<string, string | null>;
    expect(changedFields<Fields>({ a: 'x', b: null }, { a: 'x', b: '' })).toEqual({});
    expect(changedFields<Fields>({ endsOn: '2026-05-01' }, { endsOn: '' })).toEqual({
      endsOn: '',
    });
  });

  it('compares the forms of violence item by item (issue 15)', () => {
    type Fields = Record<string, string | readonly string[]>;
    const before = { note: 'x', violenceForms: ['physical', 'digital'] };
    expect(
      changedFields<Fields>(before, { note: 'x', violenceForms: ['physical', 'digital'] }),
    ).toEqual({});
    expect(changedFields<Fields>(before, { note: 'x', violenceForms: ['physical'] })).toEqual({
      violenceForms: ['physical'],
    });
    expect(changedFields<Fields>(before, { note: 'x', violenceForms: [] })).toEqual({
      violenceForms: [],
    });
  });
});

describe('newRecordId', () => {
  it('finds the record a write added', () => {
    expect(newRecordId([{ id: 'a' }], [{ id: 'b' }, { id: 'a' }])).toBe('b');
    expect(newRecordId([{ id: 'a' }], [{ id: 'a' }])).toBeNull();
    expect(newRecordId(null, null)).toBeNull();
  });
});

describe('incidentOutcome (issue 6 §4, D5)', () => {
  const assessment = (current: boolean, requested: string | null) =>
    ({ current, reassessmentRequestedAt: requested }) as RiskAssessmentDto;
  const answer = (repeat: boolean) =>
    ({
      incidents: [{ id: 'i1', repeat }],
      riskAssessments: [
        assessment(true, '2026-03-10T10:00:00Z'),
        assessment(true, '2026-03-10T10:00:00Z'),
        assessment(false, '2026-03-10T10:00:00Z'),
        assessment(true, null),
      ],
    }) as unknown as TryggaHemCaseDto;

  it('reads the repeat flag and counts the current assessments marked for reassessment', () => {
    expect(incidentOutcome(answer(true), 'i1')).toEqual({ repeat: true, reassessments: 2 });
    expect(incidentOutcome(answer(true), 'other')).toBeNull();
  });

  it('says what happened, the repeat only when it is one', () => {
    expect(incidentOutcomeMessages({ repeat: true, reassessments: 2 })).toEqual([
      { key: 'thr.incident.recorded' },
      { key: 'thr.incident.repeat' },
      { key: 'thr.incident.reassessment', params: { count: 2 } },
    ]);
    expect(incidentOutcomeMessages({ repeat: false, reassessments: 0 })).toEqual([
      { key: 'thr.incident.recorded' },
    ]);
  });
});

describe('previousValues and recordWhat (how the history reads)', () => {
  const fmt: ValueFormat = {
    label: (group, code) => `${group}:${code}`,
    date: (day) => `d(${day})`,
    yesNo: (value) => (value ? 'ja' : 'nej'),
    person: (id) => (id === 'p1' ? 'Maja Ekholm' : null),
    notGiven: 'Ej angivet',
    withheld: 'Undanhållen',
  };

  it('writes codes as names, dates, people as the caller may see them, in a fixed order', () => {
    expect(
      previousValues(
        TryggaHemRecordKind.Incident,
        { repeat: false, victimPersonId: 'p2', kind: 'threat', occurredOn: '2026-03-01' },
        fmt,
      ).map((v) => [v.label, v.text]),
    ).toEqual([
      ['thr.field.kind', 'incidentKind:threat'],
      ['thr.field.occurredOn', 'd(2026-03-01)'],
      ['thr.field.victim', 'Undanhållen'],
      ['th.repeat', 'nej'],
    ]);
    expect(
      previousValues(
        TryggaHemRecordKind.Notification,
        { method: 'letter', outcome: null },
        fmt,
      ).map((v) => v.text),
    ).toEqual(['notificationMethod:letter', 'Ej angivet']);
  });

  it('names the previous forms of violence, or none (issue 15)', () => {
    expect(
      previousValues(
        TryggaHemRecordKind.Incident,
        { note: null, violenceForms: ['sexual', 'digital'] },
        fmt,
      ).map((v) => [v.label, v.text]),
    ).toEqual([
      ['violenceForms.label', 'violenceForm:sexual, violenceForm:digital'],
      ['thr.field.note', 'Ej angivet'],
    ]);
    expect(
      previousValues(TryggaHemRecordKind.Incident, { violenceForms: [] }, fmt).map((v) => v.text),
    ).toEqual(['Ej angivet']);
  });

  it('names a record by kind and date', () => {
    const n = {
      method: NotificationMethod.Custom,
      customMethod: 'Sms',
      deliveredOn: '2026-03-02',
    } as TryggaHemNotificationDto;
    expect(recordWhat(TryggaHemRecordKind.Notification, n, fmt)).toBe('Sms d(2026-03-02)');
    expect(
      recordWhat(
        TryggaHemRecordKind.Incident,
        {
          kind: IncidentKind.Threat,
          occurredOn: '2026-03-01',
          reportingOrganisation: { id: 'o', name: 'P', type: OrganisationType.Police },
        } as never,
        fmt,
      ),
    ).toBe('incidentKind:threat d(2026-03-01)');
  });
});
