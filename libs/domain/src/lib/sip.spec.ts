import {
  SipDeadlineKind,
  SipDeadlineState,
  SipMeasureStatus,
  SipResponsibleKind,
} from '@samsyn/common';
import { DEFAULT_SIP_DEADLINE_RULES } from './agreements';
import {
  approvalState,
  deadlineState,
  diffPlans,
  measureProblems,
  planAgreementProblems,
  planTimeline,
  type SipMeasureFacts,
  type SipPlanFacts,
  sipDeadlines,
} from './sip';

const REGION = 'org-region';
const KOMMUN = 'org-kommun';

function measure(id: string, over: Partial<SipMeasureFacts> = {}): SipMeasureFacts {
  return {
    id,
    description: `measure ${id}`,
    responsibleKind: SipResponsibleKind.Region,
    organisationId: REGION,
    unitId: null,
    actorName: null,
    startDate: '2026-12-01',
    endDate: '2027-01-31',
    status: SipMeasureStatus.Planned,
    ...over,
  };
}

const complete: SipPlanFacts = {
  needs: [{ id: 'n1', text: 'Stöd i boendet' }],
  goals: [{ id: 'g1', text: 'Jag vill bo kvar hemma', ownWords: true }],
  measures: [
    measure('m1'),
    measure('m2', { responsibleKind: SipResponsibleKind.Municipality, organisationId: KOMMUN }),
  ],
  leadPrincipalOrganisationId: KOMMUN,
  followUpDate: '2027-02-15',
};

describe('planAgreementProblems (D8)', () => {
  it('a complete plan has none', () => {
    expect(planAgreementProblems(complete, [REGION, KOMMUN], '2026-11-30')).toEqual([]);
  });

  it('without huvudansvar and follow-up date it names both fields', () => {
    const problems = planAgreementProblems(
      { ...complete, leadPrincipalOrganisationId: null, followUpDate: null },
      [REGION, KOMMUN],
      '2026-11-30',
    );
    expect(problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'leadPrincipalOrganisationId:required',
      'followUpDate:required',
    ]);
  });

  it('huvudansvar must lie with a participating huvudman, the follow-up not in the past', () => {
    const problems = planAgreementProblems(
      { ...complete, leadPrincipalOrganisationId: 'org-police', followUpDate: '2026-11-01' },
      [REGION, KOMMUN],
      '2026-11-30',
    );
    expect(problems.map((p) => p.code)).toEqual(['notParticipating', 'inPast']);
  });

  it('needs and measures are required', () => {
    const problems = planAgreementProblems(
      { ...complete, needs: [], measures: [] },
      [REGION, KOMMUN],
      '2026-11-30',
    );
    expect(problems.map((p) => p.field)).toEqual(['needs', 'measures']);
  });
});

describe('measureProblems', () => {
  it('a measure ending before it starts is refused with its index', () => {
    expect(
      measureProblems([
        measure('a'),
        measure('b', { startDate: '2027-01-10', endDate: '2027-01-09' }),
      ]),
    ).toEqual([expect.objectContaining({ field: 'measures.1.endDate', code: 'beforeStart' })]);
  });

  it('a huvudman measure needs an organisation; an other-actor measure needs a name', () => {
    const problems = measureProblems([
      measure('a', { organisationId: null }),
      measure('b', { responsibleKind: SipResponsibleKind.Other, organisationId: null }),
      measure('c', {
        responsibleKind: SipResponsibleKind.Other,
        organisationId: null,
        actorName: 'Försäkringskassan',
      }),
    ]);
    expect(problems.map((p) => p.field)).toEqual([
      'measures.0.organisationId',
      'measures.1.actorName',
    ]);
  });
});

describe('approvalState (D9)', () => {
  it('agreed only when every participating huvudman approved and the person agreed', () => {
    expect(approvalState([REGION, KOMMUN], [REGION], true)).toEqual({
      missing: [KOMMUN],
      personAgreed: true,
      agreed: false,
    });
    expect(approvalState([REGION, KOMMUN], [KOMMUN, REGION], false).agreed).toBe(false);
    expect(approvalState([REGION, KOMMUN], [KOMMUN, REGION], true).agreed).toBe(true);
    expect(approvalState([], [], true).agreed).toBe(false);
  });
});

describe('deadlines (D10)', () => {
  it('state: met, missed, at risk near the day or when the planned date is late, else pending', () => {
    expect(deadlineState('2026-12-10', '2026-12-09', '2026-12-20')).toBe(SipDeadlineState.Met);
    expect(deadlineState('2026-12-10', '2026-12-11', '2026-12-20')).toBe(SipDeadlineState.Missed);
    expect(deadlineState('2026-12-10', null, '2026-12-11')).toBe(SipDeadlineState.Missed);
    expect(deadlineState('2026-12-10', null, '2026-12-09')).toBe(SipDeadlineState.AtRisk);
    expect(deadlineState('2026-12-10', null, '2026-12-01', '2026-12-12')).toBe(
      SipDeadlineState.AtRisk,
    );
    expect(deadlineState('2026-12-10', null, '2026-12-01', '2026-12-08')).toBe(
      SipDeadlineState.Pending,
    );
  });

  it('kallelse within the configured days of discharge readiness, meeting within days of the request', () => {
    const deadlines = sipDeadlines(
      {
        requestedOn: '2026-12-01',
        dischargeReadyOn: '2026-12-02',
        firstCalledOn: '2026-12-04',
        firstMeetingOn: '2026-12-20',
        followUpDate: null,
        followUpMeetingOn: null,
      },
      { summonsDaysAfterDischargeReady: 3, firstMeetingDaysAfterRequest: 14 },
      '2026-12-05',
    );
    expect(deadlines).toEqual([
      {
        kind: SipDeadlineKind.Summons,
        dueOn: '2026-12-05',
        metOn: '2026-12-04',
        state: SipDeadlineState.Met,
      },
      {
        kind: SipDeadlineKind.FirstMeeting,
        dueOn: '2026-12-15',
        metOn: null,
        state: SipDeadlineState.AtRisk,
      },
    ]);
  });

  it('uses the agreement’s numbers, not constants', () => {
    const [summons] = sipDeadlines(
      {
        requestedOn: null,
        dischargeReadyOn: '2026-12-02',
        firstCalledOn: null,
        firstMeetingOn: null,
        followUpDate: null,
        followUpMeetingOn: null,
      },
      { ...DEFAULT_SIP_DEADLINE_RULES, summonsDaysAfterDischargeReady: 5 },
      '2026-12-02',
    );
    expect(summons.dueOn).toBe('2026-12-07');
    expect(summons.state).toBe(SipDeadlineState.Pending);
  });

  it('a follow-up date without a follow-up meeting is missed once it has passed', () => {
    const [followUp] = sipDeadlines(
      {
        requestedOn: null,
        dischargeReadyOn: null,
        firstCalledOn: null,
        firstMeetingOn: null,
        followUpDate: '2027-01-10',
        followUpMeetingOn: null,
      },
      DEFAULT_SIP_DEADLINE_RULES,
      '2027-01-11',
    );
    expect(followUp).toMatchObject({
      kind: SipDeadlineKind.FollowUp,
      state: SipDeadlineState.Missed,
    });
  });
});

describe('diffPlans', () => {
  it('finds measures and goals added, removed and changed, and changed huvudansvar', () => {
    const next: SipPlanFacts = {
      ...complete,
      goals: [],
      measures: [
        { ...complete.measures[0], status: SipMeasureStatus.Ongoing },
        measure('m3', {
          responsibleKind: SipResponsibleKind.Other,
          organisationId: null,
          actorName: 'Skolan',
        }),
      ],
      leadPrincipalOrganisationId: REGION,
    };
    const diff = diffPlans(complete, next);
    expect(diff.measures.added.map((m) => m.id)).toEqual(['m3']);
    expect(diff.measures.removed.map((m) => m.id)).toEqual(['m2']);
    expect(diff.measures.changed).toEqual([
      { before: complete.measures[0], after: next.measures[0] },
    ]);
    expect(diff.goals.removed.map((g) => g.id)).toEqual(['g1']);
    expect(diff.needs).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.leadPrincipal).toEqual({ before: KOMMUN, after: REGION });
    expect(diff.followUpDate).toBeNull();
  });

  it('without a previous version everything is added', () => {
    expect(diffPlans(null, complete).measures.added).toHaveLength(2);
  });
});

describe('planTimeline (D12)', () => {
  it('groups by agency, sorts by start, flags overlaps between different agencies only', () => {
    const t = planTimeline([
      measure('late', { startDate: '2027-03-01', endDate: '2027-04-01' }),
      measure('k', {
        responsibleKind: SipResponsibleKind.Municipality,
        organisationId: KOMMUN,
        startDate: '2027-01-15',
        endDate: null,
      }),
      measure('early', { startDate: '2026-12-01', endDate: '2027-01-20' }),
      measure('r2', { startDate: '2026-12-05', endDate: '2026-12-24' }),
      measure('x', {
        responsibleKind: SipResponsibleKind.Other,
        organisationId: null,
        actorName: 'Skolan',
        startDate: '2027-06-01',
        endDate: '2027-06-30',
        status: SipMeasureStatus.Cancelled,
      }),
    ]);
    expect(t.lanes.map((l) => [l.key, l.measures.map((m) => m.id)])).toEqual([
      [REGION, ['early', 'r2', 'late']],
      [KOMMUN, ['k']],
      ['actor:skolan', ['x']],
    ]);
    expect(t.overlaps).toEqual([
      { measureIds: ['early', 'k'], from: '2027-01-15', to: '2027-01-20' },
      { measureIds: ['k', 'late'], from: '2027-03-01', to: '2027-04-01' },
    ]);
    expect(t.from).toBe('2026-12-01');
    expect(t.to).toBeNull();
  });
});
