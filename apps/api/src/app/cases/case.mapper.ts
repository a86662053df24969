import {
  type CaseAction,
  type ConsentDto,
  type ConsentState,
  formatPersonalNumber,
  type PersonDto,
  type PersonFieldGroup,
  ProtectedIdentityLevel,
} from '@samsyn/common';
import type { PersonDecision } from '@samsyn/domain';
import type { ConsentEntity, ConsentWithdrawalEntity, PersonEntity } from '@samsyn/server';

/** A person with every field the decision withholds set to null and named in `suppressed` (D18). */
export function toPersonDto(person: PersonEntity, access: PersonDecision): PersonDto {
  const suppressed: PersonFieldGroup[] = [];
  if (!access.identity) suppressed.push('identity');
  if (!access.contact) suppressed.push('contact');
  const isProtected = person.protectedLevel !== ProtectedIdentityLevel.None;
  if (isProtected && !access.personalNumber) suppressed.push('protected');
  const id = access.identity;
  const contact = access.contact;
  return {
    id: person.id,
    version: person.version,
    protectedIdentity: isProtected,
    protectedLevel: access.protectedLevel ? person.protectedLevel : null,
    personalNumberKind: person.personalNumberKind,
    personalNumber: access.personalNumber ? formatPersonalNumber(person.personalNumber) : null,
    firstName: id ? person.firstName : null,
    lastName: id ? person.lastName : null,
    birthDate: id && (!isProtected || access.personalNumber) ? person.birthDate : null,
    language: id ? person.language : null,
    interpreterNeeded: id ? person.interpreterNeeded : null,
    address: contact ? person.address : null,
    postalCode: contact ? person.postalCode : null,
    city: contact ? person.city : null,
    phone: contact ? person.phone : null,
    email: contact ? person.email : null,
    suppressed,
  };
}

export function consentState(
  consent: Pick<ConsentEntity, 'givenOn' | 'validUntil'>,
  withdrawal: Pick<ConsentWithdrawalEntity, 'withdrawnAt'> | null,
  superseded: boolean,
  today: string,
): ConsentState {
  if (withdrawal) return 'withdrawn';
  if (superseded) return 'superseded';
  if (consent.validUntil < today) return 'expired';
  if (consent.givenOn > today) return 'pending';
  return 'active';
}

export interface NamedRef {
  id: string;
  displayName: string;
}

export function toConsentDto(
  consent: ConsentEntity,
  extra: {
    withdrawal: (ConsentWithdrawalEntity & { recordedByName: string }) | null;
    supersededById: string | null;
    recordedByName: string;
    organisations: Map<string, string>;
    today: string;
    allowedActions: CaseAction[];
  },
): ConsentDto {
  return {
    id: consent.id,
    caseId: consent.caseId,
    personId: consent.personId,
    recipientOrganisations: consent.recipientOrganisationIds.map((id) => ({
      id,
      name: extra.organisations.get(id) ?? '',
    })),
    categories: consent.categories,
    excludedCategories: consent.excludedCategories,
    exclusionNote: consent.exclusionNote,
    form: consent.form,
    givenOn: consent.givenOn,
    validUntil: consent.validUntil,
    guardian:
      consent.guardianName && consent.guardianGivenOn
        ? { name: consent.guardianName, givenOn: consent.guardianGivenOn }
        : null,
    recordedBy: { id: consent.recordedById, displayName: extra.recordedByName },
    recordedAt: consent.recordedAt.toISOString(),
    supersedesId: consent.supersedesId,
    supersededById: extra.supersededById,
    withdrawal: extra.withdrawal
      ? {
          withdrawnAt: extra.withdrawal.withdrawnAt.toISOString(),
          recordedBy: {
            id: extra.withdrawal.recordedById,
            displayName: extra.withdrawal.recordedByName,
          },
          reason: extra.withdrawal.reason,
        }
      : null,
    state: consentState(consent, extra.withdrawal, extra.supersededById !== null, extra.today),
    allowedActions: extra.allowedActions,
  };
}
