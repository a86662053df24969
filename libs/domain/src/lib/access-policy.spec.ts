import {
  AccessBasis,
  AccessDenialReason,
  CaseRelation,
  hasPermissions,
  InformationCategory,
  ParticipantRole,
  Permission,
  ProtectedIdentityLevel,
  Role,
  ROLES,
} from '@samsyn/common';
import {
  canWriteCategory,
  type CaseDecision,
  consentInForce,
  decideCaseAccess,
  decidePersonAccess,
  disclosureInForce,
  effectiveConsentCategories,
  type PersonDecision,
  type PolicyActor,
  type PolicyCase,
  type PolicyClock,
  type PolicyConsent,
  type PolicyDisclosure,
  type PolicyMembership,
  type PolicyPerson,
} from './access-policy';
import { type ProgrammeDefinition, SIP, TRYGGA_HEM } from './programmes';

/*
 * The access policy as a table. Every expectation below is written from the rules in prose
 * (access-policy.ts header R1–R7, domain README D3, D14–D18, D20), never by asking the policy.
 */

const C = InformationCategory;
type Category = InformationCategory;

// ---------------------------------------------------------------------------------------------
// World

const TODAY = '2026-03-15';
const YESTERDAY = '2026-03-14';
const TOMORROW = '2026-03-16';
/** 11:00 in Stockholm on TODAY. */
const NOW = new Date('2026-03-15T10:00:00Z');
const clock: PolicyClock = { now: NOW, today: TODAY };
const minutesFromNow = (n: number) => new Date(NOW.getTime() + n * 60_000);

const OWNER_ORG = 'org-orebro-kommun';
const OWNER_UNIT = 'unit-socialtjanst-vald';
const OWNER_OTHER_UNIT = 'unit-aldreomsorg';
const OTHER_ORG = 'org-polisen';
const OTHER_ORG_UNIT = 'unit-lpo-orebro';
const THIRD_ORG = 'org-kriminalvarden';
const ACTOR = 'user-actor';
const SOMEONE_ELSE = 'user-handler';

const SUBJECT = 'person-subject';
const VICTIM = 'person-victim';
const CHILD = 'person-child';

/** D1: only case workers take part in case work; steering, coordinators, admins and auditors do not. */
const CASE_WORK_ROLES: readonly Role[] = [
  Role.SocialWorker,
  Role.HealthcareStaff,
  Role.PoliceOfficer,
  Role.ProbationOfficer,
];
const PROTECTED_LEVELS: readonly ProtectedIdentityLevel[] = [
  ProtectedIdentityLevel.Sekretessmarkering,
  ProtectedIdentityLevel.SkyddadFolkbokforing,
  ProtectedIdentityLevel.FingeradePersonuppgifter,
];
const ALL_LEVELS: readonly ProtectedIdentityLevel[] = [
  ProtectedIdentityLevel.None,
  ...PROTECTED_LEVELS,
];

/** Team roles used per programme: one on the offender/individual side, one on the victim side. */
const TEAM_ROLES: Record<string, { ownerSide: string; otherOrg: string; victimSide?: string }> = {
  [TRYGGA_HEM.code]: {
    ownerSide: 'offender_handler',
    otherOrg: 'police_contact',
    victimSide: 'victim_support',
  },
  [SIP.code]: { ownerSide: 'sip_coordinator', otherOrg: 'other_actor' },
};

function consent(overrides: Partial<PolicyConsent> = {}): PolicyConsent {
  return {
    id: 'consent-1',
    personId: SUBJECT,
    recipientOrganisationIds: [OTHER_ORG],
    categories: [C.Identity, C.Contact, C.Coordination],
    excludedCategories: [],
    givenOn: '2026-01-10',
    validUntil: '2026-12-31',
    withdrawnAt: null,
    superseded: false,
    ...overrides,
  };
}

function disclosure(overrides: Partial<PolicyDisclosure> = {}): PolicyDisclosure {
  return {
    id: 'disclosure-1',
    personId: SUBJECT,
    recipientOrganisationId: OTHER_ORG,
    categories: [C.Identity, C.Criminal, C.Risk],
    validUntil: '2026-04-30',
    ...overrides,
  };
}

function actor(overrides: Partial<PolicyActor> = {}): PolicyActor {
  return {
    userId: ACTOR,
    organisationId: OTHER_ORG,
    unitId: OTHER_ORG_UNIT,
    roles: [Role.PoliceOfficer],
    ...overrides,
  };
}

function kase(overrides: Partial<PolicyCase> = {}): PolicyCase {
  return {
    programme: TRYGGA_HEM,
    owningOrganisationId: OWNER_ORG,
    owningUnitId: OWNER_UNIT,
    handlerId: SOMEONE_ELSE,
    closed: false,
    subjectPersonId: SUBJECT,
    memberships: [],
    consents: [],
    disclosures: [],
    emergencyUntil: null,
    ...overrides,
  };
}

function member(caseRole: string, protectedIdentityAccess = false): PolicyMembership {
  return { caseRole, protectedIdentityAccess };
}

function person(
  id: string,
  role: ParticipantRole,
  protectedLevel: ProtectedIdentityLevel = ProtectedIdentityLevel.None,
): PolicyPerson {
  return { id, role, protectedLevel };
}

const sorted = (categories: readonly Category[]) => [...categories].sort();
const without = (categories: readonly Category[], ...gone: Category[]) =>
  categories.filter((c) => !gone.includes(c));

// ---------------------------------------------------------------------------------------------
// The table: role × relation × consent state × protected level, for each programme

type Side = 'owner' | 'other-org-team' | 'none';

interface RelationRow {
  label: string;
  side: Side;
  relation: CaseRelation;
  handler: boolean;
  actor: (role: Role) => PolicyActor;
  memberships: (programme: ProgrammeDefinition) => PolicyMembership[];
}

const RELATIONS: readonly RelationRow[] = [
  {
    label: 'owner org via handler',
    side: 'owner',
    relation: CaseRelation.Handler,
    handler: true,
    actor: (role) => actor({ organisationId: OWNER_ORG, unitId: OWNER_OTHER_UNIT, roles: [role] }),
    memberships: () => [],
  },
  {
    label: 'owner org via owning unit',
    side: 'owner',
    relation: CaseRelation.OwningUnit,
    handler: false,
    actor: (role) => actor({ organisationId: OWNER_ORG, unitId: OWNER_UNIT, roles: [role] }),
    memberships: () => [],
  },
  {
    label: 'owner org team member',
    side: 'owner',
    relation: CaseRelation.Team,
    handler: false,
    actor: (role) => actor({ organisationId: OWNER_ORG, unitId: OWNER_OTHER_UNIT, roles: [role] }),
    memberships: (p) => [member(TEAM_ROLES[p.code].ownerSide)],
  },
  {
    label: 'other-org team member',
    side: 'other-org-team',
    relation: CaseRelation.Team,
    handler: false,
    actor: (role) => actor({ roles: [role] }),
    memberships: (p) => [member(TEAM_ROLES[p.code].otherOrg)],
  },
  {
    label: 'other org, no relation',
    side: 'none',
    relation: CaseRelation.None,
    handler: false,
    actor: (role) => actor({ roles: [role] }),
    memberships: () => [],
  },
  {
    label: 'same org, other unit, no relation',
    side: 'none',
    relation: CaseRelation.None,
    handler: false,
    actor: (role) => actor({ organisationId: OWNER_ORG, unitId: OWNER_OTHER_UNIT, roles: [role] }),
    memberships: () => [],
  },
];

interface ConsentRow {
  label: string;
  consent: PolicyConsent | null;
  /** What the consent shares with OTHER_ORG today, written out by hand (R3, R7, D14, D15). */
  shares: readonly Category[];
}

/** The category the table watches is `contact` (whereabouts). */
const CONSENTS: readonly ConsentRow[] = [
  { label: 'D14: no consent', consent: null, shares: [] },
  {
    label: 'D14: active consent covering contact',
    consent: consent({ categories: [C.Identity, C.Contact, C.Coordination, C.Risk, C.Safety] }),
    shares: [C.Identity, C.Contact, C.Coordination, C.Risk, C.Safety],
  },
  {
    label: 'D14: active consent covering other categories only',
    consent: consent({ categories: [C.Coordination, C.Health] }),
    shares: [C.Coordination, C.Health],
  },
  {
    label: 'D14: expired consent',
    consent: consent({ givenOn: '2025-03-01', validUntil: YESTERDAY }),
    shares: [],
  },
  {
    label: 'D15: consent withdrawn earlier today',
    consent: consent({ withdrawnAt: minutesFromNow(-60) }),
    shares: [],
  },
  { label: 'D14: superseded consent', consent: consent({ superseded: true }), shares: [] },
  {
    label: 'D14: consent excluding contact',
    consent: consent({
      categories: [C.Identity, C.Contact, C.Coordination],
      excludedCategories: [C.Contact],
    }),
    shares: [C.Identity, C.Coordination],
  },
  { label: 'R7: consent not yet valid', consent: consent({ givenOn: TOMORROW }), shares: [] },
];

interface Summary {
  allowed: boolean;
  reason: AccessDenialReason | null;
  basis: AccessBasis | null;
  relation: CaseRelation;
  categories: Category[];
  consentIds: string[];
  emergency: boolean;
  protectedIdentityAccess: boolean;
  canWrite: boolean;
  canManage: boolean;
  subject: Pick<PersonDecision, 'identity' | 'personalNumber' | 'contact'>;
}

function summarise(decision: CaseDecision, programme: ProgrammeDefinition, subject: PolicyPerson) {
  const p = decidePersonAccess(decision, programme, SUBJECT, subject);
  const summary: Summary = {
    allowed: decision.allowed,
    reason: decision.reason,
    basis: decision.basis,
    relation: decision.relation,
    categories: sorted(decision.categories),
    consentIds: [...decision.consentIds],
    emergency: decision.emergency,
    protectedIdentityAccess: decision.protectedIdentityAccess,
    canWrite: decision.canWrite,
    canManage: decision.canManage,
    subject: { identity: p.identity, personalNumber: p.personalNumber, contact: p.contact },
  };
  return summary;
}

function denied(reason: AccessDenialReason, relation: CaseRelation): Summary {
  return {
    allowed: false,
    reason,
    basis: null,
    relation,
    categories: [],
    consentIds: [],
    emergency: false,
    protectedIdentityAccess: false,
    canWrite: false,
    canManage: false,
    subject: { identity: false, personalNumber: false, contact: false },
  };
}

/** The expected decision, from the rules in prose. */
function expected(
  programme: ProgrammeDefinition,
  role: Role,
  rel: RelationRow,
  cons: ConsentRow,
  level: ProtectedIdentityLevel,
): Summary {
  // R1 / D1
  if (!CASE_WORK_ROLES.includes(role))
    return denied(AccessDenialReason.RoleNotPermitted, rel.relation);

  let categories: Category[];
  let basis: AccessBasis;
  let consentIds: string[] = [];
  let canManage: boolean;
  if (rel.side === 'owner') {
    // R2: every category of the programme; write and manage.
    categories = [...programme.categories];
    basis = AccessBasis.Owner;
    canManage = true;
  } else if (rel.side === 'other-org-team') {
    // R3: what the subject's consent in force shares, within the programme's categories.
    categories = programme.categories.filter((c) => cons.shares.includes(c));
    if (!categories.length) return denied(AccessDenialReason.NoConsent, rel.relation);
    basis = AccessBasis.Consent;
    consentIds = [cons.consent?.id ?? 'missing'];
    canManage = false;
  } else {
    // D20: no relation, no access, whatever the person consented to.
    return denied(AccessDenialReason.NoRelation, rel.relation);
  }
  // R5: none of the actors in the table has a victim-side case role.
  if (programme.victimSideRoles.length) categories = without(categories, C.Safety);
  // R6: only the handler has explicit need in the table.
  const explicitNeed = rel.handler;
  const withheld = level !== ProtectedIdentityLevel.None && !explicitNeed;
  const identity = categories.includes(C.Identity);
  return {
    allowed: true,
    reason: null,
    basis,
    relation: rel.relation,
    categories: sorted(categories),
    consentIds,
    emergency: false,
    protectedIdentityAccess: explicitNeed,
    canWrite: true,
    canManage,
    subject: {
      identity,
      personalNumber: identity && !withheld,
      contact: categories.includes(C.Contact) && !withheld,
    },
  };
}

const describeLevel = (level: ProtectedIdentityLevel) =>
  level === ProtectedIdentityLevel.None ? 'D18: not protected' : `D18: ${level}`;

describe.each([TRYGGA_HEM, SIP])('D20 access table for $code', (programme) => {
  const rows = ROLES.flatMap((role) =>
    RELATIONS.flatMap((rel) =>
      CONSENTS.flatMap((cons) =>
        ALL_LEVELS.map((level) => {
          const want = expected(programme, role, rel, cons, level);
          const outcome = want.allowed
            ? `allowed (${want.basis}: ${want.categories.join(', ')}; personnummer ${
                want.subject.personalNumber ? 'shown' : 'withheld'
              }, contact ${want.subject.contact ? 'shown' : 'withheld'})`
            : `denied (${want.reason})`;
          return {
            title: `${role} | ${rel.label} | ${cons.label} | ${describeLevel(level)} → ${outcome}`,
            role,
            rel,
            cons,
            level,
            want,
          };
        }),
      ),
    ),
  );

  it('is exhaustive: 9 roles × 6 relations × 8 consent states × 4 protection levels', () => {
    expect(ROLES).toHaveLength(9);
    expect(rows).toHaveLength(9 * 6 * 8 * 4);
    expect(new Set(rows.map((r) => r.title)).size).toBe(rows.length);
  });

  it.each(rows)('$title', ({ role, rel, cons, level, want }) => {
    const decision = decideCaseAccess(
      rel.actor(role),
      kase({
        programme,
        handlerId: rel.handler ? ACTOR : SOMEONE_ELSE,
        memberships: rel.memberships(programme),
        consents: cons.consent ? [cons.consent] : [],
      }),
      clock,
    );
    expect(summarise(decision, programme, person(SUBJECT, programme.subjectRole, level))).toEqual(
      want,
    );
  });
});

describe('R1 / D1: who takes part in case work', () => {
  it('the case-work roles of the table are exactly the roles granted case:read', () => {
    expect(ROLES.filter((r) => hasPermissions([r], [Permission.CaseRead]))).toEqual(
      CASE_WORK_ROLES,
    );
  });

  it.each([Role.Coordinator, Role.Steering, Role.Auditor, Role.OrgAdmin, Role.SystemAdmin])(
    'D1: %s is refused even as handler with active emergency access',
    (role) => {
      const decision = decideCaseAccess(
        actor({ organisationId: OWNER_ORG, unitId: OWNER_UNIT, roles: [role] }),
        kase({ handlerId: ACTOR, emergencyUntil: minutesFromNow(60) }),
        clock,
      );
      expect(decision.allowed).toBe(false);
      expect(decision.reason).toBe(AccessDenialReason.RoleNotPermitted);
      expect(decision.emergency).toBe(false);
    },
  );

  it('a coordinator who is also a social worker takes part through the social-worker role', () => {
    const decision = decideCaseAccess(
      actor({
        organisationId: OWNER_ORG,
        unitId: OWNER_UNIT,
        roles: [Role.Coordinator, Role.SocialWorker],
      }),
      kase(),
      clock,
    );
    expect(decision.allowed).toBe(true);
    expect(decision.basis).toBe(AccessBasis.Owner);
  });
});

describe('R2: owner', () => {
  it('lists categories in the programme’s own order', () => {
    const decision = decideCaseAccess(
      actor({ organisationId: OWNER_ORG, unitId: OWNER_UNIT, roles: [Role.SocialWorker] }),
      kase({ programme: SIP }),
      clock,
    );
    expect(decision.categories).toEqual(SIP.categories);
  });

  it('a team member of the owning organisation needs no consent', () => {
    const decision = decideCaseAccess(
      actor({ organisationId: OWNER_ORG, unitId: OWNER_OTHER_UNIT, roles: [Role.SocialWorker] }),
      kase({ memberships: [member('offender_handler')], consents: [] }),
      clock,
    );
    expect(decision).toMatchObject({ allowed: true, basis: AccessBasis.Owner, canManage: true });
  });
  it('R2: owner means the owning organisation – a user of another one is no owner, even as handler', () => {
    const decision = decideCaseAccess(actor(), kase({ handlerId: ACTOR }), clock);
    expect(decision.allowed).toBe(false);
    expect(decision.basis).toBeNull();
    expect(decision.canManage).toBe(false);
  });
});

describe('R7 / D14 / D15: when a consent is in force', () => {
  it.each([
    ['R7: given today', true, consent({ givenOn: TODAY })],
    ['R7: last valid day is today', true, consent({ validUntil: TODAY })],
    ['R7: given tomorrow', false, consent({ givenOn: TOMORROW })],
    ['D14: expired yesterday', false, consent({ validUntil: YESTERDAY })],
    ['D15: withdrawn this very moment', false, consent({ withdrawnAt: NOW })],
    ['D15: withdrawn earlier today', false, consent({ withdrawnAt: minutesFromNow(-1) })],
    ['D15: withdrawn last year', false, consent({ withdrawnAt: new Date('2025-06-01T08:00:00Z') })],
    ['D14: superseded by a newer record', false, consent({ superseded: true })],
  ])('%s → in force: %s', (_label, inForce, c) => {
    expect(consentInForce(c, clock)).toBe(inForce);
  });

  it('D15: withdrawal takes the access away at once, not at the end of the day', () => {
    const c = consent({ withdrawnAt: minutesFromNow(-1) });
    const policeMember = kase({ memberships: [member('police_contact')], consents: [c] });
    expect(decideCaseAccess(actor(), policeMember, clock)).toMatchObject({
      allowed: false,
      reason: AccessDenialReason.NoConsent,
      categories: [],
    });
    // The same consent, a minute before it was withdrawn, still opened the case.
    const before = { now: minutesFromNow(-2), today: TODAY };
    expect(decideCaseAccess(actor(), policeMember, before).allowed).toBe(true);
  });

  it('D14: a change is a new record – only the newer record counts', () => {
    const old = consent({
      id: 'consent-old',
      categories: [C.Identity, C.Contact, C.Coordination],
      superseded: true,
    });
    const newer = consent({ id: 'consent-new', categories: [C.Coordination], givenOn: TODAY });
    const decision = decideCaseAccess(
      actor(),
      kase({ memberships: [member('police_contact')], consents: [old, newer] }),
      clock,
    );
    expect(decision.consentIds).toEqual(['consent-new']);
    expect(decision.categories).toEqual([C.Coordination]);
  });

  it('D14: a consent names its recipients – one given to Frivård does not open the case to the police', () => {
    const decision = decideCaseAccess(
      actor(),
      kase({
        memberships: [member('police_contact')],
        consents: [consent({ recipientOrganisationIds: [THIRD_ORG] })],
      }),
      clock,
    );
    expect(decision).toMatchObject({ allowed: false, reason: AccessDenialReason.NoConsent });
  });

  it('D14: a consent naming several recipients opens the case to each of them', () => {
    const c = consent({ recipientOrganisationIds: [THIRD_ORG, OTHER_ORG] });
    for (const organisationId of [OTHER_ORG, THIRD_ORG]) {
      const decision = decideCaseAccess(
        actor({ organisationId, unitId: null }),
        kase({ memberships: [member('police_contact')], consents: [c] }),
        clock,
      );
      expect(decision.allowed).toBe(true);
    }
  });

  it('D14: a consent counts what the person excluded out', () => {
    expect(
      effectiveConsentCategories({
        categories: [C.Identity, C.Contact, C.Health],
        excludedCategories: [C.Health, C.Risk],
      }),
    ).toEqual([C.Identity, C.Contact]);
  });

  it('D14: a consent that excludes everything it gives opens nothing', () => {
    const decision = decideCaseAccess(
      actor(),
      kase({
        memberships: [member('police_contact')],
        consents: [consent({ categories: [C.Contact], excludedCategories: [C.Contact] })],
      }),
      clock,
    );
    expect(decision).toMatchObject({ allowed: false, reason: AccessDenialReason.NoConsent });
  });

  it('R3: categories the programme does not hold are not shared (SIP has no criminal data)', () => {
    const decision = decideCaseAccess(
      actor({ organisationId: THIRD_ORG, roles: [Role.ProbationOfficer] }),
      kase({
        programme: SIP,
        memberships: [member('other_actor')],
        consents: [
          consent({
            recipientOrganisationIds: [THIRD_ORG],
            categories: [C.Criminal, C.Coordination],
          }),
        ],
      }),
      clock,
    );
    expect(decision.categories).toEqual([C.Coordination]);
  });
  it('R3: a consent covering only categories the programme does not hold opens nothing', () => {
    const decision = decideCaseAccess(
      actor({ organisationId: THIRD_ORG, roles: [Role.ProbationOfficer] }),
      kase({
        programme: SIP,
        memberships: [member('other_actor')],
        consents: [consent({ recipientOrganisationIds: [THIRD_ORG], categories: [C.Criminal] })],
      }),
      clock,
    );
    expect(decision).toMatchObject({ allowed: false, reason: AccessDenialReason.NoConsent });
  });
});

describe('D16: disclosure under a legal provision', () => {
  const policeMember = (overrides: Partial<PolicyCase>) =>
    decideCaseAccess(
      actor(),
      kase({ memberships: [member('police_contact')], ...overrides }),
      clock,
    );

  it('D16: OSL 10:18 c disclosure in force opens the disclosed categories, without consent', () => {
    const decision = policeMember({ disclosures: [disclosure()] });
    expect(decision).toMatchObject({
      allowed: true,
      basis: AccessBasis.LegalBasis,
      consentIds: [],
      disclosureIds: ['disclosure-1'],
      canWrite: true,
      canManage: false,
    });
    expect(sorted(decision.categories)).toEqual(sorted([C.Identity, C.Criminal, C.Risk]));
    expect(canWriteCategory(decision, C.Risk)).toBe(true);
    expect(canWriteCategory(decision, C.Contact)).toBe(false);
  });

  it('D16: a disclosure is in force through its last day', () => {
    expect(disclosureInForce(disclosure({ validUntil: TODAY }), clock)).toBe(true);
    expect(policeMember({ disclosures: [disclosure({ validUntil: TODAY })] }).allowed).toBe(true);
  });

  it('D16: an expired disclosure opens nothing', () => {
    expect(disclosureInForce(disclosure({ validUntil: YESTERDAY }), clock)).toBe(false);
    expect(policeMember({ disclosures: [disclosure({ validUntil: YESTERDAY })] })).toMatchObject({
      allowed: false,
      reason: AccessDenialReason.NoConsent,
    });
  });

  it('D16: a disclosure to another organisation does not open the case to this one', () => {
    expect(
      policeMember({ disclosures: [disclosure({ recipientOrganisationId: THIRD_ORG })] }),
    ).toMatchObject({ allowed: false, reason: AccessDenialReason.NoConsent });
  });

  it('D16: a disclosure does not reach someone without a relation to the case', () => {
    const decision = decideCaseAccess(actor(), kase({ disclosures: [disclosure()] }), clock);
    expect(decision).toMatchObject({ allowed: false, reason: AccessDenialReason.NoRelation });
  });

  it('D14 + D16: consent and disclosure together – consent is the basis, both are recorded', () => {
    const decision = policeMember({
      consents: [consent({ categories: [C.Coordination] })],
      disclosures: [disclosure({ categories: [C.Criminal] })],
    });
    expect(decision).toMatchObject({
      basis: AccessBasis.Consent,
      consentIds: ['consent-1'],
      disclosureIds: ['disclosure-1'],
    });
    expect(sorted(decision.categories)).toEqual(sorted([C.Coordination, C.Criminal]));
  });

  it('D16 + D15: a disclosure stands when the consent is withdrawn', () => {
    const decision = policeMember({
      consents: [consent({ withdrawnAt: minutesFromNow(-5) })],
      disclosures: [disclosure({ categories: [C.Risk] })],
    });
    expect(decision).toMatchObject({
      allowed: true,
      basis: AccessBasis.LegalBasis,
      categories: [C.Risk],
      consentIds: [],
    });
  });
});

describe('D17 / R4: emergency access', () => {
  const stranger = actor({ roles: [Role.PoliceOfficer] });

  it('D17: active, reasoned grant → read access to every category except safety, flagged', () => {
    const decision = decideCaseAccess(
      stranger,
      kase({ emergencyUntil: minutesFromNow(30) }),
      clock,
    );
    expect(decision).toMatchObject({
      allowed: true,
      basis: AccessBasis.Emergency,
      relation: CaseRelation.None,
      emergency: true,
      canWrite: false,
      canManage: false,
    });
    expect(sorted(decision.categories)).toEqual(sorted(without(TRYGGA_HEM.categories, C.Safety)));
    expect(canWriteCategory(decision, C.Coordination)).toBe(false);
  });

  it.each([
    ['ended a minute ago', minutesFromNow(-1)],
    ['ends this very moment', NOW],
  ])('D17: a grant that %s opens nothing', (_label, until) => {
    expect(decideCaseAccess(stranger, kase({ emergencyUntil: until }), clock)).toMatchObject({
      allowed: false,
      emergency: false,
      reason: AccessDenialReason.NoRelation,
    });
  });

  it('D17 + R5: even a victim-side team member does not get the safety category by emergency', () => {
    const decision = decideCaseAccess(
      stranger,
      kase({ memberships: [member('victim_support')], emergencyUntil: minutesFromNow(30) }),
      clock,
    );
    expect(decision.emergency).toBe(true);
    expect(decision.categories).not.toContain(C.Safety);
  });

  it('D17: works for a colleague in the owning organisation but another unit', () => {
    const decision = decideCaseAccess(
      actor({ organisationId: OWNER_ORG, unitId: OWNER_OTHER_UNIT, roles: [Role.SocialWorker] }),
      kase({ programme: SIP, emergencyUntil: minutesFromNow(30) }),
      clock,
    );
    expect(decision.basis).toBe(AccessBasis.Emergency);
    expect(decision.categories).toEqual(SIP.categories);
  });

  it('R2 before R4: an owner with an emergency grant keeps owner access and is not flagged', () => {
    const decision = decideCaseAccess(
      actor({ organisationId: OWNER_ORG, unitId: OWNER_UNIT, roles: [Role.SocialWorker] }),
      kase({ emergencyUntil: minutesFromNow(30) }),
      clock,
    );
    expect(decision).toMatchObject({ basis: AccessBasis.Owner, emergency: false, canManage: true });
  });

  it('D17 + D3 + D18: emergency access hides victims’ contact and protected personnummer', () => {
    const decision = decideCaseAccess(
      stranger,
      kase({ emergencyUntil: minutesFromNow(30) }),
      clock,
    );
    const victim = decidePersonAccess(
      decision,
      TRYGGA_HEM,
      SUBJECT,
      person(VICTIM, ParticipantRole.Victim),
    );
    expect(victim).toMatchObject({ identity: true, contact: false });
    const protectedSubject = decidePersonAccess(
      decision,
      TRYGGA_HEM,
      SUBJECT,
      person(SUBJECT, ParticipantRole.Offender, ProtectedIdentityLevel.SkyddadFolkbokforing),
    );
    expect(protectedSubject).toMatchObject({
      identity: true,
      personalNumber: false,
      contact: false,
    });
    const subject = decidePersonAccess(
      decision,
      TRYGGA_HEM,
      SUBJECT,
      person(SUBJECT, ParticipantRole.Offender),
    );
    expect(subject).toMatchObject({ identity: true, personalNumber: true, contact: true });
  });
});

describe('D3 / R5: the victim side in Trygga hem', () => {
  const everything = [C.Identity, C.Contact, C.Coordination, C.Safety];
  const consents = [
    consent({ id: 'c-subject', personId: SUBJECT, categories: everything }),
    consent({ id: 'c-victim', personId: VICTIM, categories: everything }),
    consent({ id: 'c-child', personId: CHILD, categories: everything }),
  ];
  const victim = person(VICTIM, ParticipantRole.Victim);
  const child = person(CHILD, ParticipantRole.Child);
  const subject = person(SUBJECT, ParticipantRole.Offender);

  const asMember = (caseRole: string, organisationId = OTHER_ORG) =>
    decideCaseAccess(
      actor({ organisationId, unitId: null }),
      kase({ memberships: [member(caseRole)], consents }),
      clock,
    );

  it('D3: a police team member with the victim’s consent covering contact never sees the victim’s contact', () => {
    const decision = asMember('police_contact');
    expect(decision.allowed).toBe(true);
    expect(decidePersonAccess(decision, TRYGGA_HEM, SUBJECT, victim)).toMatchObject({
      identity: true,
      contact: false,
    });
    expect(decidePersonAccess(decision, TRYGGA_HEM, SUBJECT, child).contact).toBe(false);
    // …while the offender's own contact data, consented to, is visible.
    expect(decidePersonAccess(decision, TRYGGA_HEM, SUBJECT, subject).contact).toBe(true);
  });

  it('D3: a victim_support team member of another organisation, with the same consent, does', () => {
    const decision = asMember('victim_support');
    expect(decision.victimSide).toBe(true);
    expect(decidePersonAccess(decision, TRYGGA_HEM, SUBJECT, victim)).toMatchObject({
      identity: true,
      contact: true,
    });
    expect(decidePersonAccess(decision, TRYGGA_HEM, SUBJECT, child).contact).toBe(true);
    expect(decision.categories).toContain(C.Safety);
    expect(decision.personCategories.get(VICTIM)).toContain(C.Safety);
  });

  it('R5: the safety category is hidden from non-victim-side users, even when consented to', () => {
    const decision = asMember('police_contact');
    expect(decision.categories).not.toContain(C.Safety);
    for (const id of [SUBJECT, VICTIM, CHILD])
      expect(decision.personCategories.get(id)).not.toContain(C.Safety);
    expect(canWriteCategory(decision, C.Safety)).toBe(false);
  });

  it('R3: a person’s fields follow that person’s own consent, not the subject’s', () => {
    const decision = decideCaseAccess(
      actor({ unitId: null }),
      kase({
        memberships: [member('victim_support')],
        consents: [consent({ id: 'c-subject', personId: SUBJECT, categories: everything })],
      }),
      clock,
    );
    expect(decidePersonAccess(decision, TRYGGA_HEM, SUBJECT, victim)).toMatchObject({
      identity: false,
      contact: false,
      personalNumber: false,
    });
  });

  const owner = (memberships: PolicyMembership[], handler = false) =>
    decideCaseAccess(
      actor({ organisationId: OWNER_ORG, unitId: OWNER_UNIT, roles: [Role.SocialWorker] }),
      kase({ memberships, handlerId: handler ? ACTOR : SOMEONE_ELSE }),
      clock,
    );

  it.each([
    ['the handler of the offender', [] as PolicyMembership[], true],
    ['an owning-unit colleague', [] as PolicyMembership[], false],
    ['an offender_handler team member', [member('offender_handler')], false],
  ])(
    'D3: %s (owner side, working with the offender) sees neither victim whereabouts nor safety',
    (_l, memberships, handler) => {
      const decision = owner(memberships, handler);
      expect(decision.basis).toBe(AccessBasis.Owner);
      expect(decision.categories).not.toContain(C.Safety);
      expect(decidePersonAccess(decision, TRYGGA_HEM, SUBJECT, victim).contact).toBe(false);
      expect(decidePersonAccess(decision, TRYGGA_HEM, SUBJECT, child).contact).toBe(false);
      expect(decidePersonAccess(decision, TRYGGA_HEM, SUBJECT, subject).contact).toBe(true);
    },
  );

  it('D3: an owner-side victim_support team member sees the victim’s contact and safety', () => {
    const decision = owner([member('victim_support')]);
    expect(decision.categories).toEqual(TRYGGA_HEM.categories);
    expect(decidePersonAccess(decision, TRYGGA_HEM, SUBJECT, victim).contact).toBe(true);
    expect(canWriteCategory(decision, C.Safety)).toBe(true);
  });

  it('D3 is Trygga hem configuration: SIP has no victim side, so a child’s contact is not held back', () => {
    const decision = decideCaseAccess(
      actor({ organisationId: OWNER_ORG, unitId: OWNER_UNIT, roles: [Role.SocialWorker] }),
      kase({ programme: SIP }),
      clock,
    );
    expect(decidePersonAccess(decision, SIP, SUBJECT, child).contact).toBe(true);
  });
});

describe('D18 / R6: protected identity', () => {
  const subjectConsent = consent({ categories: [C.Identity, C.Contact, C.Coordination] });

  const cases: {
    label: string;
    explicitNeed: boolean;
    decide: () => CaseDecision;
  }[] = [
    {
      label: 'the handler',
      explicitNeed: true,
      decide: () =>
        decideCaseAccess(
          actor({
            organisationId: OWNER_ORG,
            unitId: OWNER_OTHER_UNIT,
            roles: [Role.SocialWorker],
          }),
          kase({ handlerId: ACTOR }),
          clock,
        ),
    },
    {
      label: 'an owning-unit colleague',
      explicitNeed: false,
      decide: () =>
        decideCaseAccess(
          actor({ organisationId: OWNER_ORG, unitId: OWNER_UNIT, roles: [Role.SocialWorker] }),
          kase(),
          clock,
        ),
    },
    {
      label: 'an owner-org team member without explicit need',
      explicitNeed: false,
      decide: () =>
        decideCaseAccess(
          actor({
            organisationId: OWNER_ORG,
            unitId: OWNER_OTHER_UNIT,
            roles: [Role.SocialWorker],
          }),
          kase({ memberships: [member('offender_handler', false)] }),
          clock,
        ),
    },
    {
      label: 'an owner-org team member granted explicit need',
      explicitNeed: true,
      decide: () =>
        decideCaseAccess(
          actor({
            organisationId: OWNER_ORG,
            unitId: OWNER_OTHER_UNIT,
            roles: [Role.SocialWorker],
          }),
          kase({ memberships: [member('offender_handler', true)] }),
          clock,
        ),
    },
    {
      label: 'an other-org team member with consent, without explicit need',
      explicitNeed: false,
      decide: () =>
        decideCaseAccess(
          actor(),
          kase({ memberships: [member('police_contact', false)], consents: [subjectConsent] }),
          clock,
        ),
    },
    {
      label: 'an other-org team member with consent, granted explicit need',
      explicitNeed: true,
      decide: () =>
        decideCaseAccess(
          actor(),
          kase({ memberships: [member('police_contact', true)], consents: [subjectConsent] }),
          clock,
        ),
    },
  ];

  const rows = cases.flatMap((c) =>
    ALL_LEVELS.map((level) => ({
      ...c,
      level,
      shown: level === ProtectedIdentityLevel.None || c.explicitNeed,
    })),
  );

  it.each(rows)(
    'D18: $label, subject $level → personnummer and contact shown: $shown',
    ({ decide, level, shown, explicitNeed }) => {
      const decision = decide();
      expect(decision.allowed).toBe(true);
      expect(decision.protectedIdentityAccess).toBe(explicitNeed);
      const p = decidePersonAccess(
        decision,
        TRYGGA_HEM,
        SUBJECT,
        person(SUBJECT, ParticipantRole.Offender, level),
      );
      // The name stays (R6 withholds personnummer and contact, not who the person is).
      expect(p).toMatchObject({ identity: true, personalNumber: shown, contact: shown });
    },
  );

  it.each(PROTECTED_LEVELS)(
    'D18 + D3: a protected victim’s contact reaches victim support only with explicit need (%s)',
    (level) => {
      const victim = person(VICTIM, ParticipantRole.Victim, level);
      const decide = (explicitNeed: boolean) =>
        decideCaseAccess(
          actor({
            organisationId: OWNER_ORG,
            unitId: OWNER_OTHER_UNIT,
            roles: [Role.SocialWorker],
          }),
          kase({ memberships: [member('victim_support', explicitNeed)] }),
          clock,
        );
      expect(decidePersonAccess(decide(false), TRYGGA_HEM, SUBJECT, victim)).toMatchObject({
        contact: false,
        personalNumber: false,
      });
      expect(decidePersonAccess(decide(true), TRYGGA_HEM, SUBJECT, victim)).toMatchObject({
        contact: true,
        personalNumber: true,
      });
    },
  );

  it('D18: a refused caller learns nothing about a person', () => {
    const decision = decideCaseAccess(actor(), kase(), clock);
    expect(
      decidePersonAccess(
        decision,
        TRYGGA_HEM,
        SUBJECT,
        person(SUBJECT, ParticipantRole.Offender, ProtectedIdentityLevel.Sekretessmarkering),
      ),
    ).toEqual({ identity: false, contact: false, personalNumber: false, protectedLevel: false });
  });
});

describe('closed cases', () => {
  const closed = (a: PolicyActor, overrides: Partial<PolicyCase> = {}) =>
    decideCaseAccess(a, kase({ closed: true, ...overrides }), clock);

  it.each([
    [
      'handler',
      actor({ organisationId: OWNER_ORG, unitId: null, roles: [Role.SocialWorker] }),
      { handlerId: ACTOR },
    ],
    [
      'owning unit',
      actor({ organisationId: OWNER_ORG, unitId: OWNER_UNIT, roles: [Role.SocialWorker] }),
      {},
    ],
  ] as const)(
    'R2: the %s of a closed case still reads and manages it, but cannot write',
    (_l, a, o) => {
      const decision = closed(a, o);
      expect(decision).toMatchObject({ allowed: true, canWrite: false, canManage: true });
      expect(decision.categories.length).toBeGreaterThan(0);
      for (const c of decision.categories) expect(canWriteCategory(decision, c)).toBe(false);
    },
  );

  it('R3: another organisation’s team member still reads a closed case under consent, without writing', () => {
    const decision = closed(actor(), {
      memberships: [member('police_contact')],
      consents: [consent()],
    });
    expect(decision).toMatchObject({ allowed: true, canWrite: false, canManage: false });
  });
});

describe('canWriteCategory', () => {
  it('R2: an owner writes in every category they see, and not in safety unless victim-side', () => {
    const decision = decideCaseAccess(
      actor({ organisationId: OWNER_ORG, unitId: OWNER_UNIT, roles: [Role.SocialWorker] }),
      kase(),
      clock,
    );
    for (const c of without(TRYGGA_HEM.categories, C.Safety))
      expect(canWriteCategory(decision, c)).toBe(true);
    expect(canWriteCategory(decision, C.Safety)).toBe(false);
  });

  it('R3: another organisation writes only in the categories the consent shares', () => {
    const decision = decideCaseAccess(
      actor(),
      kase({
        memberships: [member('police_contact')],
        consents: [consent({ categories: [C.Coordination, C.Risk] })],
      }),
      clock,
    );
    expect(canWriteCategory(decision, C.Coordination)).toBe(true);
    expect(canWriteCategory(decision, C.Risk)).toBe(true);
    expect(canWriteCategory(decision, C.Criminal)).toBe(false);
    expect(canWriteCategory(decision, C.Contact)).toBe(false);
  });

  it('D20: a refused caller writes nowhere', () => {
    const decision = decideCaseAccess(actor(), kase(), clock);
    for (const c of TRYGGA_HEM.categories) expect(canWriteCategory(decision, c)).toBe(false);
  });
});
