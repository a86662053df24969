import { AgendaReason, InformationCategory, RiskLevel, TryggaHemPriority } from '@samsyn/common';
import {
  addMonths,
  type AgendaSignals,
  agendaReasons,
  assessmentReviewDue,
  currentAssessments,
  daysBetween,
  isPriority,
  isRepeatIncident,
  latestPerAgency,
  priorityRank,
  visibleAgendaReasons,
  proposeAgenda,
} from './trygga-hem';

describe('priority levels (D4)', () => {
  it('ranks A (watch list) lowest and D (most dangerous) highest', () => {
    expect(priorityRank(TryggaHemPriority.A)).toBeLessThan(priorityRank(TryggaHemPriority.B));
    expect(priorityRank(TryggaHemPriority.C)).toBeLessThan(priorityRank(TryggaHemPriority.D));
  });

  it.each([
    ['A', true],
    ['D', true],
    ['E', false],
    ['a', false],
    ['', false],
    [3, false],
  ])('isPriority(%p) is %p', (value, expected) => {
    expect(isPriority(value)).toBe(expected);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-15', 12, '2027-01-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-11-30', 3, '2027-02-28'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('repeat detection (issue 6 §4)', () => {
  const base = { sameVictim: true, referredOn: '2026-01-10', lastReviewedOn: null };

  it('an incident against the same victim within 12 months of the referral is a repeat', () => {
    expect(isRepeatIncident({ ...base, occurredOn: '2026-06-01' })).toBe(true);
    expect(isRepeatIncident({ ...base, occurredOn: '2027-01-10' })).toBe(true);
  });

  it('one day past 12 months is not', () => {
    expect(isRepeatIncident({ ...base, occurredOn: '2027-01-11' })).toBe(false);
  });

  it('the last review, when later than the referral, is the anchor', () => {
    const reviewed = { ...base, lastReviewedOn: '2026-12-01' };
    expect(isRepeatIncident({ ...reviewed, occurredOn: '2027-06-01' })).toBe(true);
    expect(isRepeatIncident({ ...reviewed, occurredOn: '2027-12-02' })).toBe(false);
  });

  it('an incident before the anchor is history, not a repeat', () => {
    expect(isRepeatIncident({ ...base, occurredOn: '2026-01-09' })).toBe(false);
  });

  it('another victim (or none recorded) is not the same victim', () => {
    expect(isRepeatIncident({ ...base, sameVictim: false, occurredOn: '2026-03-01' })).toBe(false);
  });
});

describe('risk assessments (D5)', () => {
  const a = (
    id: string,
    organisationId: string,
    instrument: string,
    assessedOn: string,
    recordedAt = '2026-01-01T10:00:00Z',
  ) => ({
    id,
    organisationId,
    instrument,
    assessedOn,
    recordedAt: new Date(recordedAt),
    reviewOn: '2026-06-01',
    reassessmentRequestedAt: null,
    level: RiskLevel.Medium,
  });

  it('keeps the latest per agency and instrument, never merging agencies', () => {
    const all = [
      a('1', 'social', 'freda', '2026-01-01'),
      a('2', 'social', 'freda', '2026-02-01'),
      a('3', 'police', 'sara_sv', '2026-01-15'),
      a('4', 'police', 'patriark', '2026-01-01'),
    ];
    expect(currentAssessments(all).map((x) => x.id)).toEqual(['2', '3', '4']);
    expect(
      latestPerAgency(all)
        .map((x) => x.id)
        .sort(),
    ).toEqual(['2', '3']);
  });

  it('breaks a same-day tie by when it was recorded', () => {
    const all = [
      a('1', 'social', 'freda', '2026-02-01', '2026-02-01T12:00:00Z'),
      a('2', 'social', 'freda', '2026-02-01', '2026-02-01T09:00:00Z'),
    ];
    expect(currentAssessments(all).map((x) => x.id)).toEqual(['1']);
  });

  it('is due for review after its review date or after a new incident', () => {
    const x = a('1', 'social', 'freda', '2026-01-01');
    expect(assessmentReviewDue(x, '2026-06-01')).toBe(false);
    expect(assessmentReviewDue(x, '2026-06-02')).toBe(true);
    expect(assessmentReviewDue({ ...x, reassessmentRequestedAt: new Date() }, '2026-01-02')).toBe(
      true,
    );
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-01-01', '2026-01-31')).toBe(30);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });
});

describe('agenda (issue 6 §6)', () => {
  const s = (caseNumber: string, extra: Partial<AgendaSignals> = {}): AgendaSignals => ({
    caseId: caseNumber,
    caseNumber,
    priority: TryggaHemPriority.B,
    newIncidents: 0,
    repeat: false,
    highRisk: false,
    reviewDue: false,
    overdueActions: 0,
    daysSinceReview: 10,
    ...extra,
  });

  it('puts new incidents, then repeats, high risk and overdue reviews first', () => {
    const order = proposeAgenda([
      s('TH-6', { priority: TryggaHemPriority.D }),
      s('TH-5', { overdueActions: 1 }),
      s('TH-4', { reviewDue: true }),
      s('TH-3', { highRisk: true }),
      s('TH-2', { repeat: true }),
      s('TH-1', { newIncidents: 2 }),
    ]).map((x) => x.caseNumber);
    expect(order).toEqual(['TH-1', 'TH-2', 'TH-3', 'TH-4', 'TH-5', 'TH-6']);
  });

  it('orders within a group by priority, then days since review, then number', () => {
    const order = proposeAgenda([
      s('TH-3', { priority: TryggaHemPriority.A, daysSinceReview: 90 }),
      s('TH-2', { priority: TryggaHemPriority.C, daysSinceReview: 5 }),
      s('TH-9', { priority: TryggaHemPriority.C, daysSinceReview: 40 }),
      s('TH-1', { priority: TryggaHemPriority.C, daysSinceReview: 40 }),
    ]).map((x) => x.caseNumber);
    expect(order).toEqual(['TH-1', 'TH-9', 'TH-2', 'TH-3']);
  });

  it('names every reason, and routine when there is none', () => {
    expect(agendaReasons(s('x', { newIncidents: 1, highRisk: true }))).toEqual([
      AgendaReason.NewIncident,
      AgendaReason.HighRisk,
    ]);
    expect(agendaReasons(s('x'))).toEqual([AgendaReason.Routine]);
  });

  it('shows a member only the reasons whose category they see (D20)', () => {
    const all = agendaReasons(
      s('x', { newIncidents: 1, repeat: true, highRisk: true, reviewDue: true, overdueActions: 2 }),
    );
    const C = InformationCategory;
    expect(visibleAgendaReasons(all, [C.Coordination, C.Criminal, C.Risk])).toEqual(all);
    expect(visibleAgendaReasons(all, [C.Coordination])).toEqual([
      AgendaReason.Repeat,
      AgendaReason.OverdueAction,
    ]);
    expect(visibleAgendaReasons(all, [C.Coordination, C.Risk])).toEqual([
      AgendaReason.Repeat,
      AgendaReason.HighRisk,
      AgendaReason.OverdueReview,
      AgendaReason.OverdueAction,
    ]);
    // A new incident alone, to a member without the criminal category: routine, not the incident.
    expect(visibleAgendaReasons([AgendaReason.NewIncident], [C.Coordination])).toEqual([
      AgendaReason.Routine,
    ]);
    expect(visibleAgendaReasons([AgendaReason.Routine], [C.Coordination])).toEqual([
      AgendaReason.Routine,
    ]);
  });
});
