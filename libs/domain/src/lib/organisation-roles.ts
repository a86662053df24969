import { OrganisationType, Role } from '@samsyn/common';

/**
 * Roles that fit an organisation of any kind: coordination (samordnare), steering (styrgrupp),
 * log review (granskare) and administration. system_admin is in the list because the first
 * organisation of an installation holds it, whatever its kind; no org_admin may grant it.
 */
const ANY_KIND: readonly Role[] = [
  Role.Coordinator,
  Role.Steering,
  Role.Auditor,
  Role.OrgAdmin,
  Role.SystemAdmin,
];

/**
 * Which roles fit which kind of organisation (issue 16): the one table the API checks when a
 * role is granted and the client uses to offer roles. A case-working role belongs to the agency
 * whose staff do that work: healthcare staff in a region, social workers in a municipality,
 * police officers in a police area, probation officers in a Frivård office. A county board, a
 * school or another organisation (e.g. Försäkringskassan) takes part through coordination and
 * follow-up until a programme gives it a case role of its own.
 */
export const ROLES_BY_ORGANISATION_KIND: Readonly<Record<OrganisationType, readonly Role[]>> = {
  [OrganisationType.Region]: [Role.HealthcareStaff, ...ANY_KIND],
  [OrganisationType.Municipality]: [Role.SocialWorker, ...ANY_KIND],
  [OrganisationType.Police]: [Role.PoliceOfficer, ...ANY_KIND],
  [OrganisationType.Probation]: [Role.ProbationOfficer, ...ANY_KIND],
  [OrganisationType.CountyBoard]: ANY_KIND,
  [OrganisationType.School]: ANY_KIND,
  [OrganisationType.Other]: ANY_KIND,
};

/** Whether a user of an organisation of this kind may hold the role. */
export function roleFitsOrganisation(role: Role, kind: OrganisationType): boolean {
  return ROLES_BY_ORGANISATION_KIND[kind].includes(role);
}

/** The roles in `roles` that do not fit the kind, for a message that names them. */
export function rolesNotFitting(roles: readonly Role[], kind: OrganisationType): Role[] {
  return roles.filter((role) => !roleFitsOrganisation(role, kind));
}

/**
 * The roles a user holding `granterRoles` may grant to a user of an organisation of `kind`:
 * a system_admin any role that fits, an org_admin any that fits except system_admin (and only in
 * their own organisation: the caller checks that), anyone else none.
 */
export function grantableRoles(granterRoles: readonly Role[], kind: OrganisationType): Role[] {
  const fitting = ROLES_BY_ORGANISATION_KIND[kind];
  if (granterRoles.includes(Role.SystemAdmin)) return [...fitting];
  if (granterRoles.includes(Role.OrgAdmin)) return fitting.filter((r) => r !== Role.SystemAdmin);
  return [];
}
