import { AccessDenialReason, CaseAction, InformationCategory, Role } from '@samsyn/common';
import {
  decideCaseAccess,
  type PolicyActor,
  type PolicyCase,
  type PolicyClock,
  type PolicyConsent,
} from './access-policy';
import {
  allowedCaseActions,
  allowedConsentActions,
  allowedEmergencyAccessActions,
  allowedLookupMissActions,
  CASE_ACTION_RIGHT,
  caseActionRefusal,
  consentRecordRefusal,
  emergencyReviewRefusal,
  mayReadCaseLog,
  rightRefusal,
} from './case-actions';
import { SIP, TRYGGA_HEM } from './programmes';

/*
 * Expectations written from the rules in prose (docs/access-model.md R1–R4, D14–D17, D19):
 * the owning organisation manages an open case; another organisation's team member with consent
 * writes journal entries and may withdraw a consent naming it; an emergency grant reads only; a
 * closed case is only reopened; roles outside case work do nothing.
 */

const C = InformationCategory;
const NOW = new Date('2026-03-15T10:00:00Z');
const clock: PolicyClock = { now: NOW, today: '2026-03-15' };
const OWNER_ORG = 'org-orebro';
const OWNER_UNIT = 'unit-ifo';
const POLICE = 'org-police';
const SUBJECT = 'person-subject';

const consentToPolice: PolicyConsent = {
  id: 'consent-1',
  personId: SUBJECT,
  recipientOrganisationIds: [POLICE],
  categories: [C.Identity, C.Coordination, C.Criminal],
  excludedCategories: [],
  givenOn: '2026-01-01',
  validUntil: '2026-12-31',
  withdrawnAt: null,
  superseded: false,
};

function kase(overrides: Partial<PolicyCase> = {}): PolicyCase {
  return {
    programme: TRYGGA_HEM,
    owningOrganisationId: OWNER_ORG,
    owningUnitId: OWNER_UNIT,
    handlerId: 'user-handler',
    closed: false,
    subjectPersonId: SUBJECT,
    memberships: [],
    consents: [consentToPolice],
    disclosures: [],
    emergencyUntil: null,
    ...overrides,
  };
}

const handler: PolicyActor = {
  userId: 'user-handler',
  organisationId: OWNER_ORG,
  unitId: OWNER_UNIT,
  roles: [Role.SocialWorker],
};
const police: PolicyActor = {
  userId: 'user-police',
  organisationId: POLICE,
  unitId: 'unit-lpo',
  roles: [Role.PoliceOfficer],
};
const auditor: PolicyActor = {
  userId: 'user-auditor',
  organisationId: OWNER_ORG,
  unitId: OWNER_UNIT,
  roles: [Role.Auditor],
};

const policeMember = { caseRole: 'police_contact', protectedIdentityAccess: false };

const EVERY_CASE_WORK_ACTION = Object.keys(CASE_ACTION_RIGHT).sort();

function actionsOf(actor: PolicyActor, c: PolicyCase): string[] {
  return allowedCaseActions(decideCaseAccess(actor, c, clock), actor, c).sort();
}

describe('allowedCaseActions', () => {
  it('gives the handler of an open case every case-work action (R2)', () => {
    expect(actionsOf(handler, kase())).toEqual(EVERY_CASE_WORK_ACTION);
  });

  it('leaves the owner of a closed case only the status change (reopen) and withdrawal', () => {
    expect(actionsOf(handler, kase({ closed: true }))).toEqual(
      [CaseAction.ChangeStatus, CaseAction.ConsentWithdraw].sort(),
    );
  });

  it("gives another organisation's team member with consent journal entries and withdrawal only (R3)", () => {
    expect(actionsOf(police, kase({ memberships: [policeMember] }))).toEqual(
      [CaseAction.JournalAdd, CaseAction.JournalCorrect, CaseAction.ConsentWithdraw].sort(),
    );
  });

  it('offers the police none of the owner actions the issue names', () => {
    const actions = actionsOf(police, kase({ memberships: [policeMember] }));
    for (const refused of [
      CaseAction.Update,
      CaseAction.ConsentRecord,
      CaseAction.ConsentReplace,
      CaseAction.ParticipantAdd,
      CaseAction.TeamAdd,
    ])
      expect(actions).not.toContain(refused);
  });

  it('gives an emergency grant read access only (R4), and no new grant', () => {
    const c = kase({ consents: [], emergencyUntil: new Date(NOW.getTime() + 60_000) });
    expect(actionsOf(police, c)).toEqual([CaseAction.ConsentWithdraw]);
  });

  it('offers emergency access to a case worker the policy keeps out (D17), nothing else', () => {
    expect(actionsOf(police, kase({ consents: [] }))).toEqual([CaseAction.EmergencyAccessRequest]);
    expect(actionsOf(police, kase({ memberships: [policeMember], consents: [] }))).toEqual([
      CaseAction.EmergencyAccessRequest,
    ]);
  });

  it('offers nothing to roles outside case work (R1)', () => {
    for (const roles of [[Role.Auditor], [Role.Coordinator], [Role.Steering], [Role.OrgAdmin]])
      expect(actionsOf({ ...auditor, roles }, kase())).toEqual([]);
  });

  it('is exactly the actions caseActionRefusal lets through', () => {
    for (const actor of [handler, police])
      for (const c of [kase(), kase({ closed: true }), kase({ memberships: [policeMember] })]) {
        const decision = decideCaseAccess(actor, c, clock);
        const listed = allowedCaseActions(decision, actor, c);
        for (const action of Object.keys(CASE_ACTION_RIGHT) as (keyof typeof CASE_ACTION_RIGHT)[])
          expect(listed.includes(action)).toBe(
            caseActionRefusal(action, decision, actor, c) === null,
          );
      }
  });

  it('applies to any programme (D26)', () => {
    expect(actionsOf(handler, kase({ programme: SIP }))).toEqual(EVERY_CASE_WORK_ACTION);
  });
});

describe('allowedLookupMissActions', () => {
  it('offers emergency access by number to case workers, nothing to roles outside case work', () => {
    expect(allowedLookupMissActions(police)).toEqual([CaseAction.EmergencyAccessRequest]);
    expect(allowedLookupMissActions(handler)).toEqual([CaseAction.EmergencyAccessRequest]);
    for (const roles of [[Role.Auditor], [Role.Coordinator], [Role.Steering], [Role.OrgAdmin]])
      expect(allowedLookupMissActions({ roles })).toEqual([]);
  });

  it('is what a case the policy keeps the caller out of offers, so the two look alike', () => {
    const outside: PolicyActor[] = [
      police,
      { ...police, roles: [Role.HealthcareStaff] },
      { ...auditor, roles: [Role.Coordinator] },
      auditor,
    ];
    for (const actor of outside)
      for (const c of [
        kase({ consents: [] }),
        kase({ memberships: [policeMember], consents: [] }),
      ]) {
        const decision = decideCaseAccess(actor, c, clock);
        expect(decision.allowed).toBe(false);
        expect(allowedCaseActions(decision, actor, c)).toEqual(allowedLookupMissActions(actor));
      }
  });
});

describe('caseActionRefusal', () => {
  it('names why: not the owner, closed, role, no consent', () => {
    const c = kase({ memberships: [policeMember] });
    const d = decideCaseAccess(police, c, clock);
    expect(caseActionRefusal(CaseAction.Update, d, police, c)).toBe(AccessDenialReason.NotOwner);
    const closed = kase({ closed: true });
    const dh = decideCaseAccess(handler, closed, clock);
    expect(caseActionRefusal(CaseAction.ParticipantAdd, dh, handler, closed)).toBe(
      AccessDenialReason.CaseClosed,
    );
    expect(caseActionRefusal(CaseAction.JournalAdd, dh, handler, closed)).toBe(
      AccessDenialReason.CaseClosed,
    );
    // The role permission is checked even where the decision would allow it.
    const open = kase();
    expect(
      caseActionRefusal(
        CaseAction.ConsentRecord,
        decideCaseAccess(handler, open, clock),
        {
          roles: [Role.Steering],
        },
        open,
      ),
    ).toBe(AccessDenialReason.RoleNotPermitted);
    const none = kase({ memberships: [policeMember], consents: [] });
    expect(
      caseActionRefusal(CaseAction.JournalAdd, decideCaseAccess(police, none, clock), police, none),
    ).toBe(AccessDenialReason.NoConsent);
  });

  it('rightRefusal keeps the rights other features use', () => {
    const open = kase();
    const d = decideCaseAccess(handler, open, clock);
    for (const right of ['read', 'write', 'manage', 'change'] as const)
      expect(rightRefusal(d, open, right)).toBeNull();
    const dp = decideCaseAccess(police, kase({ memberships: [policeMember] }), clock);
    expect(rightRefusal(dp, open, 'read')).toBeNull();
    expect(rightRefusal(dp, open, 'write')).toBeNull();
    expect(rightRefusal(dp, open, 'manage')).toBe(AccessDenialReason.NotOwner);
  });
});

describe('per consent record', () => {
  const record = { recipientOrganisationIds: [POLICE], withdrawn: false, superseded: false };

  it('lets the owner replace and withdraw a record in force, the recipient only withdraw', () => {
    const c = kase({ memberships: [policeMember] });
    expect(allowedConsentActions(decideCaseAccess(handler, c, clock), handler, c, record)).toEqual([
      CaseAction.ConsentReplace,
      CaseAction.ConsentWithdraw,
    ]);
    expect(allowedConsentActions(decideCaseAccess(police, c, clock), police, c, record)).toEqual([
      CaseAction.ConsentWithdraw,
    ]);
  });

  it('allows nothing on a withdrawn record; a replaced one may still be withdrawn', () => {
    const c = kase();
    const d = decideCaseAccess(handler, c, clock);
    expect(allowedConsentActions(d, handler, c, { ...record, withdrawn: true })).toEqual([]);
    expect(allowedConsentActions(d, handler, c, { ...record, superseded: true })).toEqual([
      CaseAction.ConsentWithdraw,
    ]);
  });

  it("hides another organisation's records from a non-owner", () => {
    const c = kase({ memberships: [policeMember] });
    const d = decideCaseAccess(police, c, clock);
    const other = { ...record, recipientOrganisationIds: ['org-region'] };
    expect(consentRecordRefusal(CaseAction.ConsentWithdraw, d, police, other)).toBe('hidden');
    expect(allowedConsentActions(d, police, c, other)).toEqual([]);
  });
});

describe('emergency access review', () => {
  const grant = { userId: 'user-police', caseOwningOrganisationId: OWNER_ORG, reviewed: false };

  it("lets the owning organisation's reviewer open the log and review another's grant", () => {
    expect(mayReadCaseLog(auditor, OWNER_ORG)).toBe(true);
    expect(allowedEmergencyAccessActions(auditor, grant)).toEqual([
      CaseAction.CaseLogRead,
      CaseAction.EmergencyAccessReview,
    ]);
  });

  it("offers no review of a grant to another organisation's case: its log is not theirs (D19)", () => {
    const elsewhere = { ...grant, caseOwningOrganisationId: 'org-region' };
    expect(emergencyReviewRefusal(auditor, elsewhere)).toBe('no_case_log');
    expect(allowedEmergencyAccessActions(auditor, elsewhere)).toEqual([]);
  });

  it('refuses a reviewed grant, the reviewer’s own grant and non-reviewers', () => {
    expect(emergencyReviewRefusal(auditor, { ...grant, reviewed: true })).toBe('reviewed');
    expect(emergencyReviewRefusal(auditor, { ...grant, userId: auditor.userId })).toBe('own_grant');
    expect(allowedEmergencyAccessActions(auditor, { ...grant, reviewed: true })).toEqual([
      CaseAction.CaseLogRead,
    ]);
    expect(emergencyReviewRefusal(handler, grant)).toBe('role_not_permitted');
    expect(allowedEmergencyAccessActions(handler, grant)).toEqual([]);
  });
});
