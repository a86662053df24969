import { type FieldError, type OrganisationType, Role } from '@samsyn/common';
import { grantableRoles, mayChangeUser, rolesNotFitting } from '@samsyn/domain';
import { OrganisationEntity, UnitEntity, UserEntity } from '@samsyn/server';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { conflict, invalid } from '../cases/case-rules';
import { ValidationFailedException } from '../common/problem-details';
import { assertMayAdministerOrganisation } from '../organisations/admin-scope';
import { notFound as organisationNotFound } from '../organisations/organisations.service';
import { mayNotChangeUser, userNotFound } from './user-admin-view';

/**
 * The user to change, locked for the transaction, after the caller's scope (403 for another
 * organisation's user, or for an id an org_admin cannot know) and their right to change this
 * account (a system administrator's account: system administrators only).
 */
export async function lockUserForChange(
  em: EntityManager,
  caller: AuthenticatedUser,
  id: string,
): Promise<UserEntity> {
  const user = await em.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!user) {
    // '' is no organisation's id: an org_admin gets the 403 of any other organisation's user.
    if (!caller.roles.includes(Role.SystemAdmin)) assertMayAdministerOrganisation(caller, '');
    throw userNotFound();
  }
  assertMayAdministerOrganisation(caller, user.organisationId);
  if (!mayChangeUser(caller, user)) throw mayNotChangeUser();
  return user;
}

/** The organisation a user belongs to or is created in; 404 when there is none. */
export async function organisationOf(
  em: EntityManager,
  organisationId: string,
): Promise<OrganisationEntity> {
  const org = await em.findOneBy(OrganisationEntity, { id: organisationId });
  if (!org) throw organisationNotFound();
  return org;
}

/**
 * 400 naming the roles that do not fit the organisation's kind, and those the caller may not
 * grant (an org_admin never grants system_admin); the one table is libs/domain's.
 */
export function checkRoles(
  caller: AuthenticatedUser,
  roles: readonly Role[],
  kind: OrganisationType,
): void {
  const errors: FieldError[] = [];
  const notFitting = rolesNotFitting(roles, kind);
  if (notFitting.length)
    errors.push({
      field: 'roles',
      code: 'rolesNotFitting',
      message: `These roles do not fit an organisation of kind ${kind}: ${notFitting.join(', ')}`,
    });
  const grantable = grantableRoles(caller.roles, kind);
  const refused = roles.filter((r) => !notFitting.includes(r) && !grantable.includes(r));
  if (refused.length)
    errors.push({
      field: 'roles',
      code: 'rolesNotGrantable',
      message: `You may not grant these roles: ${refused.join(', ')}`,
    });
  if (errors.length) throw new ValidationFailedException(errors);
}

/** 400 unless the unit is an active unit of the organisation. */
export async function checkUnit(
  em: EntityManager,
  organisationId: string,
  unitId: string,
): Promise<void> {
  const ok = await em.existsBy(UnitEntity, { id: unitId, organisationId, active: true });
  if (!ok)
    throw invalid(
      'unitId',
      'unitNotInOrganisation',
      'unitId must be an active unit of the user’s organisation.',
    );
}

/** 409 when the username is taken (case-insensitively; stored lower-case). */
export async function checkUsernameFree(em: EntityManager, username: string): Promise<void> {
  if (await em.existsBy(UserEntity, { username }))
    throw conflict(`The username "${username}" is taken; choose another.`);
}

/** 409 when another user of the organisation has this identity at its provider. */
export async function checkExternalIdFree(
  em: EntityManager,
  organisationId: string,
  externalId: string,
  except?: string,
): Promise<void> {
  const taken = await em
    .createQueryBuilder(UserEntity, 'u')
    .where('u.organisation_id = :organisationId AND u.external_id = :externalId', {
      organisationId,
      externalId,
    })
    .andWhere(except ? 'u.id <> :except' : 'true', { except })
    .getExists();
  if (taken)
    throw conflict(
      'Another user of this organisation has this identity at its identity provider (external id).',
    );
}

/** A database unique violation (a race with a concurrent create or edit): the same 409s. */
export function uniqueViolationOf(error: unknown): 'username' | 'externalId' | null {
  const e = error as {
    code?: string;
    constraint?: string;
    detail?: string;
    driverError?: { code?: string; detail?: string };
  };
  const code = e.driverError?.code ?? e.code;
  if (code !== '23505') return null;
  const detail = e.driverError?.detail ?? e.detail ?? '';
  if (detail.includes('(username)')) return 'username';
  if (detail.includes('external_id')) return 'externalId';
  return null;
}
