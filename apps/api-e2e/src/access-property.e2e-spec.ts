import {
  AccessBasis,
  AccessDenialReason,
  type CaseDto,
  type CaseLookupDto,
  CaseRelation,
  type CaseSummaryDto,
  ConsentForm,
  type ConsentDto,
  type DisclosureDto,
  type CreateCaseDto,
  formatPersonalNumber,
  hasPermissions,
  InformationCategory,
  type JournalEntryDto,
  LegalProvision,
  type Page,
  ParticipantRole,
  PersonalNumberKind,
  Permission,
  type PersonDto,
  type ProblemDetails,
  ProtectedIdentityLevel,
  Role,
} from '@samsyn/common';
import {
  addDays,
  ageOn,
  type CaseDecision,
  decideCaseAccess,
  decidePersonAccess,
  DEFAULT_PROGRAMMES,
  type PersonDecision,
  type PolicyActor,
  type PolicyCase,
  type PolicyClock,
  type PolicyPerson,
  type ProgrammeDefinition,
  swedishDate,
} from '@samsyn/domain';
import fc from 'fast-check';
import type { Pool } from 'pg';
import { consentsByCase, disclosuresByCase } from './support/policy-facts';
import {
  createCase,
  createUsers,
  directory,
  e2ePool,
  expectStatus,
  mapLimit,
  type NewUser,
  PersonnummerGenerator,
  signInAll,
} from './support/fixtures';
import type { ApiClient } from './support/http';

/**
 * The access policy, end to end (D14–D20, rules R1–R7 of libs/domain access-policy.ts).
 *
 * fast-check generates cases — programme, owner, participants with and without protected
 * identity, team members (users and units of any organisation, victim-side roles or not),
 * consent histories (in force, withdrawn, superseded, expired, not yet valid), disclosures under
 * a provision (in force and expired), nödåtkomst (active and expired), handler changes, closing —
 * and builds each through the API (SQL only where time must have passed). Then every user of a
 * fixed pool asks for the case, and each answer is checked against the rules:
 *
 *  - `expectedAccess` below states R1–R7 independently of the library, so removing a rule from
 *    `decideCaseAccess` (or from its SQL twin `case-scope.ts`) makes this spec fail; the library's
 *    own decision on the same facts must agree with it too.
 *  - GET /cases/:id answers 200 exactly when the rules allow, with the right categories, basis,
 *    relation and rights, and every participant's withheld fields null and absent from the body;
 *    otherwise 403 with the reason and without any participant's data.
 *  - GET /cases?number= lists the case exactly when the detail answers 200: the SQL scope and the
 *    policy agree (and a final check compares every user's whole caseload with the rules).
 *  - GET /cases/lookup finds the case exactly then, and otherwise answers as it does for a number
 *    without a case (issue 18 §7); the journal holds only visible categories.
 *
 * Seed: FC_SEED (default below, printed); runs: FC_RUNS (each checks every pool user);
 * FC_NO_SHRINK=1 reports the first failing case as found (faster when trying out a change).
 */

const SEED = Number(process.env['FC_SEED'] ?? 20_261_123);
const RUNS = Number(process.env['FC_RUNS'] ?? 80);
const MIN_ATTEMPTS = 1000;
/** Requests in flight while checking one case (the API runs with a pool of 10). */
const CONCURRENCY = 6;

const C = InformationCategory;
const PROGRAMMES = new Map(DEFAULT_PROGRAMMES.map((p) => [p.code, p] as const));
const programmeOf = (code: string): ProgrammeDefinition => {
  const p = PROGRAMMES.get(code);
  if (!p) throw new Error(`unknown programme ${code}`);
  return p;
};

// ---------------------------------------------------------------------------------------------
// The fixed world: demo organisations and a pool of users across organisations, units and roles.
// ---------------------------------------------------------------------------------------------

const SOCIAL = 'Socialtjänsten, individ- och familjeomsorg';
const REGION = 'Region Örebro län';
const POLICE = 'Polisområde Örebro län';
const PROBATION = 'Kriminalvården Frivård Örebro';
const COUNTY = 'Länsstyrelsen Örebro län';

interface PoolUserSpec {
  username: string;
  organisation: string;
  unit: string | null;
  /** Set for users this spec inserts; demo users already exist. */
  roles?: Role[];
}

const POOL: PoolUserSpec[] = [
  { username: 'social.orebro', organisation: 'Örebro kommun', unit: SOCIAL },
  { username: 'samordnare.orebro', organisation: 'Örebro kommun', unit: SOCIAL },
  { username: 'granskare.orebro', organisation: 'Örebro kommun', unit: SOCIAL },
  { username: 'admin.orebro', organisation: 'Örebro kommun', unit: SOCIAL },
  { username: 'social.karlskoga', organisation: 'Karlskoga kommun', unit: SOCIAL },
  {
    username: 'vard.psykiatri',
    organisation: REGION,
    unit: 'Psykiatriska kliniken, Universitetssjukhuset Örebro',
  },
  { username: 'polis.orebro', organisation: POLICE, unit: 'Lokalpolisområde Örebro' },
  { username: 'frivard.orebro', organisation: PROBATION, unit: 'Frivården Örebro' },
  { username: 'styrgrupp.lan', organisation: COUNTY, unit: 'Enheten för social hållbarhet' },
  {
    username: 'pbt.orebro.b',
    organisation: 'Örebro kommun',
    unit: SOCIAL,
    roles: [Role.SocialWorker],
  },
  {
    username: 'pbt.orebro.nounit',
    organisation: 'Örebro kommun',
    unit: null,
    roles: [Role.SocialWorker],
  },
  {
    username: 'pbt.orebro.multi',
    organisation: 'Örebro kommun',
    unit: SOCIAL,
    roles: [Role.Coordinator, Role.SocialWorker],
  },
  {
    username: 'pbt.karlskoga.b',
    organisation: 'Karlskoga kommun',
    unit: SOCIAL,
    roles: [Role.SocialWorker],
  },
  { username: 'pbt.kumla', organisation: 'Kumla kommun', unit: SOCIAL, roles: [Role.SocialWorker] },
  {
    username: 'pbt.region.beroende',
    organisation: REGION,
    unit: 'Beroendecentrum Örebro',
    roles: [Role.HealthcareStaff],
  },
  {
    username: 'pbt.region.tullhus',
    organisation: REGION,
    unit: 'Vårdcentralen Tullhus',
    roles: [Role.HealthcareStaff],
  },
  {
    username: 'pbt.region.psyk',
    organisation: REGION,
    unit: 'Psykiatriska kliniken, Universitetssjukhuset Örebro',
    roles: [Role.HealthcareStaff],
  },
  {
    username: 'pbt.polis.sydnarke',
    organisation: POLICE,
    unit: 'Lokalpolisområde Sydnärke',
    roles: [Role.PoliceOfficer],
  },
  { username: 'pbt.polis.nounit', organisation: POLICE, unit: null, roles: [Role.PoliceOfficer] },
  {
    username: 'pbt.frivard.b',
    organisation: PROBATION,
    unit: 'Frivården Örebro',
    roles: [Role.ProbationOfficer],
  },
  {
    username: 'pbt.lan.social',
    organisation: COUNTY,
    unit: 'Enheten för social hållbarhet',
    roles: [Role.SocialWorker],
  },
];

/** Organisations consents and disclosures name: every pool organisation and one bystander. */
const RECIPIENTS = [
  REGION,
  POLICE,
  PROBATION,
  'Karlskoga kommun',
  'Örebro kommun',
  'Kumla kommun',
  COUNTY,
  'Askersunds kommun',
];

interface PoolUser {
  username: string;
  id: string;
  organisationId: string;
  organisationName: string;
  organisationType: string;
  unitId: string | null;
  unitName: string | null;
  roles: Role[];
  client: ApiClient;
}

interface World {
  db: Pool;
  users: PoolUser[];
  units: { id: string; name: string; organisationId: string; organisationName: string }[];
  recipients: { id: string; name: string }[];
  personnummer: PersonnummerGenerator;
  runTag: string;
  counter: number;
}

async function buildWorld(db: Pool): Promise<World> {
  const dir = await directory(db);
  const toInsert: NewUser[] = POOL.filter((u) => u.roles).map((u) => ({
    username: u.username,
    displayName: `PBT ${u.username}`,
    roles: u.roles ?? [],
    organisationId: dir.organisation(u.organisation).id,
    unitId: u.unit ? dir.unit(u.organisation, u.unit).id : null,
  }));
  await createUsers(db, toInsert);
  const clients = await signInAll(POOL.map((u) => u.username));
  const { rows } = await db.query<{
    username: string;
    id: string;
    organisation_id: string;
    unit_id: string | null;
    roles: string;
  }>(
    `SELECT username, id, organisation_id, unit_id, roles::text AS roles FROM users
     WHERE username = ANY ($1)`,
    [POOL.map((u) => u.username)],
  );
  const users = POOL.map((spec): PoolUser => {
    const row = rows.find((r) => r.username === spec.username);
    if (!row) throw new Error(`pool user ${spec.username} is missing`);
    const org = dir.organisations.find((o) => o.id === row.organisation_id)!;
    return {
      username: spec.username,
      id: row.id,
      organisationId: org.id,
      organisationName: org.name,
      organisationType: org.type,
      unitId: row.unit_id,
      unitName: dir.units.find((u) => u.id === row.unit_id)?.name ?? null,
      roles: row.roles.replace(/[{}]/g, '').split(',').filter(Boolean) as Role[],
      client: clients.get(spec.username)!,
    };
  });
  const poolOrgs = new Set(users.map((u) => u.organisationId));
  const units = dir.units
    .filter((u) => poolOrgs.has(u.organisationId))
    .map((u) => ({
      ...u,
      organisationName: dir.organisations.find((o) => o.id === u.organisationId)!.name,
    }));
  return {
    db,
    users,
    units,
    recipients: RECIPIENTS.map((name) => dir.organisation(name)),
    personnummer: new PersonnummerGenerator(7),
    runTag: Date.now().toString(36).slice(-4),
    counter: 0,
  };
}

const canRead = (u: { roles: readonly Role[] }) => hasPermissions(u.roles, [Permission.CaseRead]);
const canOpen = (u: PoolUser, p: ProgrammeDefinition) =>
  u.unitId !== null &&
  hasPermissions(u.roles, [Permission.CaseCreate]) &&
  (p.owningOrganisationTypes as string[]).includes(u.organisationType);

// ---------------------------------------------------------------------------------------------
// Scenarios: what fast-check generates. Indices are mapped onto the world modulo its lists, so
// every value is valid and shrinking moves towards the first user, organisation and category.
// ---------------------------------------------------------------------------------------------

type ConsentState = 'active' | 'withdrawn' | 'superseded' | 'expired' | 'pending';

interface ConsentContent {
  /** Also name the organisations of the case team (where sharing matters). */
  toTeam: boolean;
  recipients: number[];
  categories: number[];
  excluded: number[];
}

interface ConsentSpec extends ConsentContent {
  /** 0 is the subject; others index the other participants. */
  person: number;
  state: ConsentState;
  /** Given in the open-case request (active consents only). */
  atOpening: boolean;
  daysBack: number;
  validDays: number;
  /** What replaces a superseded consent (the replacement stays in force). */
  replacement: ConsentContent;
}

interface Scenario {
  programme: 'SIP' | 'TRYGGA_HEM';
  owner: number;
  ownerTeamRole: number;
  subjectProtection: ProtectedIdentityLevel;
  others: { role: number; protection: ProtectedIdentityLevel }[];
  team: {
    /** A user who does case work, any user of the pool, or a unit. */
    member: { worker: number } | { user: number } | { unit: number };
    role: number;
    protectedIdentityAccess: boolean;
    removed: boolean;
  }[];
  removeOwnerMembership: boolean;
  consents: ConsentSpec[];
  disclosures: {
    person: number;
    /** To a team member's organisation, or to any of RECIPIENTS. */
    toTeam: boolean;
    recipient: number;
    categories: number[];
    expired: boolean;
    days: number;
  }[];
  emergencies: { user: number; expired: boolean }[];
  newHandler: number | null;
  closed: boolean;
}

function scenarioArbitrary(world: World): fc.Arbitrary<Scenario> {
  const users = world.users.length;
  const protection = fc.oneof(
    { weight: 3, arbitrary: fc.constant(ProtectedIdentityLevel.None) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        ProtectedIdentityLevel.Sekretessmarkering,
        ProtectedIdentityLevel.SkyddadFolkbokforing,
        ProtectedIdentityLevel.FingeradePersonuppgifter,
      ),
    },
  );
  const rarely = fc.oneof(
    { weight: 4, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) },
  );
  const indices = (max: number, minLength: number, maxLength: number) =>
    fc.uniqueArray(fc.nat({ max }), { minLength, maxLength });
  const content = fc.record({
    toTeam: fc.boolean(),
    recipients: indices(world.recipients.length - 1, 1, 4),
    categories: indices(7, 1, 6),
    excluded: indices(7, 0, 2),
  });
  const consent: fc.Arbitrary<ConsentSpec> = fc.record({
    person: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, fc.nat({ max: 2 })),
    toTeam: content.map((c) => c.toTeam),
    recipients: content.map((c) => c.recipients),
    categories: content.map((c) => c.categories),
    excluded: content.map((c) => c.excluded),
    state: fc.constantFrom<ConsentState>('active', 'withdrawn', 'superseded', 'expired', 'pending'),
    atOpening: fc.boolean(),
    daysBack: fc.nat({ max: 600 }),
    validDays: fc.nat({ max: 400 }),
    replacement: content,
  });
  return fc.record({
    programme: fc.constantFrom<'SIP' | 'TRYGGA_HEM'>('TRYGGA_HEM', 'SIP'),
    owner: fc.nat({ max: 9 }),
    ownerTeamRole: fc.nat({ max: 5 }),
    subjectProtection: protection,
    others: fc.array(fc.record({ role: fc.nat({ max: 3 }), protection }), { maxLength: 2 }),
    team: fc.array(
      fc.record({
        member: fc.oneof(
          { weight: 3, arbitrary: fc.record({ worker: fc.nat({ max: users - 1 }) }) },
          { weight: 1, arbitrary: fc.record({ user: fc.nat({ max: users - 1 }) }) },
          { weight: 1, arbitrary: fc.record({ unit: fc.nat({ max: world.units.length - 1 }) }) },
        ),
        role: fc.nat({ max: 5 }),
        protectedIdentityAccess: fc.boolean(),
        removed: rarely,
      }),
      { maxLength: 6 },
    ),
    removeOwnerMembership: rarely,
    consents: fc.array(consent, { maxLength: 4 }),
    disclosures: fc.array(
      fc.record({
        person: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.nat({ max: 2 })),
        toTeam: fc.boolean(),
        recipient: fc.nat({ max: world.recipients.length - 1 }),
        categories: indices(7, 1, 3),
        expired: fc.boolean(),
        days: fc.nat({ max: 90 }),
      }),
      { maxLength: 3 },
    ),
    emergencies: fc.array(fc.record({ user: fc.nat({ max: users - 1 }), expired: fc.boolean() }), {
      maxLength: 2,
    }),
    newHandler: fc.option(fc.nat({ max: 9 }), { freq: 4 }),
    closed: rarely,
  });
}

/** Cases worth checking on every run, before the generated ones (by name, not by chance). */
const at = (username: string) => POOL.findIndex((u) => u.username === username);
const TH_CATEGORY = (c: InformationCategory) => programmeOf('TRYGGA_HEM').categories.indexOf(c);
const NOTHING_ELSE: Omit<Scenario, 'team' | 'consents'> = {
  programme: 'TRYGGA_HEM',
  owner: 0,
  ownerTeamRole: 0,
  subjectProtection: ProtectedIdentityLevel.None,
  others: [],
  removeOwnerMembership: false,
  disclosures: [],
  emergencies: [],
  newHandler: null,
  closed: false,
};
const consentTo = (
  recipient: string,
  categories: InformationCategory[],
  person = 0,
): ConsentSpec => ({
  person,
  toTeam: false,
  recipients: [RECIPIENTS.indexOf(recipient)],
  categories: categories.map(TH_CATEGORY),
  excluded: [],
  state: 'active',
  atOpening: false,
  daysBack: 0,
  validDays: 30,
  replacement: { toTeam: false, recipients: [0], categories: [0], excluded: [] },
});
const EXAMPLES: Scenario[] = [
  // The offender consents to share only the victim's safety data with the police; the police
  // officer on the team is not on the victim side (R3 with R5).
  {
    ...NOTHING_ELSE,
    team: [
      {
        member: { user: at('polis.orebro') },
        role: 2,
        protectedIdentityAccess: false,
        removed: false,
      },
    ],
    consents: [consentTo(POLICE, [C.Safety])],
  },
  // The same for a victim-side police contact, with a protected victim who consents to share
  // identity and contact with the police (R5, R6 and per-person consent).
  {
    ...NOTHING_ELSE,
    others: [{ role: 0, protection: ProtectedIdentityLevel.SkyddadFolkbokforing }],
    team: [
      {
        member: { user: at('polis.orebro') },
        role: 1,
        protectedIdentityAccess: true,
        removed: false,
      },
    ],
    consents: [
      consentTo(POLICE, [C.Safety, C.Identity, C.Criminal]),
      consentTo(POLICE, [C.Identity, C.Contact], 1),
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Building a scenario: through the API as the owner, SQL only for records of the past or future.
// ---------------------------------------------------------------------------------------------

interface Built {
  id: string;
  number: string;
  programme: ProgrammeDefinition;
  owner: PoolUser;
  /** The scenario as built, in words, for failure messages. */
  story: string[];
}

const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const MUNICIPALITY_CODES = ['1880', '1883', '1881', '1882'];
const EMERGENCY_REASON = 'Akut risk för våld mot närstående; behöver planen nu.';

function newPerson(world: World, role: ParticipantRole, protection: ProtectedIdentityLevel) {
  const n = ++world.counter;
  // Fixed width, so that no person's token is a prefix of another's.
  const tag = `${world.runTag}${n.toString(36).padStart(4, '0')}`;
  const year = Number(swedishDate(new Date()).slice(0, 4));
  const birthDate =
    role === ParticipantRole.Child
      ? `${year - 6 - (n % 8)}-${pad((n % 12) + 1)}-${pad((n % 28) + 1)}`
      : `${1955 + (n % 45)}-${pad((n % 12) + 1)}-${pad((n % 28) + 1)}`;
  const input = {
    personalNumberKind: PersonalNumberKind.Personnummer,
    personalNumber: world.personnummer.forBirthDate(birthDate),
    firstName: `Fz${tag}`,
    lastName: `Lz${tag}`,
    language: 'sv',
    address: `Pbtgatan ${tag}`,
    postalCode: '70210',
    city: 'Örebro',
    phone: `070-${pad(n, 7)}`,
    email: `p${tag}@exempel.se`,
    protectedLevel: protection,
  };
  return { input, birthDate };
}

type Org = { id: string; name: string };

function consentContent(
  world: World,
  programme: ProgrammeDefinition,
  c: ConsentContent,
  teamOrgs: readonly Org[],
) {
  const cat = (i: number) => programme.categories[i % programme.categories.length];
  const categories = uniq(c.categories.map(cat));
  let excluded = uniq(c.excluded.map(cat));
  // A consent must share something (the API refuses one that does not).
  if (categories.every((x) => excluded.includes(x)))
    excluded = excluded.filter((x) => x !== categories[0]);
  const recipients = [
    ...(c.toTeam ? teamOrgs : []),
    ...c.recipients.map((i) => world.recipients[i % world.recipients.length]),
  ].filter((org, i, all) => all.findIndex((o) => o.id === org.id) === i);
  return { categories, excluded, recipients };
}

function consentDates(c: ConsentSpec, today: string): { givenOn: string; validUntil: string } {
  switch (c.state) {
    case 'expired': {
      const validUntil = addDays(today, -1 - (c.validDays % 300));
      return { givenOn: addDays(validUntil, -(c.daysBack % 700)), validUntil };
    }
    case 'pending': {
      const givenOn = addDays(today, 1 + (c.daysBack % 60));
      return { givenOn, validUntil: addDays(givenOn, c.validDays) };
    }
    default:
      return { givenOn: addDays(today, -c.daysBack), validUntil: addDays(today, c.validDays) };
  }
}

async function build(world: World, s: Scenario): Promise<Built> {
  const programme = programmeOf(s.programme);
  const today = swedishDate(new Date());
  const owners = world.users.filter((u) => canOpen(u, programme));
  const owner = owners[s.owner % owners.length];
  const api = owner.client;
  const nonSubjectRoles = programme.participantRoles.filter((r) => r !== programme.subjectRole);
  const participants = [
    {
      role: programme.subjectRole,
      ...newPerson(world, programme.subjectRole, s.subjectProtection),
    },
    ...s.others.map((o) => {
      const role = nonSubjectRoles[o.role % nonSubjectRoles.length];
      return { role, ...newPerson(world, role, o.protection) };
    }),
  ];
  const participantIndex = (p: number) =>
    p === 0 || participants.length === 1 ? 0 : 1 + ((p - 1) % (participants.length - 1));
  // Vårdnadshavare consents with a minor (D14).
  const guardianFor = (index: number, givenOn: string) =>
    ageOn(participants[index].birthDate, givenOn) < 18
      ? { guardian: { name: 'Vårdnadshavare Pbt', givenOn } }
      : {};
  const story: string[] = [
    `${programme.code} opened by ${owner.username} (${owner.organisationName})`,
    `participants: ${participants.map((p, i) => `#${i} ${p.role}/${p.input.protectedLevel}`).join(', ')}`,
  ];

  // The team, resolved up front: consents may name its organisations.
  const workers = world.users.filter(canRead);
  type Resolved = { user: PoolUser | null; unit: World['units'][number] | null; key: string };
  const teamSpecs: (Scenario['team'][number] & Resolved)[] = [];
  for (const t of s.team) {
    const m = t.member;
    const user =
      'worker' in m
        ? workers[m.worker % workers.length]
        : 'user' in m
          ? world.users[m.user % world.users.length]
          : null;
    const unit = 'unit' in m ? world.units[m.unit % world.units.length] : null;
    const key = user ? `user:${user.id}` : `unit:${unit!.id}`;
    if (user?.id === owner.id || teamSpecs.some((x) => x.key === key)) continue;
    teamSpecs.push({ ...t, user, unit, key });
  }
  const teamOrgs: Org[] = uniq(
    teamSpecs.map((t) => (t.user ? t.user.organisationId : t.unit!.organisationId)),
  )
    .filter((id) => id !== owner.organisationId)
    .map((id) => {
      const u = world.users.find((x) => x.organisationId === id);
      const unit = world.units.find((x) => x.organisationId === id);
      return { id, name: u?.organisationName ?? unit?.organisationName ?? id };
    });

  const atOpening = s.consents.filter((c) => c.state === 'active' && c.atOpening);
  const teamRole = programme.teamRoles[s.ownerTeamRole % programme.teamRoles.length].code;
  story.push(`owner's team role: ${teamRole}`);
  const dto: CreateCaseDto = {
    programme: programme.code,
    // A municipality's case belongs to it; the region names the municipality.
    ...(owner.organisationType === 'region'
      ? { municipalityCode: MUNICIPALITY_CODES[s.owner % MUNICIPALITY_CODES.length] }
      : {}),
    description: 'Samordning enligt plan.',
    teamRole,
    participants: participants.map((p) => ({ role: p.role, person: p.input })),
    consents: atOpening.map((c) => {
      const { categories, excluded, recipients } = consentContent(world, programme, c, teamOrgs);
      const { givenOn, validUntil } = consentDates(c, today);
      const index = participantIndex(c.person);
      story.push(
        `consent at opening for #${index} to ${recipients.map((r) => r.name).join('+')}: ${categories.join(',')} minus ${excluded.join(',') || '-'}`,
      );
      return {
        participantIndex: index,
        recipientOrganisationIds: recipients.map((r) => r.id),
        categories,
        excludedCategories: excluded,
        form: ConsentForm.Written,
        givenOn,
        validUntil,
        ...guardianFor(index, givenOn),
      };
    }),
  };
  const created = await createCase(api, dto);
  // By personnummer: a person who already exists keeps their own details (the API never
  // overwrites them), so names are not a reliable key.
  const { rows: people } = await world.db.query<{ id: string; personal_number: string }>(
    `SELECT id, personal_number FROM persons WHERE personal_number = ANY ($1)`,
    [participants.map((p) => p.input.personalNumber.replace('-', ''))],
  );
  const personIds = participants.map((p) => {
    const found = people.find((x) => x.personal_number === p.input.personalNumber.replace('-', ''));
    if (!found) throw new Error(`participant ${p.input.personalNumber} missing after opening`);
    return found.id;
  });
  const path = `/api/v1/cases/${created.id}`;

  // The owner writes one journal entry in every category they may write.
  for (const category of created.access.categories) {
    const res = await api.post(`${path}/journal`, { category, text: `Anteckning i ${category}.` });
    expectStatus(res, 201, `journal entry in ${category}`);
  }

  // Team: users and units of any organisation.
  const added: { key: string; removed: boolean; label: string }[] = [];
  let view: CaseDto = created;
  for (const t of teamSpecs) {
    const { user, unit, key } = t;
    const caseRole = programme.teamRoles[t.role % programme.teamRoles.length].code;
    const res = await api.post<CaseDto>(`${path}/team`, {
      ...(user ? { userId: user.id } : { unitId: unit!.id }),
      caseRole,
      protectedIdentityAccess: t.protectedIdentityAccess,
    });
    expectStatus(res, 201, 'POST team');
    view = res.body;
    const label = `${user ? user.username : `unit ${unit!.organisationName}/${unit!.name}`} as ${caseRole}${t.protectedIdentityAccess ? ' (protected identity access)' : ''}`;
    added.push({ key, removed: t.removed, label });
    story.push(`team: ${label}`);
  }

  // Consent history of the participants.
  for (const c of s.consents) {
    if (c.state === 'active' && c.atOpening) continue;
    const index = participantIndex(c.person);
    const { categories, excluded, recipients } = consentContent(world, programme, c, teamOrgs);
    const { givenOn, validUntil } = consentDates(c, today);
    story.push(
      `consent (${c.state}) for #${index} to ${recipients.map((r) => r.name).join('+')}: ${categories.join(',')} minus ${excluded.join(',') || '-'}, ${givenOn}..${validUntil}`,
    );
    if (c.state === 'expired' || c.state === 'pending') {
      const guardian = guardianFor(index, givenOn).guardian;
      await world.db.query(
        `INSERT INTO consents (case_id, person_id, recipient_organisation_ids, categories,
           excluded_categories, form, given_on, valid_until, guardian_name, guardian_given_on,
           recorded_by_id, recorded_at)
         VALUES ($1, $2, $3::uuid[], $4::varchar[], $5::varchar[], 'written', $6, $7, $8, $9, $10,
                 now() - interval '1 minute')`,
        [
          created.id,
          personIds[index],
          recipients.map((r) => r.id),
          categories,
          excluded,
          givenOn,
          validUntil,
          guardian?.name ?? null,
          guardian?.givenOn ?? null,
          owner.id,
        ],
      );
      continue;
    }
    const body = {
      personId: personIds[index],
      recipientOrganisationIds: recipients.map((r) => r.id),
      categories,
      excludedCategories: excluded,
      form: ConsentForm.Oral,
      givenOn,
      validUntil,
      ...guardianFor(index, givenOn),
    };
    const res = await api.post<ConsentDto>(`${path}/consents`, body);
    expectStatus(res, 201, 'POST consent');
    if (c.state === 'withdrawn') {
      const w = await api.post(`/api/v1/consents/${res.body.id}/withdraw`, { reason: 'Ångrat' });
      expectStatus(w, 200, 'withdraw consent');
    } else if (c.state === 'superseded') {
      const next = consentContent(world, programme, c.replacement, teamOrgs);
      story.push(
        `  superseded by a consent to ${next.recipients.map((r) => r.name).join('+')}: ${next.categories.join(',')} minus ${next.excluded.join(',') || '-'}`,
      );
      const r = await api.post(`${path}/consents`, {
        ...body,
        recipientOrganisationIds: next.recipients.map((x) => x.id),
        categories: next.categories,
        excludedCategories: next.excluded,
        supersedesId: res.body.id,
      });
      expectStatus(r, 201, 'POST superseding consent');
    }
  }

  // Disclosures under a provision (D16).
  for (const d of s.disclosures) {
    const index = participantIndex(d.person);
    const recipient =
      d.toTeam && teamOrgs.length
        ? teamOrgs[d.recipient % teamOrgs.length]
        : world.recipients[d.recipient % world.recipients.length];
    if (recipient.id === owner.organisationId) continue; // the API refuses: own organisation
    const categories = uniq(
      d.categories.map((i) => programme.categories[i % programme.categories.length]),
    );
    const validUntil = d.expired ? addDays(today, -1 - (d.days % 60)) : addDays(today, d.days);
    story.push(
      `disclosure${d.expired ? ' (expired)' : ''} about #${index} to ${recipient.name}: ${categories.join(',')} until ${validUntil}`,
    );
    if (d.expired) {
      await world.db.query(
        `INSERT INTO disclosures (case_id, person_id, recipient_organisation_id, categories,
           provision, justification, disclosed_by_id, disclosed_at, valid_until)
         VALUES ($1, $2, $3, $4::varchar[], 'osl_10_2', 'Nödvändigt för verksamheten.', $5,
                 now() - interval '120 days', $6)`,
        [created.id, personIds[index], recipient.id, categories, owner.id, validUntil],
      );
    } else {
      const res = await api.post(`${path}/disclosures`, {
        personId: personIds[index],
        recipientOrganisationId: recipient.id,
        categories,
        provision: LegalProvision.Osl10Kap18c,
        justification: 'För att förebygga allvarligt våld mot närstående.',
        validUntil,
      });
      expectStatus(res, 201, 'POST disclosure');
    }
  }

  // Team changes: removals (perhaps the owner's own membership), then a new handler.
  const memberId = (key: string) =>
    view.team.find((m) => (m.user ? `user:${m.user.id}` : `unit:${m.unit?.id}`) === key)?.id;
  const removals = added.filter((a) => a.removed).map((a) => a.key);
  if (s.removeOwnerMembership) removals.push(`user:${owner.id}`);
  for (const key of removals) {
    const id = memberId(key);
    if (!id) throw new Error(`team member ${key} not found on ${created.number}`);
    const res = await api.request<CaseDto>('DELETE', `${path}/team/${id}`);
    expectStatus(res, 200, 'DELETE team member');
    view = res.body;
    story.push(
      `team: removed ${added.find((a) => a.key === key)?.label ?? `the owner ${owner.username}`}`,
    );
  }
  if (s.newHandler !== null) {
    const candidates = world.users.filter((u) => u.organisationId === owner.organisationId);
    const handler = candidates[s.newHandler % candidates.length];
    if (handler.id !== owner.id) {
      const current = await api.get<CaseDto>(path);
      expectStatus(current, 200, 'GET case before PATCH');
      const res = await api.request('PATCH', path, {
        version: current.body.version,
        handlerId: handler.id,
      });
      if (canRead(handler)) {
        expectStatus(res, 200, 'PATCH handler');
        story.push(`handler changed to ${handler.username}`);
      } else {
        // Only a case worker may handle a case; the refusal leaves the handler as it was.
        expectStatus(res, 400, 'PATCH handler without case work');
        story.push(`handler change to ${handler.username} refused`);
      }
    }
  }

  // Nödåtkomst: requested through the API (it refuses owners, roles without case work and a
  // second active grant), or an expired grant from an hour ago.
  for (const e of s.emergencies) {
    const user = world.users[e.user % world.users.length];
    if (e.expired) {
      await world.db.query(
        `INSERT INTO emergency_accesses (case_id, user_id, organisation_id, reason, granted_at, expires_at)
         VALUES ($1, $2, $3, $4, now() - interval '2 hours', now() - interval '1 hour')`,
        [created.id, user.id, user.organisationId, EMERGENCY_REASON],
      );
      story.push(`expired emergency access of ${user.username}`);
    } else {
      const res = await user.client.post(`${path}/emergency-access`, { reason: EMERGENCY_REASON });
      expectStatus(res, [201, 403, 409], 'POST emergency-access');
      story.push(`emergency access requested by ${user.username}: ${res.status}`);
    }
  }

  if (s.closed) {
    const current = await api.get<CaseDto>(path);
    expectStatus(current, 200, 'GET case before closing');
    const res = await api.post(`${path}/status`, {
      version: current.body.version,
      status: programme.closedStatuses[0],
    });
    expectStatus(res, 200, 'close case');
    story.push('closed');
  }
  return { id: created.id, number: created.number, programme, owner, story };
}

// ---------------------------------------------------------------------------------------------
// Facts, read back from the database by plain SQL (not through the API's services).
// ---------------------------------------------------------------------------------------------

interface ParticipantRow {
  case_id: string;
  person_id: string;
  role: ParticipantRole;
  protected_level: ProtectedIdentityLevel;
  first_name: string;
  last_name: string;
  personal_number: string;
  birth_date: string;
  address: string | null;
  postal_code: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
}

interface CaseFacts {
  id: string;
  number: string;
  programme: ProgrammeDefinition;
  owningOrganisationId: string;
  owningUnitId: string;
  handlerId: string | null;
  closed: boolean;
  subjectPersonId: string;
  team: { userId: string | null; unitId: string | null; caseRole: string; pia: boolean }[];
  consents: PolicyCase['consents'];
  disclosures: PolicyCase['disclosures'];
  emergencies: { userId: string; expiresAt: Date }[];
  participants: ParticipantRow[];
  journalCategories: Set<string>;
}

async function loadFacts(db: Pool, caseIds: readonly string[]): Promise<Map<string, CaseFacts>> {
  const q = async <T extends object>(text: string) =>
    (await db.query<T & { case_id: string }>(text, [caseIds])).rows;
  const [cases, team, consents, disclosures, emergencies, participants, journal] =
    await Promise.all([
      q<{
        id: string;
        number: string;
        programme: string;
        owning_organisation_id: string;
        owning_unit_id: string;
        handler_id: string | null;
        closed: boolean;
        subject_person_id: string;
      }>(
        `SELECT id, id AS case_id, number, programme, owning_organisation_id, owning_unit_id,
                handler_id, closed, subject_person_id
         FROM cases WHERE id = ANY ($1)`,
      ),
      q<{ user_id: string | null; unit_id: string | null; case_role: string; pia: boolean }>(
        `SELECT case_id, user_id, unit_id, case_role, protected_identity_access AS pia
         FROM case_team_members WHERE case_id = ANY ($1)`,
      ),
      consentsByCase(db, caseIds),
      disclosuresByCase(db, caseIds),
      q<{ user_id: string; expires_at: Date }>(
        `SELECT case_id, user_id, expires_at FROM emergency_accesses WHERE case_id = ANY ($1)`,
      ),
      q<Omit<ParticipantRow, 'case_id'>>(
        `SELECT cp.case_id, cp.person_id, cp.role, p.protected_level, p.first_name, p.last_name,
                p.personal_number, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.address,
                p.postal_code, p.city, p.phone, p.email
         FROM case_participants cp JOIN persons p ON p.id = cp.person_id
         WHERE cp.case_id = ANY ($1)`,
      ),
      q<{ category: string }>(
        `SELECT DISTINCT case_id, category FROM journal_entries WHERE case_id = ANY ($1)`,
      ),
    ]);
  const byCase = <T extends { case_id: string }>(rows: T[], id: string) =>
    rows.filter((r) => r.case_id === id);
  return new Map(
    cases.map((c) => [
      c.id,
      {
        id: c.id,
        number: c.number,
        programme: programmeOf(c.programme),
        owningOrganisationId: c.owning_organisation_id,
        owningUnitId: c.owning_unit_id,
        handlerId: c.handler_id,
        closed: c.closed,
        subjectPersonId: c.subject_person_id,
        team: byCase(team, c.id).map((m) => ({
          userId: m.user_id,
          unitId: m.unit_id,
          caseRole: m.case_role,
          pia: m.pia,
        })),
        consents: consents.get(c.id) ?? [],
        disclosures: disclosures.get(c.id) ?? [],
        emergencies: byCase(emergencies, c.id).map((e) => ({
          userId: e.user_id,
          expiresAt: e.expires_at,
        })),
        participants: byCase(participants, c.id),
        journalCategories: new Set(byCase(journal, c.id).map((j) => j.category)),
      },
    ]),
  );
}

const actorOf = (u: PoolUser): PolicyActor => ({
  userId: u.id,
  organisationId: u.organisationId,
  unitId: u.unitId,
  roles: u.roles,
});

/** The facts as the policy takes them, for one actor: only the memberships that match them. */
function policyCase(facts: CaseFacts, actor: PolicyActor): PolicyCase {
  const grants = facts.emergencies.filter((e) => e.userId === actor.userId);
  return {
    programme: facts.programme,
    owningOrganisationId: facts.owningOrganisationId,
    owningUnitId: facts.owningUnitId,
    handlerId: facts.handlerId,
    closed: facts.closed,
    subjectPersonId: facts.subjectPersonId,
    memberships: facts.team
      .filter(
        (m) => m.userId === actor.userId || (actor.unitId !== null && m.unitId === actor.unitId),
      )
      .map((m) => ({ caseRole: m.caseRole, protectedIdentityAccess: m.pia })),
    consents: facts.consents,
    disclosures: facts.disclosures,
    // The latest grant, expired or not: whether it is still running is the policy's to decide.
    emergencyUntil: grants.length
      ? new Date(Math.max(...grants.map((g) => g.expiresAt.getTime())))
      : null,
  };
}

// ---------------------------------------------------------------------------------------------
// The rules, stated on their own (R1–R7). Written from the policy's documentation, not from its
// code: if a rule disappears from the library or from the SQL scope, the two stop agreeing.
// ---------------------------------------------------------------------------------------------

interface Expected {
  allowed: boolean;
  reason: AccessDenialReason | null;
  basis: AccessBasis | null;
  relation: CaseRelation;
  categories: InformationCategory[];
  canWrite: boolean;
  canManage: boolean;
  emergency: boolean;
  victimSide: boolean;
  protectedIdentityAccess: boolean;
  /** Consent/legal-basis access: what each person's own consents and disclosures share. */
  perPerson: Map<string, InformationCategory[]>;
}

const sorted = <T extends string>(xs: Iterable<T>): T[] => [...new Set(xs)].sort();

function expectedAccess(actor: PolicyActor, kase: PolicyCase, clock: PolicyClock): Expected {
  const p = kase.programme;
  const handler = kase.handlerId === actor.userId;
  const onTeam = kase.memberships.length > 0;
  const owningOrg = actor.organisationId === kase.owningOrganisationId;
  const owningUnit = owningOrg && actor.unitId !== null && actor.unitId === kase.owningUnitId;
  const relation = handler
    ? CaseRelation.Handler
    : onTeam
      ? CaseRelation.Team
      : owningUnit
        ? CaseRelation.OwningUnit
        : CaseRelation.None;
  const victimSide = kase.memberships.some(
    (m) => p.teamRoles.find((r) => r.code === m.caseRole)?.victimSide === true,
  );
  const protectedIdentityAccess =
    handler || kase.memberships.some((m) => m.protectedIdentityAccess);
  // R5: in a programme with a victim side, the safety category is for victim-side roles only.
  const r5 = (cats: Iterable<InformationCategory>) =>
    sorted(
      [...cats].filter(
        (c) =>
          p.categories.includes(c) &&
          !(c === C.Safety && p.victimSideRoles.length > 0 && !victimSide),
      ),
    );
  const result = (x: Partial<Expected>): Expected => ({
    allowed: false,
    reason: null,
    basis: null,
    relation,
    categories: [],
    canWrite: false,
    canManage: false,
    emergency: false,
    victimSide,
    protectedIdentityAccess,
    perPerson: new Map(),
    ...x,
  });
  const writer = hasPermissions(actor.roles, [Permission.CaseWrite]);

  // R1: no case work without case:read.
  if (!hasPermissions(actor.roles, [Permission.CaseRead]))
    return result({ reason: AccessDenialReason.RoleNotPermitted });

  // R2: the owning organisation's handler, owning unit and team members see everything.
  if (owningOrg && (handler || onTeam || owningUnit))
    return result({
      allowed: true,
      basis: AccessBasis.Owner,
      categories: r5(p.categories),
      canWrite: writer && !kase.closed,
      canManage: writer,
    });

  // R3 with R7: another organisation's team member sees what consents in force and disclosures
  // in force give their organisation, per person.
  const granted = new Map<string, Set<InformationCategory>>();
  let subjectConsent = false;
  if (onTeam) {
    const give = (personId: string, cats: InformationCategory[]) => {
      const set = granted.get(personId) ?? new Set<InformationCategory>();
      cats.filter((c) => p.categories.includes(c)).forEach((c) => set.add(c));
      granted.set(personId, set);
    };
    for (const c of kase.consents) {
      const inForce =
        c.givenOn <= clock.today &&
        clock.today <= c.validUntil &&
        !c.superseded &&
        !(c.withdrawnAt && c.withdrawnAt <= clock.now);
      if (!inForce || !c.recipientOrganisationIds.includes(actor.organisationId)) continue;
      const shared = c.categories.filter((x) => !c.excludedCategories.includes(x));
      give(c.personId, shared);
      if (c.personId === kase.subjectPersonId && shared.some((x) => p.categories.includes(x)))
        subjectConsent = true;
    }
    for (const d of kase.disclosures)
      if (d.recipientOrganisationId === actor.organisationId && clock.today <= d.validUntil)
        give(d.personId, [...d.categories]);
  }
  const subject = granted.get(kase.subjectPersonId) ?? new Set<InformationCategory>();

  // R4: an active nödåtkomst reads every category but safety (plus what consent gives).
  if (kase.emergencyUntil && kase.emergencyUntil > clock.now)
    return result({
      allowed: true,
      basis: AccessBasis.Emergency,
      emergency: true,
      categories: r5([...p.categories.filter((c) => c !== C.Safety), ...subject]),
    });

  if (subject.size > 0) {
    const categories = r5(subject);
    return result({
      allowed: true,
      basis: subjectConsent ? AccessBasis.Consent : AccessBasis.LegalBasis,
      categories,
      canWrite: writer && !kase.closed && categories.length > 0,
      perPerson: new Map([...granted].map(([id, set]) => [id, r5(set)])),
    });
  }
  return result({
    reason: onTeam ? AccessDenialReason.NoConsent : AccessDenialReason.NoRelation,
  });
}

/** R3, R5, R6 for one participant: which of their fields the caller sees. */
function expectedPerson(e: Expected, kase: PolicyCase, person: PolicyPerson): PersonDecision {
  if (!e.allowed)
    return { identity: false, contact: false, personalNumber: false, protectedLevel: false };
  const shared =
    e.basis === AccessBasis.Consent || e.basis === AccessBasis.LegalBasis
      ? person.id === kase.subjectPersonId
        ? e.categories
        : (e.perPerson.get(person.id) ?? [])
      : e.categories;
  const identity = shared.includes(C.Identity);
  // R6: a protected person's personnummer and whereabouts need explicit need.
  const needOk = person.protectedLevel === ProtectedIdentityLevel.None || e.protectedIdentityAccess;
  // R5: a victim's or child's whereabouts only for victim-side roles.
  const victimOk = !kase.programme.victimSideRoles.includes(person.role) || e.victimSide;
  return {
    identity,
    contact: shared.includes(C.Contact) && needOk && victimOk,
    personalNumber: identity && needOk,
    protectedLevel: identity && needOk,
  };
}

/** Where the library's decision differs from the rules above; empty when they agree. */
function libraryDifferences(lib: CaseDecision, e: Expected): string[] {
  const diffs: string[] = [];
  const same = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b))
      diffs.push(
        `${what}: rules say ${JSON.stringify(b)}, decideCaseAccess says ${JSON.stringify(a)}`,
      );
  };
  same('allowed', lib.allowed, e.allowed);
  same('reason', lib.reason, e.reason);
  same('relation', lib.relation, e.relation);
  if (e.allowed || lib.allowed) {
    same('basis', lib.basis, e.basis);
    same('categories', sorted(lib.categories), e.categories);
    same('canWrite', lib.canWrite, e.canWrite);
    same('canManage', lib.canManage, e.canManage);
    same('emergency', lib.emergency, e.emergency);
    same('victimSide', lib.victimSide, e.victimSide);
    same('protectedIdentityAccess', lib.protectedIdentityAccess, e.protectedIdentityAccess);
  }
  return diffs;
}

// ---------------------------------------------------------------------------------------------
// One attempt: one user asks for one case through every read door.
// ---------------------------------------------------------------------------------------------

type Stats = Map<string, number>;
const bump = (stats: Stats, key: string) => stats.set(key, (stats.get(key) ?? 0) + 1);

const describeUser = (u: PoolUser) =>
  `${u.username} [${u.roles.join('+')}] of ${u.organisationName}/${u.unitName ?? 'no unit'}`;

/** What must never reach a caller who may not see it. */
function secretsOf(row: ParticipantRow) {
  return {
    names: [row.first_name, row.last_name],
    personalNumber: [row.personal_number, formatPersonalNumber(row.personal_number)],
    contact: [row.address, row.phone, row.email].filter((x): x is string => !!x),
  };
}

function leaks(body: unknown, secrets: string[]): string[] {
  const text = JSON.stringify(body ?? '');
  return secrets.filter((s) => text.includes(s));
}

function personProblems(dto: PersonDto | undefined, row: ParticipantRow, d: PersonDecision) {
  if (!dto) return [`participant ${row.first_name} (${row.role}) is missing`];
  const isProtected = row.protected_level !== ProtectedIdentityLevel.None;
  const expected: Partial<Record<keyof PersonDto, unknown>> = {
    firstName: d.identity ? row.first_name : null,
    lastName: d.identity ? row.last_name : null,
    personalNumber: d.personalNumber ? formatPersonalNumber(row.personal_number) : null,
    birthDate: d.identity && (!isProtected || d.personalNumber) ? row.birth_date : null,
    address: d.contact ? row.address : null,
    postalCode: d.contact ? row.postal_code : null,
    city: d.contact ? row.city : null,
    phone: d.contact ? row.phone : null,
    email: d.contact ? row.email : null,
    protectedIdentity: isProtected,
    protectedLevel: d.protectedLevel ? row.protected_level : null,
  };
  return Object.entries(expected)
    .filter(([k, v]) => dto[k as keyof PersonDto] !== v)
    .map(
      ([k, v]) =>
        `participant ${row.first_name} (${row.role}, ${row.protected_level}).${k}: expected ${JSON.stringify(v)}, got ${JSON.stringify(dto[k as keyof PersonDto])}`,
    );
}

const withoutRequestId = (body: unknown): unknown => {
  const { requestId: _, ...rest } = body as { requestId?: string };
  return rest;
};

/** A number no case has (no programme has the prefix). */
const NO_SUCH_NUMBER = 'NOSUCHCASE-2000-000000';
const lookupMisses = new Map<string, Promise<{ status: number; body: unknown }>>();

/** What `user` is told when looking up a number without a case, asked once per user. */
function lookupMiss(user: PoolUser): Promise<{ status: number; body: unknown }> {
  let miss = lookupMisses.get(user.username);
  if (!miss) {
    miss = user.client
      .get(`/api/v1/cases/lookup?number=${NO_SUCH_NUMBER}`)
      .then((res) => ({ status: res.status, body: withoutRequestId(res.body) }));
    lookupMisses.set(user.username, miss);
  }
  return miss;
}

async function checkAttempt(facts: CaseFacts, user: PoolUser, stats: Stats): Promise<string[]> {
  const now = new Date();
  const clock: PolicyClock = { now, today: swedishDate(now) };
  const actor = actorOf(user);
  const kase = policyCase(facts, actor);
  const e = expectedAccess(actor, kase, clock);
  const library = decideCaseAccess(actor, kase, clock);
  const problems = libraryDifferences(library, e);
  const persons = facts.participants.map((row) => {
    const person: PolicyPerson = {
      id: row.person_id,
      role: row.role,
      protectedLevel: row.protected_level,
    };
    const d = expectedPerson(e, kase, person);
    const lib = decidePersonAccess(library, facts.programme, facts.subjectPersonId, person);
    if (JSON.stringify(lib) !== JSON.stringify(d))
      problems.push(
        `participant ${row.first_name} (${row.role}): rules say ${JSON.stringify(d)}, decidePersonAccess says ${JSON.stringify(lib)}`,
      );
    return { row, d, secrets: secretsOf(row) };
  });
  const everything = persons.flatMap((p) => [
    ...p.secrets.names,
    ...p.secrets.personalNumber,
    ...p.secrets.contact,
  ]);

  const path = `/api/v1/cases/${facts.id}`;
  const [detail, list, lookup] = await Promise.all([
    user.client.get<CaseDto & ProblemDetails>(path),
    user.client.get<Page<CaseSummaryDto>>(
      `/api/v1/cases?number=${facts.number}&includeClosed=true&pageSize=100`,
    ),
    user.client.get<CaseLookupDto>(`/api/v1/cases/lookup?number=${facts.number}`),
  ]);
  const fail = (what: string, expected: unknown, actual: unknown) =>
    problems.push(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);

  if (!canRead(user)) {
    bump(stats, `denied:${e.reason}`);
    if (e.allowed) fail('rules for a role without case:read', 'denied', 'allowed');
    for (const [what, res] of [
      ['GET /cases/:id', detail],
      ['GET /cases', list],
      ['GET /cases/lookup', lookup],
    ] as const) {
      if (res.status !== 403) fail(`${what} status`, 403, res.status);
      const leaked = leaks(res.body, everything);
      if (leaked.length) fail(`${what} leaks`, [], leaked);
    }
    return problems;
  }

  const listed = list.status === 200 ? list.body.items.filter((i) => i.id === facts.id) : [];
  if (list.status !== 200) fail('GET /cases status', 200, list.status);
  if (!e.allowed) {
    // Issue 18 §7: not the caller's case answers as no case at all (same status and body).
    const none = await lookupMiss(user);
    if (lookup.status !== none.status) fail('GET /cases/lookup status', none.status, lookup.status);
    else if (JSON.stringify(withoutRequestId(lookup.body)) !== JSON.stringify(none.body))
      fail('GET /cases/lookup body (denied)', none.body, withoutRequestId(lookup.body));
  } else if (lookup.status !== 200) fail('GET /cases/lookup status', 200, lookup.status);
  else if (lookup.body.hasAccess !== e.allowed)
    fail('GET /cases/lookup hasAccess', e.allowed, lookup.body.hasAccess);

  if (!e.allowed) {
    bump(stats, `denied:${e.reason}`);
    if (detail.status !== 403) fail('GET /cases/:id status (denied)', 403, detail.status);
    else if (detail.body.details?.['reason'] !== e.reason)
      fail('403 reason', e.reason, detail.body.details?.['reason']);
    const leaked = leaks(detail.body, everything);
    if (leaked.length) fail('403 body leaks', [], leaked);
    if (listed.length)
      fail('GET /cases lists a case the policy denies (SQL scope ≠ policy)', 0, listed.length);
    return problems;
  }

  bump(stats, `allowed:${e.basis}`);
  if (!e.categories.length) bump(stats, 'allowed:no-category-visible');
  if (facts.programme.victimSideRoles.length)
    bump(stats, e.categories.includes(C.Safety) ? 'safety:visible' : 'safety:withheld');
  if (detail.status !== 200) {
    fail('GET /cases/:id status (allowed)', 200, detail.status);
    return problems;
  }
  const dto = detail.body;
  const access = dto.access;
  if (access.basis !== e.basis) fail('access.basis', e.basis, access.basis);
  if (access.relation !== e.relation) fail('access.relation', e.relation, access.relation);
  if (JSON.stringify(sorted(access.categories)) !== JSON.stringify(e.categories))
    fail('access.categories', e.categories, sorted(access.categories));
  if (access.canWrite !== e.canWrite) fail('access.canWrite', e.canWrite, access.canWrite);
  if (access.canManage !== e.canManage) fail('access.canManage', e.canManage, access.canManage);
  if ((access.emergencyUntil !== null) !== e.emergency)
    fail('access.emergencyUntil set', e.emergency, access.emergencyUntil);
  if (!e.categories.includes(C.Coordination) && dto.description !== null)
    fail('description without the coordination category', null, dto.description);
  if (!e.canManage && dto.allowedTransitions.length)
    fail('allowedTransitions without manage', [], dto.allowedTransitions);
  if (dto.participants.length !== facts.participants.length)
    fail('participant count', facts.participants.length, dto.participants.length);

  const withheld: string[] = [];
  for (const { row, d, secrets } of persons) {
    problems.push(
      ...personProblems(
        dto.participants.find((p) => p.person.id === row.person_id)?.person,
        row,
        d,
      ),
    );
    if (!d.identity) withheld.push(...secrets.names, ...secrets.personalNumber);
    else if (!d.personalNumber) withheld.push(...secrets.personalNumber);
    if (!d.contact) withheld.push(...secrets.contact);
    if (!d.identity) bump(stats, 'person:identity-withheld');
    else if (!d.personalNumber) bump(stats, 'person:personnummer-withheld(R6)');
    if (d.identity && !d.contact) {
      const shared =
        e.basis === AccessBasis.Consent || e.basis === AccessBasis.LegalBasis
          ? row.person_id === facts.subjectPersonId
            ? e.categories
            : (e.perPerson.get(row.person_id) ?? [])
          : e.categories;
      if (shared.includes(C.Contact)) bump(stats, 'person:contact-withheld(R5/R6)');
    }
  }
  const detailLeaks = leaks(dto, withheld);
  if (detailLeaks.length) fail('GET /cases/:id body carries withheld data', [], detailLeaks);

  // SQL scope = policy: the case is in the caller's list, summarised by the same decision.
  if (listed.length !== 1)
    fail('GET /cases lists an allowed case (SQL scope = policy)', 1, listed.length);
  else {
    const row = listed[0];
    const subject = facts.participants.find((p) => p.person_id === facts.subjectPersonId)!;
    const isProtected = subject.protected_level !== ProtectedIdentityLevel.None;
    const name =
      !isProtected && e.categories.includes(C.Identity)
        ? `${subject.first_name} ${subject.last_name}`
        : null;
    if (row.subjectName !== name) fail('list subjectName', name, row.subjectName);
    if (row.subjectProtected !== isProtected)
      fail('list subjectProtected', isProtected, row.subjectProtected);
    if (row.basis !== e.basis) fail('list basis', e.basis, row.basis);
    const allowedInList = name ? [subject.first_name, subject.last_name] : [];
    const listLeaks = leaks(
      row,
      everything.filter((s) => !allowedInList.includes(s)),
    );
    if (listLeaks.length) fail('list row carries personal data', [], listLeaks);
  }

  // The journal holds every visible category that has entries, and nothing else. Another
  // organisation sees only the consent records and disclosures that name it.
  const [journal, consents, disclosures] = await Promise.all([
    user.client.get<Page<JournalEntryDto>>(`${path}/journal?pageSize=100`),
    user.client.get<ConsentDto[]>(`${path}/consents`),
    user.client.get<DisclosureDto[]>(`${path}/disclosures`),
  ]);
  const owner = e.basis === AccessBasis.Owner;
  if (consents.status !== 200) fail('GET consents status', 200, consents.status);
  else {
    const expected = facts.consents
      .filter((c) => owner || c.recipientOrganisationIds.includes(user.organisationId))
      .map((c) => c.id);
    const seen = consents.body.map((c) => c.id);
    if (JSON.stringify(sorted(seen)) !== JSON.stringify(sorted(expected)))
      fail('GET consents: the records shown', sorted(expected), sorted(seen));
  }
  if (disclosures.status !== 200) fail('GET disclosures status', 200, disclosures.status);
  else {
    const expected = facts.disclosures
      .filter((d) => owner || d.recipientOrganisationId === user.organisationId)
      .map((d) => d.id);
    const seen = disclosures.body.map((d) => d.id);
    if (JSON.stringify(sorted(seen)) !== JSON.stringify(sorted(expected)))
      fail('GET disclosures: the records shown', sorted(expected), sorted(seen));
  }
  if (journal.status !== 200) fail('GET journal status', 200, journal.status);
  else {
    const seen = sorted(journal.body.items.map((j) => j.category));
    const expected = e.categories.filter((c) => facts.journalCategories.has(c));
    if (JSON.stringify(seen) !== JSON.stringify(expected))
      fail('journal categories', expected, seen);
    if (facts.journalCategories.size > expected.length) bump(stats, 'journal:entries-withheld');
    const journalLeaks = leaks(journal.body, withheld);
    if (journalLeaks.length) fail('journal carries withheld data', [], journalLeaks);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

describe('access policy: generated cases, every user, through HTTP on PostgreSQL', () => {
  let db: Pool;
  let world: World;
  const stats: Stats = new Map();
  let attempts = 0;

  beforeAll(async () => {
    db = e2ePool(6);
    world = await buildWorld(db);
  }, 120_000);

  afterAll(async () => {
    await db?.end();
  });

  it(
    `no user ever receives a case, person or category the policy denies (≥ ${MIN_ATTEMPTS} attempts)`,
    async () => {
      const started = Date.now();
      let cases = 0;
      process.stdout.write(
        `access-property: seed ${SEED} (FC_SEED to replay), ${RUNS} runs × ${world.users.length} users\n`,
      );
      await fc.assert(
        fc.asyncProperty(scenarioArbitrary(world), async (scenario) => {
          const built = await build(world, scenario);
          cases++;
          const facts = (await loadFacts(db, [built.id])).get(built.id)!;
          const failures: string[] = [];
          await mapLimit(world.users, CONCURRENCY, async (user) => {
            const problems = await checkAttempt(facts, user, stats);
            attempts++;
            if (problems.length)
              failures.push(`  ${describeUser(user)}:\n    ${problems.join('\n    ')}`);
          });
          if (failures.length)
            throw new Error(
              `case ${built.number}:\n  ${built.story.join('\n  ')}\n${failures.join('\n')}`,
            );
        }),
        {
          seed: SEED,
          numRuns: RUNS,
          examples: EXAMPLES.map((x) => [x] as [Scenario]),
          endOnFailure: process.env['FC_NO_SHRINK'] === '1',
        },
      );
      const summary = [...stats].sort(([a], [b]) => a.localeCompare(b));
      process.stdout.write(
        `access-property: ${attempts} attempts on ${cases} cases in ${((Date.now() - started) / 1000).toFixed(0)} s\n` +
          summary.map(([k, v]) => `  ${k.padEnd(36)} ${v}`).join('\n') +
          '\n',
      );
      expect(attempts).toBeGreaterThanOrEqual(MIN_ATTEMPTS);
      // The generator reaches every outcome; otherwise the attempts above prove less than they seem.
      for (const key of [
        'allowed:owner',
        'allowed:consent',
        'allowed:legal_basis',
        'allowed:emergency',
        'denied:role_not_permitted',
        'denied:no_relation',
        'denied:no_consent',
        'person:identity-withheld',
        'person:personnummer-withheld(R6)',
        'person:contact-withheld(R5/R6)',
        'safety:visible',
        'safety:withheld',
        'journal:entries-withheld',
      ])
        expect({ outcome: key, reached: (stats.get(key) ?? 0) > 0 }).toEqual({
          outcome: key,
          reached: true,
        });
    },
    30 * 60_000,
  );

  it(
    'each user’s whole caseload is exactly the cases the rules allow (SQL scope = policy)',
    async () => {
      const ids = (await db.query<{ id: string }>('SELECT id FROM cases')).rows.map((r) => r.id);
      expect(ids.length).toBeGreaterThan(0);
      const facts = await loadFacts(db, ids);
      for (const user of world.users) {
        const first = await user.client.get<Page<CaseSummaryDto>>(
          '/api/v1/cases?includeClosed=true&pageSize=100',
        );
        if (!canRead(user)) {
          expect({ user: user.username, status: first.status }).toEqual({
            user: user.username,
            status: 403,
          });
          continue;
        }
        expect({ user: user.username, status: first.status }).toEqual({
          user: user.username,
          status: 200,
        });
        const listed = [...first.body.items];
        for (let page = 2; listed.length < first.body.total; page++) {
          const next = await user.client.get<Page<CaseSummaryDto>>(
            `/api/v1/cases?includeClosed=true&pageSize=100&page=${page}`,
          );
          if (!next.body.items.length) break;
          listed.push(...next.body.items);
        }
        const now = new Date();
        const clock = { now, today: swedishDate(now) };
        const actor = actorOf(user);
        const allowed = ids.filter(
          (id) => expectedAccess(actor, policyCase(facts.get(id)!, actor), clock).allowed,
        );
        expect({
          user: user.username,
          total: first.body.total,
          cases: sorted(listed.map((c) => c.id)),
        }).toEqual({
          user: user.username,
          total: allowed.length,
          cases: sorted(allowed),
        });
        // Without includeClosed, the open ones.
        const open = await user.client.get<Page<CaseSummaryDto>>('/api/v1/cases?pageSize=1');
        expect({ user: user.username, open: open.body.total }).toEqual({
          user: user.username,
          open: allowed.filter((id) => !facts.get(id)!.closed).length,
        });
      }
    },
    5 * 60_000,
  );

  it('the precomputed scope kept by triggers equals a recomputation from the facts', async () => {
    // Every case written by every spec so far went through the triggers one change at a time;
    // recomputing all of them at once (then rolling back) must give the same rows.
    const rows = `SELECT principal_id, case_id, source, source_id, valid_from, valid_until, expires_at
                  FROM case_access WHERE expires_at IS NULL OR expires_at > now()`;
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      await client.query(`CREATE TEMP TABLE kept ON COMMIT DROP AS ${rows}`);
      await client.query('SELECT samsyn_case_access_refresh(ARRAY(SELECT id FROM cases), false)');
      const diff = await client.query<{ side: string; n: string }>(
        `SELECT 'only kept' AS side, count(*) AS n FROM (SELECT * FROM kept EXCEPT ALL ${rows}) a
         UNION ALL
         SELECT 'only recomputed', count(*) FROM (${rows} EXCEPT ALL SELECT * FROM kept) b
         UNION ALL
         SELECT 'kept', count(*) FROM kept`,
      );
      const counts = Object.fromEntries(diff.rows.map((r) => [r.side, Number(r.n)]));
      expect(counts['kept']).toBeGreaterThan(world.users.length);
      expect(counts).toEqual({ 'only kept': 0, 'only recomputed': 0, kept: counts['kept'] });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
