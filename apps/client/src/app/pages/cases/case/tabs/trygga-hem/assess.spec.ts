import { FormControl, FormGroup } from '@angular/forms';
import {
  type ActionDto,
  ActionStatus,
  OrganisationType,
  type RiskAssessmentDto,
  RiskInstrument,
  RiskLevel,
  type SafetyPlanDto,
} from '@samsyn/common';
import {
  assessFieldMessage,
  dueAssessments,
  nextActionStatus,
  notAfter,
  reviewBeforeAssessed,
  reviewNotBeforeAssessed,
  safetyPlanRows,
  withChangedActions,
} from './assess';

describe('review date (D5: on or after the assessment date)', () => {
  it('refuses a review date before the assessment date, and only that', () => {
    expect(reviewBeforeAssessed('2026-03-10', '2026-03-09')).toBe(true);
    expect(reviewBeforeAssessed('2026-03-10', '2026-03-10')).toBe(false);
    expect(reviewBeforeAssessed('2026-03-10', '2026-06-10')).toBe(false);
    // Across a month and a year: compared as dates, not as day numbers.
    expect(reviewBeforeAssessed('2026-01-31', '2026-02-01')).toBe(false);
    expect(reviewBeforeAssessed('2026-01-01', '2025-12-31')).toBe(true);
  });

  it('says nothing while either date is still empty (required says that)', () => {
    expect(reviewBeforeAssessed('', '2026-03-09')).toBe(false);
    expect(reviewBeforeAssessed('2026-03-10', '')).toBe(false);
  });

  it('checks the review control against the assessment date in its form', () => {
    const form = new FormGroup({
      assessedOn: new FormControl('2026-03-10'),
      reviewOn: new FormControl('', reviewNotBeforeAssessed),
    });
    form.controls.reviewOn.setValue('2026-03-01');
    expect(form.controls.reviewOn.errors).toEqual({ reviewBeforeAssessed: true });
    form.controls.reviewOn.setValue('2026-04-01');
    expect(form.controls.reviewOn.errors).toBeNull();
  });

  it('refuses an assessment dated after today', () => {
    const validator = notAfter(() => '2026-03-10');
    expect(validator(new FormControl('2026-03-11'))).toEqual({ inFuture: true });
    expect(validator(new FormControl('2026-03-10'))).toBeNull();
    expect(validator(new FormControl(''))).toBeNull();
  });
});

describe('assessFieldMessage', () => {
  it('words the form’s and the API’s date rules the same way', () => {
    expect(assessFieldMessage({ reviewBeforeAssessed: true })).toEqual({
      key: 'th.assess.reviewBeforeAssessed',
    });
    expect(assessFieldMessage({ server: 'beforeAssessment' })).toEqual({
      key: 'th.assess.reviewBeforeAssessed',
    });
    expect(assessFieldMessage({ server: 'inFuture' })).toEqual({ key: 'th.assess.inFuture' });
  });

  it('leaves the rest to the shared messages, "required" first', () => {
    expect(assessFieldMessage(null)).toBeNull();
    expect(assessFieldMessage({ required: true, reviewBeforeAssessed: true })).toEqual({
      key: 'field.required',
    });
    expect(assessFieldMessage({ maxlength: { requiredLength: 30 } })).toEqual({
      key: 'field.maxLength',
      params: { max: 30 },
    });
  });
});

const assessment = (
  id: string,
  org: string,
  instrument: RiskInstrument,
  over: Partial<RiskAssessmentDto> = {},
): RiskAssessmentDto => ({
  id,
  organisation: { id: org, name: org, type: OrganisationType.Municipality },
  instrument,
  instrumentName: null,
  instrumentVersion: null,
  assessedOn: '2026-01-01',
  assessor: { id: 'u', displayName: 'U' },
  level: RiskLevel.Medium,
  reviewOn: '2026-03-01',
  reviewDue: false,
  reassessmentRequestedAt: null,
  current: true,
  summary: null,
  ...over,
});

describe('dueAssessments (D5: risk is perishable)', () => {
  it('lists the current assessments due for review, the caller’s agency first', () => {
    const due = dueAssessments(
      [
        assessment('police', 'polisen', RiskInstrument.SaraSv, {
          reviewDue: true,
          reviewOn: '2026-01-15',
        }),
        assessment('own-old', 'kommunen', RiskInstrument.Freda, {
          reviewDue: true,
          current: false,
        }),
        assessment('own', 'kommunen', RiskInstrument.Freda, {
          reviewDue: true,
          reviewOn: '2026-02-01',
          reassessmentRequestedAt: '2026-01-20T10:00:00Z',
        }),
        assessment('fresh', 'kommunen', RiskInstrument.Patriark),
      ],
      'kommunen',
    );
    expect(due.map((d) => [d.assessment.id, d.own, d.byIncident])).toEqual([
      ['own', true, true],
      ['police', false, false],
    ]);
  });

  it('offers nobody a reassessment for another agency without an organisation', () => {
    const due = dueAssessments(
      [assessment('a', 'kommunen', RiskInstrument.Freda, { reviewDue: true })],
      null,
    );
    expect(due.map((d) => d.own)).toEqual([false]);
  });
});

const plan = (personId: string): SafetyPlanDto => ({
  id: `plan-${personId}`,
  version: 1,
  personId,
  plan: 'Plan',
  whereabouts: null,
  support: null,
  updatedBy: { id: 'u', displayName: 'U' },
  updatedAt: '2026-01-01T10:00:00Z',
});

describe('safetyPlanRows (D3)', () => {
  it('has a row per victim and child, with or without a plan, in the case’s order', () => {
    expect(safetyPlanRows(['victim', 'child'], [plan('child')])).toEqual([
      { personId: 'victim', plan: null },
      { personId: 'child', plan: plan('child') },
    ]);
  });

  it('still shows a plan for someone outside the list', () => {
    expect(safetyPlanRows([], [plan('gone')])).toEqual([{ personId: 'gone', plan: plan('gone') }]);
  });

  it('has nothing off the victim side', () => {
    expect(safetyPlanRows(null, null)).toEqual([]);
  });
});

const action = (id: string, status: ActionStatus, version: number): ActionDto => ({
  id,
  version,
  caseId: 'c',
  caseNumber: 'TH-2026-000001',
  meetingId: 'm',
  description: 'Boka hembesök',
  ownerOrganisation: { id: 'o', name: 'Polisen', type: OrganisationType.Police },
  owner: { id: 'u', displayName: 'U' },
  dueOn: '2026-03-01',
  status,
  overdue: false,
  doneAt: null,
  allowedActions: [],
});

describe('action status', () => {
  it('toggles between open and done', () => {
    expect(nextActionStatus({ status: ActionStatus.Open })).toBe(ActionStatus.Done);
    expect(nextActionStatus({ status: ActionStatus.Done })).toBe(ActionStatus.Open);
  });

  it('shows the newer version of an action changed on the page', () => {
    const list = [action('a', ActionStatus.Open, 1), action('b', ActionStatus.Open, 1)];
    const changed = new Map([['a', action('a', ActionStatus.Done, 2)]]);
    expect(withChangedActions(list, changed).map((a) => [a.id, a.status])).toEqual([
      ['a', ActionStatus.Done],
      ['b', ActionStatus.Open],
    ]);
    // A reload that is as new or newer wins over the page's own change.
    const reloaded = [action('a', ActionStatus.Open, 3)];
    expect(withChangedActions(reloaded, changed)[0].status).toBe(ActionStatus.Open);
  });
});
