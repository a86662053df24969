import { HttpStatus } from '@nestjs/common';
import {
  ErrorCode,
  formatPersonalNumber,
  InformationCategory,
  ProtectedIdentityLevel,
  type SipInvitationDto,
  type SipMeasureDto,
  type SipMeetingDto,
  type SipPersonViewDto,
  type SipRef,
} from '@samsyn/common';
import {
  type CaseDecision,
  consentInForce,
  decidePersonAccess,
  type PolicyCase,
  type PolicyClock,
  type ProgrammeDefinition,
  type SipMeasureFacts,
} from '@samsyn/domain';
import {
  type CaseEntity,
  OrganisationEntity,
  type PersonEntity,
  type SipInvitationEntity,
  type SipMeetingEntity,
  UnitEntity,
  UserEntity,
} from '@samsyn/server';
import { type EntityManager, In } from 'typeorm';
import { ApiException } from '../common/problem-details';

/** Display names of the organisations, units and users a SIP response mentions, in three queries. */
export class SipNames {
  private constructor(
    readonly orgs: Map<string, OrganisationEntity>,
    readonly units: Map<string, UnitEntity>,
    readonly users: Map<string, UserEntity>,
  ) {}

  static async load(
    em: EntityManager,
    ids: { orgs?: (string | null)[]; units?: (string | null)[]; users?: (string | null)[] },
  ): Promise<SipNames> {
    const clean = (xs?: (string | null)[]) => [
      ...new Set((xs ?? []).filter((x): x is string => !!x)),
    ];
    const [orgs, units, users] = await Promise.all([
      clean(ids.orgs).length ? em.findBy(OrganisationEntity, { id: In(clean(ids.orgs)) }) : [],
      clean(ids.units).length ? em.findBy(UnitEntity, { id: In(clean(ids.units)) }) : [],
      clean(ids.users).length ? em.findBy(UserEntity, { id: In(clean(ids.users)) }) : [],
    ]);
    return new SipNames(
      new Map(orgs.map((o) => [o.id, o])),
      new Map(units.map((u) => [u.id, u])),
      new Map(users.map((u) => [u.id, u])),
    );
  }

  org(id: string | null): SipRef | null {
    const o = id ? this.orgs.get(id) : undefined;
    return o ? { id: o.id, name: o.name } : null;
  }

  unit(id: string | null): SipRef | null {
    const u = id ? this.units.get(id) : undefined;
    return u ? { id: u.id, name: u.name } : null;
  }

  user(id: string | null): { id: string; displayName: string } | null {
    const u = id ? this.users.get(id) : undefined;
    return u ? { id: u.id, displayName: u.displayName } : null;
  }
}

/** A change to the SIP of a case of another programme: the request breaks a rule (409). */
export function notSip(): ApiException {
  return new ApiException(
    HttpStatus.CONFLICT,
    ErrorCode.RuleViolation,
    'This is not a SIP case; SIP meetings and plans belong to cases of the SIP programme.',
  );
}

/** A read of the SIP of a case of another programme: there is no such resource (404, not 409). */
export function noSip(): ApiException {
  return new ApiException(
    HttpStatus.NOT_FOUND,
    ErrorCode.NotFound,
    'This case has no SIP; SIP meetings and plans belong to cases of the SIP programme.',
  );
}

export function notFound(what: string): ApiException {
  return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, `No ${what} has this id.`);
}

/** Meetings and plans are coordination data: a caller whose consent does not cover it sees none. */
export function requireCoordination(decision: CaseDecision): void {
  if (!decision.categories.includes(InformationCategory.Coordination))
    throw new ApiException(
      HttpStatus.FORBIDDEN,
      ErrorCode.Forbidden,
      'No consent in force covers coordination data of this case for your organisation.',
    );
}

/** Whether a consent in force lets `organisationId` see the subject's data (D14, R7). */
export function consentCovers(
  facts: PolicyCase,
  organisationId: string,
  clock: PolicyClock,
): boolean {
  return facts.consents.some(
    (c) =>
      c.personId === facts.subjectPersonId &&
      c.recipientOrganisationIds.includes(organisationId) &&
      consentInForce(c, clock),
  );
}

/**
 * The person as a kallelse, an invitation or a printout may show them: what the decision
 * permits, and for a protected person never contact data or personnummer, whoever asks (D18).
 */
export function personView(
  person: PersonEntity,
  decision: CaseDecision,
  programme: ProgrammeDefinition,
  kase: CaseEntity,
): SipPersonViewDto | null {
  const access = decidePersonAccess(decision, programme, kase.subjectPersonId, {
    id: person.id,
    role: programme.subjectRole,
    protectedLevel: person.protectedLevel,
  });
  if (!access.identity) return null;
  const isProtected = person.protectedLevel !== ProtectedIdentityLevel.None;
  const contact = access.contact && !isProtected;
  return {
    firstName: person.firstName,
    lastName: person.lastName,
    personalNumber:
      access.personalNumber && !isProtected ? formatPersonalNumber(person.personalNumber) : null,
    address: contact ? person.address : null,
    postalCode: contact ? person.postalCode : null,
    city: contact ? person.city : null,
    phone: contact ? person.phone : null,
    language: person.language,
    interpreterNeeded: person.interpreterNeeded,
    protectedIdentity: isProtected,
  };
}

export function toInvitationDto(
  i: SipInvitationEntity,
  names: SipNames,
  consentInForceFor: (organisationId: string) => boolean,
): SipInvitationDto {
  const org = i.organisationId ? names.orgs.get(i.organisationId) : undefined;
  return {
    id: i.id,
    meetingId: i.meetingId,
    kind: i.kind,
    state: i.state,
    version: i.version,
    unit: names.unit(i.unitId),
    organisation: org ? { id: org.id, name: org.name, type: org.type } : null,
    externalActor: i.externalActor,
    reason: i.reason,
    proposedStartsAt: i.proposedStartsAt?.toISOString() ?? null,
    answeredAt: i.answeredAt?.toISOString() ?? null,
    answeredBy: names.user(i.answeredById),
    consentInForce: i.organisationId ? consentInForceFor(i.organisationId) : false,
  };
}

export function toMeetingDto(
  m: SipMeetingEntity,
  caseNumber: string,
  invitations: SipInvitationDto[],
  planVersionId: string | null,
  names: SipNames,
): Omit<SipMeetingDto, 'allowedActions' | 'attendance'> {
  return {
    id: m.id,
    caseId: m.caseId,
    caseNumber,
    kind: m.kind,
    state: m.state,
    version: m.version,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    place: m.place,
    videoLink: m.videoLink,
    personParticipates: m.personParticipates,
    relativesParticipate: m.relativesParticipate,
    note: m.note,
    calledAt: m.calledAt.toISOString(),
    calledBy: names.user(m.calledById) ?? { id: m.calledById, displayName: '' },
    callingOrganisation: names.org(m.callingOrganisationId) ?? {
      id: m.callingOrganisationId,
      name: '',
    },
    callingUnit: names.unit(m.callingUnitId) ?? { id: m.callingUnitId, name: '' },
    planVersionId,
    cancelledReason: m.cancelledReason,
    invitations,
  };
}

export function toMeasureDto(m: SipMeasureFacts, names: SipNames): SipMeasureDto {
  return {
    id: m.id,
    description: m.description,
    responsibleKind: m.responsibleKind,
    organisation: names.org(m.organisationId),
    unit: names.unit(m.unitId),
    actorName: m.actorName,
    startDate: m.startDate,
    endDate: m.endDate,
    status: m.status,
  };
}
