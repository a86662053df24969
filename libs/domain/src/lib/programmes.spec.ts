import {
  AccessBasis,
  AccessDenialReason,
  InformationCategory,
  OrganisationType,
  ParticipantRole,
  ProtectedIdentityLevel,
  Role,
} from '@samsyn/common';
import {
  canWriteCategory,
  decideCaseAccess,
  decidePersonAccess,
  type PolicyCase,
  type PolicyClock,
  type PolicyConsent,
} from './access-policy';
import {
  allowedTransitions,
  canTransition,
  DEFAULT_PROGRAMMES,
  formatCaseNumber,
  isClosedStatus,
  isVictimSideTeamRole,
  type ProgrammeDefinition,
  programmeErrors,
  ProgrammeRegistry,
  SIP,
  TRYGGA_HEM,
} from './programmes';

const C = InformationCategory;

/** Statuses reachable from `from` by following transitions. */
function reachable(def: ProgrammeDefinition, from: string): Set<string> {
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length) {
    const s = queue.shift() as string;
    for (const next of def.transitions[s] ?? [])
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
  }
  return seen;
}

describe('the default programmes', () => {
  it('are both registered by default, under their codes', () => {
    const registry = new ProgrammeRegistry();
    expect(registry.all().map((p) => p.code)).toEqual(['TRYGGA_HEM', 'SIP']);
    expect(registry.get('TRYGGA_HEM')).toBe(TRYGGA_HEM);
    expect(registry.get('SIP')).toBe(SIP);
    expect(registry.get('sip')).toBeUndefined();
    expect(registry.get('SIG')).toBeUndefined();
  });

  describe.each(DEFAULT_PROGRAMMES.map((p) => [p.code, p] as const))('%s', (_code, def) => {
    it('has no definition errors', () => {
      expect(programmeErrors(def)).toEqual([]);
    });

    it('D9: every status is reachable from the initial status', () => {
      expect([...reachable(def, def.initialStatus)].sort()).toEqual([...def.statuses].sort());
    });

    it('D9: the case can be closed from every status that is not closed (the person may stop at any time)', () => {
      for (const s of def.statuses.filter((x) => !isClosedStatus(def, x)))
        expect(def.closedStatuses.some((closed) => canTransition(def, s, closed))).toBe(true);
    });

    it('has no duplicate statuses, team roles or categories', () => {
      expect(new Set(def.statuses).size).toBe(def.statuses.length);
      expect(new Set(def.teamRoles.map((r) => r.code)).size).toBe(def.teamRoles.length);
      expect(new Set(def.categories).size).toBe(def.categories.length);
    });

    it('D3 / R5: holds safety data and victim-side team roles exactly when it has a victim side', () => {
      const hasVictimSide = def.victimSideRoles.length > 0;
      expect(def.categories.includes(C.Safety)).toBe(hasVictimSide);
      expect(def.teamRoles.some((r) => r.victimSide)).toBe(hasVictimSide);
      expect(def.victimSideRoles).not.toContain(def.subjectRole);
    });
  });

  it('D3: Trygga hem centres on the offender, with victims and children on the victim side', () => {
    expect(TRYGGA_HEM.subjectRole).toBe(ParticipantRole.Offender);
    expect([...TRYGGA_HEM.victimSideRoles].sort()).toEqual(
      [ParticipantRole.Child, ParticipantRole.Victim].sort(),
    );
    expect(isVictimSideTeamRole(TRYGGA_HEM, 'victim_support')).toBe(true);
    expect(isVictimSideTeamRole(TRYGGA_HEM, 'police_contact')).toBe(false);
    expect(isVictimSideTeamRole(TRYGGA_HEM, 'no_such_role')).toBe(false);
    expect(isVictimSideTeamRole(SIP, 'victim_support')).toBe(false);
  });

  it('D7: SIP is owned by either huvudman, region or municipality', () => {
    expect([...SIP.owningOrganisationTypes].sort()).toEqual(
      [OrganisationType.Municipality, OrganisationType.Region].sort(),
    );
    expect(SIP.subjectRole).toBe(ParticipantRole.Individual);
  });

  it('D10: deadlines are configuration (SIP: kallelse within 3 days)', () => {
    expect(SIP.defaultDeadlines.summonsDays).toBe(3);
    for (const def of DEFAULT_PROGRAMMES)
      expect(def.defaultDeadlines.followUpDays).toBeGreaterThan(0);
  });
});

describe('programmeErrors', () => {
  /** A fresh, consistent definition to break one thing at a time. */
  const base = (): ProgrammeDefinition => structuredClone(SIP);

  it('the base used below is consistent', () => {
    expect(programmeErrors(base())).toEqual([]);
  });

  it.each<[string, (d: ProgrammeDefinition) => void, RegExp]>([
    ['a lower-case code', (d) => (d.code = 'sip'), /code "sip" is not UPPER_SNAKE/],
    ['a one-letter code', (d) => (d.code = 'S'), /code "S" is not UPPER_SNAKE/],
    ['a code with a dash', (d) => (d.code = 'SIP-2'), /code "SIP-2" is not UPPER_SNAKE/],
    ['a lower-case prefix', (d) => (d.numberPrefix = 'sip'), /numberPrefix "sip"/],
    ['a prefix with a dash', (d) => (d.numberPrefix = 'SI-P'), /numberPrefix "SI-P"/],
    [
      'an 11-character prefix',
      (d) => (d.numberPrefix = 'ABCDEFGHIJK'),
      /numberPrefix "ABCDEFGHIJK"/,
    ],
    [
      'an unknown initial status',
      (d) => (d.initialStatus = 'opened'),
      /initialStatus "opened" is not a status/,
    ],
    ['no closed status', (d) => (d.closedStatuses = []), /closedStatuses is empty/],
    [
      'an unknown closed status',
      (d) => (d.closedStatuses = ['archived']),
      /closed status "archived" is not a status/,
    ],
    [
      'a transition from an unknown status',
      (d) => (d.transitions.ghost = ['closed']),
      /transition from unknown status "ghost"/,
    ],
    [
      'a transition to an unknown status',
      (d) => d.transitions.planned.push('ghost'),
      /transition to unknown status "ghost"/,
    ],
    [
      'a subject role that is not a participant role',
      (d) => (d.subjectRole = ParticipantRole.Offender),
      /subjectRole "offender" is not a participant role/,
    ],
    [
      'a victim-side role that is not a participant role',
      (d) => (d.victimSideRoles = [ParticipantRole.Victim]),
      /victim-side role "victim" is not a participant role/,
    ],
    [
      'an unknown default team role',
      (d) => (d.defaultTeamRole = 'nobody'),
      /defaultTeamRole "nobody" is not a team role/,
    ],
    ['no categories', (d) => (d.categories = []), /categories is empty/],
    [
      'no owning organisation types',
      (d) => (d.owningOrganisationTypes = []),
      /owningOrganisationTypes is empty/,
    ],
    [
      'a zero follow-up deadline',
      (d) => (d.defaultDeadlines.followUpDays = 0),
      /followUpDays must be positive/,
    ],
    [
      'a negative follow-up deadline',
      (d) => (d.defaultDeadlines.followUpDays = -14),
      /followUpDays must be positive/,
    ],
    [
      'a follow-up deadline that is not a number',
      (d) => (d.defaultDeadlines.followUpDays = NaN),
      /followUpDays must be positive/,
    ],
  ])('catches %s, and only that', (_label, breakIt, message) => {
    const def = base();
    breakIt(def);
    const errors = programmeErrors(def);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it('reports every mistake at once', () => {
    const def = base();
    def.code = 'bad';
    def.initialStatus = 'nowhere';
    def.categories = [];
    expect(programmeErrors(def)).toHaveLength(3);
  });
});

describe('ProgrammeRegistry', () => {
  it('refuses a programme code defined twice', () => {
    const twin = { ...SIP, numberPrefix: 'SIP2' };
    expect(() => new ProgrammeRegistry([SIP, twin])).toThrow('programme SIP is defined twice');
  });

  it('refuses a number prefix already taken', () => {
    const clash = { ...SIP, code: 'SIP_TWO' };
    expect(() => new ProgrammeRegistry([SIP, clash])).toThrow(
      'programme SIP_TWO: number prefix SIP is taken',
    );
  });

  it('refuses an inconsistent definition, saying what is wrong', () => {
    const broken = { ...SIP, code: 'BROKEN', numberPrefix: 'BRK', initialStatus: 'limbo' };
    expect(() => new ProgrammeRegistry([broken])).toThrow(
      'programme BROKEN: initialStatus "limbo" is not a status',
    );
  });

  it('may run a single programme', () => {
    expect(new ProgrammeRegistry([SIP]).all()).toEqual([SIP]);
  });
});

describe('transitions', () => {
  it.each([
    { def: TRYGGA_HEM, from: 'referred', to: 'assessment', allowed: true },
    { def: TRYGGA_HEM, from: 'referred', to: 'active', allowed: false },
    { def: TRYGGA_HEM, from: 'follow_up', to: 'active', allowed: true },
    { def: TRYGGA_HEM, from: 'closed', to: 'active', allowed: true },
    { def: TRYGGA_HEM, from: 'closed', to: 'referred', allowed: false },
    { def: TRYGGA_HEM, from: 'active', to: 'active', allowed: false },
    { def: SIP, from: 'summoned', to: 'preparation', allowed: true },
    { def: SIP, from: 'need_identified', to: 'planned', allowed: false },
    { def: SIP, from: 'closed', to: 'preparation', allowed: true },
    { def: SIP, from: 'ghost', to: 'closed', allowed: false },
  ])('$def.code: $from → $to allowed: $allowed', ({ def, from, to, allowed }) => {
    expect(canTransition(def, from, to)).toBe(allowed);
  });

  it('lists the next statuses, none for an unknown status', () => {
    expect(allowedTransitions(TRYGGA_HEM, 'assessment')).toEqual(['active', 'closed']);
    expect(allowedTransitions(SIP, 'nowhere')).toEqual([]);
  });

  it('knows the closed statuses', () => {
    expect(isClosedStatus(SIP, 'closed')).toBe(true);
    expect(isClosedStatus(SIP, 'planned')).toBe(false);
    expect(isClosedStatus(TRYGGA_HEM, 'follow_up')).toBe(false);
  });
});

describe('formatCaseNumber', () => {
  it.each([
    { def: SIP, year: 2026, sequence: 123, number: 'SIP-2026-000123' },
    { def: TRYGGA_HEM, year: 2026, sequence: 1, number: 'TH-2026-000001' },
    { def: TRYGGA_HEM, year: 2027, sequence: 999_999, number: 'TH-2027-999999' },
    { def: SIP, year: 2026, sequence: 0, number: 'SIP-2026-000000' },
  ])('$def.code, $year, sequence $sequence → $number', ({ def, year, sequence, number }) => {
    expect(formatCaseNumber(def, year, sequence)).toBe(number);
  });

  it('pads to six digits and never cuts a longer sequence', () => {
    expect(formatCaseNumber(SIP, 2026, 42)).toMatch(/^SIP-2026-\d{6}$/);
    expect(formatCaseNumber(SIP, 2026, 1_234_567)).toBe('SIP-2026-1234567');
  });
});

/*
 * D26: a new programme is configuration. SIG (sociala insatsgrupper, young people at risk) is
 * defined here, in the test only, and runs through the same registry, policy and helpers.
 */
describe('D26: a third programme as configuration (SIG)', () => {
  const SIG: ProgrammeDefinition = {
    code: 'SIG',
    numberPrefix: 'SIG',
    subjectRole: ParticipantRole.Individual,
    participantRoles: [
      ParticipantRole.Individual,
      ParticipantRole.Guardian,
      ParticipantRole.Relative,
    ],
    victimSideRoles: [],
    owningOrganisationTypes: [OrganisationType.Municipality, OrganisationType.Police],
    statuses: ['referred', 'mapped', 'active', 'closed'],
    initialStatus: 'referred',
    closedStatuses: ['closed'],
    transitions: {
      referred: ['mapped', 'closed'],
      mapped: ['active', 'closed'],
      active: ['closed'],
      closed: ['active'],
    },
    categories: [C.Identity, C.Contact, C.Coordination, C.Social],
    teamRoles: [
      { code: 'sig_coordinator', victimSide: false },
      { code: 'social_services_contact', victimSide: false },
      { code: 'police_contact', victimSide: false },
      { code: 'school_contact', victimSide: false },
    ],
    defaultTeamRole: 'sig_coordinator',
    defaultDeadlines: { followUpDays: 21, mappingDays: 14 },
  };

  const POLICE = 'org-polisen-orebro';
  const POLICE_UNIT = 'unit-kommunpolis';
  const MUNICIPALITY = 'org-orebro-kommun';
  const YOUTH = 'person-youth';
  const GUARDIAN = 'person-guardian';
  const clock: PolicyClock = { now: new Date('2026-09-01T08:00:00Z'), today: '2026-09-01' };

  const consent = (overrides: Partial<PolicyConsent> = {}): PolicyConsent => ({
    id: 'sig-consent',
    personId: YOUTH,
    recipientOrganisationIds: [MUNICIPALITY],
    categories: [C.Identity, C.Coordination, C.Health],
    excludedCategories: [],
    givenOn: '2026-08-15',
    validUntil: '2027-08-14',
    withdrawnAt: null,
    superseded: false,
    ...overrides,
  });
  const sigCase = (overrides: Partial<PolicyCase> = {}): PolicyCase => ({
    programme: SIG,
    owningOrganisationId: POLICE,
    owningUnitId: POLICE_UNIT,
    handlerId: 'user-kommunpolis',
    closed: false,
    subjectPersonId: YOUTH,
    memberships: [],
    consents: [consent()],
    disclosures: [],
    emergencyUntil: null,
    ...overrides,
  });
  const socialWorker = {
    userId: 'user-socialsekreterare',
    organisationId: MUNICIPALITY,
    unitId: 'unit-barn-unga',
    roles: [Role.SocialWorker],
  };

  it('is consistent and registers beside the defaults', () => {
    expect(programmeErrors(SIG)).toEqual([]);
    const registry = new ProgrammeRegistry([...DEFAULT_PROGRAMMES, SIG]);
    expect(registry.all().map((p) => p.code)).toEqual(['TRYGGA_HEM', 'SIP', 'SIG']);
    expect(registry.get('SIG')).toBe(SIG);
  });

  it('gets its own case numbers', () => {
    expect(formatCaseNumber(SIG, 2026, 7)).toBe('SIG-2026-000007');
  });

  it('moves through its own statuses with the same transition helpers', () => {
    expect(canTransition(SIG, 'referred', 'mapped')).toBe(true);
    expect(canTransition(SIG, 'mapped', 'active')).toBe(true);
    expect(canTransition(SIG, 'referred', 'active')).toBe(false);
    expect(canTransition(SIG, 'active', 'mapped')).toBe(false);
    expect(allowedTransitions(SIG, 'active')).toEqual(['closed']);
    expect(isClosedStatus(SIG, 'closed')).toBe(true);
    expect(isClosedStatus(SIG, 'mapped')).toBe(false);
  });

  it('R2: the owning police officer sees exactly SIG’s categories and manages the case', () => {
    const decision = decideCaseAccess(
      {
        userId: 'user-kommunpolis',
        organisationId: POLICE,
        unitId: POLICE_UNIT,
        roles: [Role.PoliceOfficer],
      },
      sigCase(),
      clock,
    );
    expect(decision).toMatchObject({
      allowed: true,
      basis: AccessBasis.Owner,
      categories: SIG.categories,
      canWrite: true,
      canManage: true,
    });
    // No victim side in SIG: a guardian's contact is not held back.
    const guardian = {
      id: GUARDIAN,
      role: ParticipantRole.Guardian,
      protectedLevel: ProtectedIdentityLevel.None,
    };
    expect(decidePersonAccess(decision, SIG, YOUTH, guardian).contact).toBe(true);
  });

  it('R3: a social worker on the team sees what the young person consented to, within SIG', () => {
    const decision = decideCaseAccess(
      socialWorker,
      sigCase({
        memberships: [{ caseRole: 'social_services_contact', protectedIdentityAccess: false }],
      }),
      clock,
    );
    expect(decision).toMatchObject({
      allowed: true,
      basis: AccessBasis.Consent,
      consentIds: ['sig-consent'],
      canManage: false,
    });
    // Health was consented to, but SIG does not hold health data.
    expect(decision.categories).toEqual([C.Identity, C.Coordination]);
    expect(canWriteCategory(decision, C.Coordination)).toBe(true);
    expect(canWriteCategory(decision, C.Social)).toBe(false);
    const youth = {
      id: YOUTH,
      role: ParticipantRole.Individual,
      protectedLevel: ProtectedIdentityLevel.None,
    };
    expect(decidePersonAccess(decision, SIG, YOUTH, youth)).toMatchObject({
      identity: true,
      personalNumber: true,
      contact: false,
    });
  });

  it('D15: once the consent is withdrawn, the social worker is refused', () => {
    const decision = decideCaseAccess(
      socialWorker,
      sigCase({
        memberships: [{ caseRole: 'social_services_contact', protectedIdentityAccess: false }],
        consents: [consent({ withdrawnAt: new Date('2026-09-01T07:30:00Z') })],
      }),
      clock,
    );
    expect(decision).toMatchObject({ allowed: false, reason: AccessDenialReason.NoConsent });
  });

  it('D20: without being on the team, consent alone does not open the case', () => {
    expect(decideCaseAccess(socialWorker, sigCase(), clock)).toMatchObject({
      allowed: false,
      reason: AccessDenialReason.NoRelation,
    });
  });
});
