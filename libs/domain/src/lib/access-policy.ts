import {
  AccessBasis,
  AccessDenialReason,
  CaseRelation,
  hasPermissions,
  InformationCategory,
  type ParticipantRole,
  Permission,
  ProtectedIdentityLevel,
  type Role,
} from '@samsyn/common';
import { isVictimSideTeamRole, type ProgrammeDefinition } from './programmes';

/**
 * The access policy (D20): the one place that decides who may read or write what on a case,
 * from organisation, role, case-team membership, consent in force, legal basis, protected
 * identity and emergency access. Default deny. The API's list queries apply the same rules in
 * SQL (`case-scope.ts` in the API); a property-based e2e test proves the two agree.
 *
 * Rules, in order:
 *  R1 Only roles with `case:read` take part in case work (D1: coordinators and steering see
 *     aggregates; auditors see logs, not cases).
 *  R2 Owner: a user of the owning organisation who is the handler, in the owning unit or on the
 *     case team sees every category of the programme and may write and manage the case.
 *  R3 Another organisation's team member sees the categories that the subject's consents in
 *     force (D14) grant their organisation — minus what the person excluded — plus what a
 *     recorded disclosure under a legal provision (D16) covers. Nothing in force: denied. They
 *     may add journal entries in the categories they see, but not manage the case.
 *  R4 Emergency access (D17): for a user whom R2/R3 do not let in, an active, reasoned grant
 *     gives read access to every category except the victim's safety data, flagged in the
 *     audit log.
 *  R5 Victim side (D3): contact and safety data of victim-side participants (victim, child) and
 *     the `safety` category are visible only to team members with a victim-side case role.
 *  R6 Protected identity (D18): personnummer and contact data of a protected person are
 *     withheld from everyone but the handler and team members granted explicit need.
 *  R7 A consent is in force from the day it was given through its last valid day, unless it was
 *     withdrawn (at once, D15) or superseded by a newer record (D14).
 */

export interface PolicyActor {
  userId: string;
  organisationId: string;
  unitId: string | null;
  roles: readonly Role[];
}

/** A team membership that matches the actor (as a user, or through their unit). */
export interface PolicyMembership {
  caseRole: string;
  protectedIdentityAccess: boolean;
}

export interface PolicyConsent {
  id: string;
  personId: string;
  recipientOrganisationIds: readonly string[];
  categories: readonly InformationCategory[];
  excludedCategories: readonly InformationCategory[];
  /** YYYY-MM-DD, first and last day in force. */
  givenOn: string;
  validUntil: string;
  withdrawnAt: Date | null;
  superseded: boolean;
}

export interface PolicyDisclosure {
  id: string;
  personId: string;
  recipientOrganisationId: string;
  categories: readonly InformationCategory[];
  /** YYYY-MM-DD, last day in force. */
  validUntil: string;
}

export interface PolicyCase {
  programme: ProgrammeDefinition;
  owningOrganisationId: string;
  owningUnitId: string;
  handlerId: string | null;
  closed: boolean;
  subjectPersonId: string;
  /** Only the memberships that match the actor. */
  memberships: readonly PolicyMembership[];
  consents: readonly PolicyConsent[];
  disclosures: readonly PolicyDisclosure[];
  /** End of the actor's active emergency access to this case, if any. */
  emergencyUntil: Date | null;
}

export interface PolicyClock {
  now: Date;
  /** Today's date in Sweden (YYYY-MM-DD). */
  today: string;
}

export interface CaseDecision {
  allowed: boolean;
  reason: AccessDenialReason | null;
  basis: AccessBasis | null;
  relation: CaseRelation;
  /** Case-level categories the actor may see (journal, coordination, risk …). */
  categories: InformationCategory[];
  consentIds: string[];
  disclosureIds: string[];
  emergency: boolean;
  victimSide: boolean;
  protectedIdentityAccess: boolean;
  canWrite: boolean;
  canManage: boolean;
  /** Per person (non-owner access only): the categories their own consents/disclosures grant. */
  personCategories: ReadonlyMap<string, InformationCategory[]>;
}

export interface PolicyPerson {
  id: string;
  role: ParticipantRole;
  protectedLevel: ProtectedIdentityLevel;
}

export interface PersonDecision {
  identity: boolean;
  contact: boolean;
  /** Personnummer: withheld for protected persons without explicit need (R6). */
  personalNumber: boolean;
  /** Whether the caller may know the protection level itself. */
  protectedLevel: boolean;
}

const NO_PERSON_CATEGORIES: ReadonlyMap<string, InformationCategory[]> = new Map();

/**
 * A decision with every field set, the ones not given at their deny-nothing default. Written
 * out field by field: a spread of defaults overridden by some of the same keys (`{ ...DEFAULTS,
 * allowed: true }`) made each decision about ten times slower, and lists decide per row.
 */
function decision(
  d: Pick<CaseDecision, 'allowed' | 'reason' | 'relation'> & Partial<CaseDecision>,
): CaseDecision {
  return {
    allowed: d.allowed,
    reason: d.reason,
    basis: d.basis ?? null,
    relation: d.relation,
    categories: d.categories ?? [],
    consentIds: d.consentIds ?? [],
    disclosureIds: d.disclosureIds ?? [],
    emergency: d.emergency ?? false,
    victimSide: d.victimSide ?? false,
    protectedIdentityAccess: d.protectedIdentityAccess ?? false,
    canWrite: d.canWrite ?? false,
    canManage: d.canManage ?? false,
    personCategories: d.personCategories ?? NO_PERSON_CATEGORIES,
  };
}

/** R7. */
export function consentInForce(consent: PolicyConsent, clock: PolicyClock): boolean {
  return (
    consent.givenOn <= clock.today &&
    consent.validUntil >= clock.today &&
    !consent.superseded &&
    (consent.withdrawnAt === null || consent.withdrawnAt > clock.now)
  );
}

export function disclosureInForce(disclosure: PolicyDisclosure, clock: PolicyClock): boolean {
  return disclosure.validUntil >= clock.today;
}

/** The categories a consent actually shares: what was given minus what the person excluded. */
export function effectiveConsentCategories(
  consent: Pick<PolicyConsent, 'categories' | 'excludedCategories'>,
): InformationCategory[] {
  return consent.categories.filter((c) => !consent.excludedCategories.includes(c));
}

function relationOf(actor: PolicyActor, kase: PolicyCase): CaseRelation {
  if (kase.handlerId === actor.userId) return CaseRelation.Handler;
  if (kase.memberships.length > 0) return CaseRelation.Team;
  if (actor.organisationId === kase.owningOrganisationId && actor.unitId === kase.owningUnitId)
    return CaseRelation.OwningUnit;
  return CaseRelation.None;
}

function ordered(programme: ProgrammeDefinition, set: ReadonlySet<InformationCategory>) {
  return programme.categories.filter((c) => set.has(c));
}

/** R3: what consents and disclosures in force grant the actor's organisation, per person. */
function sharedCategories(actor: PolicyActor, kase: PolicyCase, clock: PolicyClock) {
  const perPerson = new Map<string, Set<InformationCategory>>();
  const consentIds = new Set<string>();
  const disclosureIds = new Set<string>();
  const grant = (personId: string, categories: readonly InformationCategory[]) => {
    const set = perPerson.get(personId) ?? new Set<InformationCategory>();
    for (const c of categories) if (kase.programme.categories.includes(c)) set.add(c);
    perPerson.set(personId, set);
  };
  for (const consent of kase.consents) {
    if (!consent.recipientOrganisationIds.includes(actor.organisationId)) continue;
    if (!consentInForce(consent, clock)) continue;
    const categories = effectiveConsentCategories(consent);
    if (!categories.length) continue;
    grant(consent.personId, categories);
    if (consent.personId === kase.subjectPersonId) consentIds.add(consent.id);
  }
  for (const disclosure of kase.disclosures) {
    if (disclosure.recipientOrganisationId !== actor.organisationId) continue;
    if (!disclosureInForce(disclosure, clock)) continue;
    grant(disclosure.personId, disclosure.categories);
    if (disclosure.personId === kase.subjectPersonId) disclosureIds.add(disclosure.id);
  }
  return { perPerson, consentIds: [...consentIds], disclosureIds: [...disclosureIds] };
}

/** Decides whether the actor may open the case, and with which categories and rights. */
export function decideCaseAccess(
  actor: PolicyActor,
  kase: PolicyCase,
  clock: PolicyClock,
): CaseDecision {
  const relation = relationOf(actor, kase);
  // R1
  if (!hasPermissions(actor.roles, [Permission.CaseRead]))
    return decision({
      allowed: false,
      reason: AccessDenialReason.RoleNotPermitted,
      relation,
    });

  const programme = kase.programme;
  const victimSide = kase.memberships.some((m) => isVictimSideTeamRole(programme, m.caseRole));
  const protectedIdentityAccess =
    relation === CaseRelation.Handler || kase.memberships.some((m) => m.protectedIdentityAccess);
  // R5: the safety category is victim-side only, in programmes that have a victim side.
  const hideSafety = programme.victimSideRoles.length > 0 && !victimSide;
  const visible = (set: ReadonlySet<InformationCategory>) =>
    ordered(programme, set).filter((c) => !(hideSafety && c === InformationCategory.Safety));
  const mayWrite = hasPermissions(actor.roles, [Permission.CaseWrite]);

  // R2
  if (actor.organisationId === kase.owningOrganisationId && relation !== CaseRelation.None) {
    return decision({
      allowed: true,
      reason: null,
      basis: AccessBasis.Owner,
      relation,
      categories: visible(new Set(programme.categories)),
      victimSide,
      protectedIdentityAccess,
      canWrite: mayWrite && !kase.closed,
      canManage: mayWrite,
    });
  }

  // R3
  // Only team members share through consent; the handler of a case is always on the owning side.
  let shared: ReturnType<typeof sharedCategories> | null = null;
  let subjectCategories = new Set<InformationCategory>();
  if (kase.memberships.length > 0) {
    shared = sharedCategories(actor, kase, clock);
    subjectCategories = shared.perPerson.get(kase.subjectPersonId) ?? new Set();
  }

  if (shared && subjectCategories.size > 0) {
    const personCategories = new Map<string, InformationCategory[]>();
    for (const [personId, set] of shared.perPerson) personCategories.set(personId, visible(set));
    const categories = visible(subjectCategories);
    return decision({
      allowed: true,
      reason: null,
      basis: shared.consentIds.length ? AccessBasis.Consent : AccessBasis.LegalBasis,
      relation,
      categories,
      consentIds: shared.consentIds,
      disclosureIds: shared.disclosureIds,
      victimSide,
      protectedIdentityAccess,
      canWrite: mayWrite && !kase.closed && categories.length > 0,
      personCategories,
    });
  }

  // R4: for users without a relation that lets them in (a consent in force wins over a grant).
  const emergency = kase.emergencyUntil !== null && kase.emergencyUntil > clock.now;
  if (emergency) {
    const categories = new Set<InformationCategory>(
      programme.categories.filter((c) => c !== InformationCategory.Safety),
    );
    return decision({
      allowed: true,
      reason: null,
      basis: AccessBasis.Emergency,
      relation,
      categories: visible(categories),
      emergency: true,
      victimSide,
      protectedIdentityAccess,
    });
  }

  return decision({
    allowed: false,
    reason:
      kase.memberships.length > 0 ? AccessDenialReason.NoConsent : AccessDenialReason.NoRelation,
    relation,
  });
}

/** Which of a participant's fields the actor sees, given the case decision (R3, R5, R6). */
export function decidePersonAccess(
  decision: CaseDecision,
  programme: ProgrammeDefinition,
  subjectPersonId: string,
  person: PolicyPerson,
): PersonDecision {
  if (!decision.allowed)
    return { identity: false, contact: false, personalNumber: false, protectedLevel: false };
  const categories =
    decision.basis === AccessBasis.Consent || decision.basis === AccessBasis.LegalBasis
      ? person.id === subjectPersonId
        ? decision.categories
        : (decision.personCategories.get(person.id) ?? [])
      : decision.categories;
  const identity = categories.includes(InformationCategory.Identity);
  const victimSideOnly = programme.victimSideRoles.includes(person.role) && !decision.victimSide;
  const isProtected = person.protectedLevel !== ProtectedIdentityLevel.None;
  const protectedOk = !isProtected || decision.protectedIdentityAccess;
  return {
    identity,
    contact: categories.includes(InformationCategory.Contact) && !victimSideOnly && protectedOk,
    personalNumber: identity && protectedOk,
    protectedLevel: identity && protectedOk,
  };
}

/** Whether the actor may add a journal entry in the category. */
export function canWriteCategory(decision: CaseDecision, category: InformationCategory): boolean {
  return decision.allowed && decision.canWrite && decision.categories.includes(category);
}
