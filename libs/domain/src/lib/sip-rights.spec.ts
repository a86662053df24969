import {
  InformationCategory,
  OrganisationType,
  Role,
  SipAction,
  SipCallBlockReason,
  SipMeetingState,
  SipPlanState,
} from '@samsyn/common';
import { decideCaseAccess, type PolicyCase, type PolicyClock } from './access-policy';
import { SIP, TRYGGA_HEM } from './programmes';
import {
  approveRefusal,
  callBlocker,
  mayActAsHuvudman,
  mayAnswerInvitation,
  mayChangeMeeting,
  type SipActor,
  sipAttendanceActions,
  sipCaseActions,
  sipMeetingActions,
  type SipPlanActionFacts,
  sipPlanActions,
} from './sip-rights';

const clock: PolicyClock = { now: new Date('2026-03-15T10:00:00Z'), today: '2026-03-15' };
const KOMMUN = 'org-kommun';
const REGION = 'org-region';
const POLICE = 'org-police';

const social: SipActor & { userId: string } = {
  userId: 'u-social',
  organisationId: KOMMUN,
  organisationType: OrganisationType.Municipality,
  unitId: 'unit-social',
  roles: [Role.SocialWorker],
};
const vard: SipActor & { userId: string } = {
  userId: 'u-vard',
  organisationId: REGION,
  organisationType: OrganisationType.Region,
  unitId: 'unit-psyk',
  roles: [Role.HealthcareStaff],
};
const polis: SipActor & { userId: string } = {
  userId: 'u-polis',
  organisationId: POLICE,
  organisationType: OrganisationType.Police,
  unitId: 'unit-lpo',
  roles: [Role.PoliceOfficer],
};

/** A SIP case of the municipality with the region (and the police) on the team. */
function kase(over: Partial<PolicyCase> = {}): PolicyCase {
  return {
    programme: SIP,
    owningOrganisationId: KOMMUN,
    owningUnitId: 'unit-social',
    handlerId: 'u-social',
    closed: false,
    subjectPersonId: 'p1',
    memberships: [{ caseRole: 'healthcare_contact', protectedIdentityAccess: false }],
    consents: [],
    disclosures: [],
    emergencyUntil: null,
    ...over,
  };
}

const consentTo = (orgs: string[]) => ({
  id: 'c1',
  personId: 'p1',
  recipientOrganisationIds: orgs,
  categories: [InformationCategory.Identity, InformationCategory.Coordination],
  excludedCategories: [],
  givenOn: '2026-01-01',
  validUntil: '2026-12-31',
  withdrawnAt: null,
  superseded: false,
});

const decide = (actor: SipActor & { userId: string }, c: PolicyCase) =>
  mayActAsHuvudman(decideCaseAccess(actor, c, clock), actor, c.programme);

describe('mayActAsHuvudman (D7: either huvudman calls the other)', () => {
  it('lets the owning huvudman act', () => {
    expect(decide(social, kase({ memberships: [] }))).toBe(true);
  });

  it('lets the other huvudman on the team act with consent in force (R3)', () => {
    expect(decide(vard, kase({ consents: [consentTo([REGION])] }))).toBe(true);
  });

  it('lets the other huvudman act on a recorded legal basis (R3, D16)', () => {
    const disclosure = {
      id: 'd1',
      personId: 'p1',
      recipientOrganisationId: REGION,
      categories: [InformationCategory.Coordination],
      validUntil: '2026-04-01',
    };
    expect(decide(vard, kase({ disclosures: [disclosure] }))).toBe(true);
  });

  it('refuses the other huvudman without consent, or with a withdrawn one', () => {
    expect(decide(vard, kase())).toBe(false);
    const withdrawn = { ...consentTo([REGION]), withdrawnAt: new Date('2026-03-01') };
    expect(decide(vard, kase({ consents: [withdrawn] }))).toBe(false);
  });

  it('refuses a consent that does not cover coordination data', () => {
    const identityOnly = { ...consentTo([REGION]), categories: [InformationCategory.Identity] };
    expect(decide(vard, kase({ consents: [identityOnly] }))).toBe(false);
  });

  it('refuses the other huvudman who is not on the team, even with consent', () => {
    expect(decide(vard, kase({ memberships: [], consents: [consentTo([REGION])] }))).toBe(false);
  });

  it('refuses the police and Frivård: they are not huvudmän', () => {
    expect(decide(polis, kase({ consents: [consentTo([POLICE])] }))).toBe(false);
  });

  it('refuses emergency access (R4)', () => {
    const c = kase({ memberships: [], emergencyUntil: new Date('2026-03-15T11:00:00Z') });
    expect(decideCaseAccess(vard, c, clock).allowed).toBe(true);
    expect(decide(vard, c)).toBe(false);
  });

  it('is for SIP cases only', () => {
    expect(decide(social, kase({ programme: TRYGGA_HEM, memberships: [] }))).toBe(false);
  });
});

describe('sipCaseActions and callBlocker', () => {
  const draft = { id: 'plan-2', number: 2, meetingId: 'm-2' };

  it('offers a huvudman the call, and the owner settings and end', () => {
    expect(sipCaseActions({ huvudman: true, canManage: true, closed: false, draft: null })).toEqual(
      [SipAction.Call, SipAction.Settings, SipAction.End],
    );
    expect(
      sipCaseActions({ huvudman: true, canManage: false, closed: false, draft: null }),
    ).toEqual([SipAction.Call]);
    expect(
      sipCaseActions({ huvudman: false, canManage: false, closed: false, draft: null }),
    ).toEqual([]);
  });

  it('withholds the call while a draft exists and names the way out', () => {
    const facts = { huvudman: true, canManage: false, closed: false, draft };
    expect(sipCaseActions(facts)).toEqual([]);
    expect(callBlocker(facts)).toEqual({
      reason: SipCallBlockReason.DraftPlan,
      meetingId: 'm-2',
      planVersionId: 'plan-2',
      planNumber: 2,
    });
  });

  it('offers nothing on a closed case', () => {
    expect(sipCaseActions({ huvudman: true, canManage: true, closed: true, draft: null })).toEqual(
      [],
    );
  });
});

describe('mayChangeMeeting', () => {
  const base = {
    huvudman: true,
    canManage: false,
    closed: false,
    actorOrganisationId: REGION,
    callingOrganisationId: REGION,
    state: SipMeetingState.Called,
  };

  it('lets the calling huvudman and the owner move or cancel a called meeting', () => {
    expect(mayChangeMeeting(base)).toBe(true);
    expect(mayChangeMeeting({ ...base, actorOrganisationId: KOMMUN, canManage: true })).toBe(true);
    expect(sipMeetingActions(base)).toEqual([SipAction.Move, SipAction.Cancel]);
  });

  it('refuses another huvudman, a cancelled meeting and a closed case', () => {
    expect(mayChangeMeeting({ ...base, actorOrganisationId: KOMMUN })).toBe(false);
    expect(mayChangeMeeting({ ...base, state: SipMeetingState.Cancelled })).toBe(false);
    expect(mayChangeMeeting({ ...base, closed: true })).toBe(false);
    expect(mayChangeMeeting({ ...base, huvudman: false })).toBe(false);
  });

  it('lets whoever may change a meeting record its attendance once it has started', () => {
    expect(sipAttendanceActions({ ...base, started: true })).toEqual([SipAction.RecordAttendance]);
    expect(sipAttendanceActions({ ...base, started: false })).toEqual([]);
    expect(sipAttendanceActions({ ...base, started: true, actorOrganisationId: KOMMUN })).toEqual(
      [],
    );
    expect(
      sipAttendanceActions({ ...base, started: true, state: SipMeetingState.Cancelled }),
    ).toEqual([]);
    expect(sipAttendanceActions({ ...base, started: true, closed: true })).toEqual([]);
  });
});

describe('sipPlanActions and approveRefusal', () => {
  const complete: SipPlanActionFacts = {
    huvudman: true,
    canWrite: true,
    state: SipPlanState.Draft,
    actorOrganisationId: REGION,
    participatingPrincipalIds: [KOMMUN, REGION],
    approvedOrganisationIds: [],
    personAgreed: false,
    problems: [],
  };
  const missing = [{ field: 'followUpDate', code: 'required', message: 'Set it' }];

  it('offers every action on a complete draft', () => {
    expect(sipPlanActions(complete)).toEqual([
      SipAction.Edit,
      SipAction.SendForApproval,
      SipAction.Approve,
      SipAction.PersonAgreement,
    ]);
  });

  it('offers no approval, sending or agreement while items are missing', () => {
    expect(sipPlanActions({ ...complete, problems: missing })).toEqual([SipAction.Edit]);
    expect(approveRefusal({ ...complete, problems: missing })).toBe('incomplete');
  });

  it('refuses a second approval, a non-participating or non-huvudman caller, an agreed version', () => {
    expect(approveRefusal({ ...complete, approvedOrganisationIds: [REGION] })).toBe(
      'already_approved',
    );
    expect(approveRefusal({ ...complete, actorOrganisationId: 'org-other' })).toBe(
      'not_participating',
    );
    expect(approveRefusal({ ...complete, huvudman: false })).toBe('not_huvudman');
    expect(approveRefusal({ ...complete, state: SipPlanState.Agreed })).toBe('agreed');
    expect(sipPlanActions({ ...complete, state: SipPlanState.Agreed })).toEqual([]);
  });
});

describe('mayAnswerInvitation', () => {
  it('lets the invited unit answer while the meeting stands', () => {
    const f = { invitedUnitId: 'u1', actorUnitId: 'u1', meetingState: SipMeetingState.Called };
    expect(mayAnswerInvitation(f)).toBe(true);
    expect(mayAnswerInvitation({ ...f, actorUnitId: 'u2' })).toBe(false);
    expect(mayAnswerInvitation({ ...f, actorUnitId: null, invitedUnitId: null })).toBe(false);
    expect(mayAnswerInvitation({ ...f, meetingState: SipMeetingState.Cancelled })).toBe(false);
  });
});
