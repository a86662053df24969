import { HttpStatus } from '@nestjs/common';
import { AccessBasis, ErrorCode, type InformationCategory } from '@samsyn/common';
import type { CaseDecision } from '@samsyn/domain';
import { OrganisationEntity } from '@samsyn/server';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { invalid } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';

// Shared by the Trygga hem case services and the corrections (TryggaHemRecordsService).

/** Whether the caller sees `category` of `personId` (R3: per person for consent/legal basis). */
export function seesPerson(
  decision: CaseDecision,
  personId: string,
  category: InformationCategory,
): boolean {
  if (decision.basis === AccessBasis.Consent || decision.basis === AccessBasis.LegalBasis)
    return (decision.personCategories.get(personId) ?? []).includes(category);
  return decision.categories.includes(category);
}

export const notEnrolled = () =>
  new ApiException(
    HttpStatus.NOT_FOUND,
    ErrorCode.NotFound,
    "This case is not in a koordinatorsgrupp's caseload.",
  );

export function notInFuture(value: string, today: string, field: string): string {
  const day = value.slice(0, 10);
  if (day > today) throw invalid(field, 'inFuture', `${field} cannot be in the future`);
  return day;
}

export async function organisationOrOwn(
  em: EntityManager,
  user: AuthenticatedUser,
  id: string | undefined,
  field: string,
): Promise<string> {
  if (!id) return user.organisation.id;
  if (!(await em.existsBy(OrganisationEntity, { id })))
    throw invalid(field, 'unknownOrganisation', 'No organisation has this id');
  return id;
}
