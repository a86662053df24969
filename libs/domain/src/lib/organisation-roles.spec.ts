import { OrganisationType, ORGANISATION_TYPES, Role, ROLES } from '@samsyn/common';
import {
  grantableRoles,
  ROLES_BY_ORGANISATION_KIND,
  roleFitsOrganisation,
  rolesNotFitting,
} from './organisation-roles';

const CASE_ROLES: Record<string, OrganisationType> = {
  [Role.HealthcareStaff]: OrganisationType.Region,
  [Role.SocialWorker]: OrganisationType.Municipality,
  [Role.PoliceOfficer]: OrganisationType.Police,
  [Role.ProbationOfficer]: OrganisationType.Probation,
};

describe('roles by organisation kind', () => {
  it('gives every kind, school and other included, the coordination and follow-up roles', () => {
    for (const kind of ORGANISATION_TYPES) {
      for (const role of [Role.Coordinator, Role.Steering, Role.Auditor, Role.OrgAdmin]) {
        expect([kind, role, roleFitsOrganisation(role, kind)]).toEqual([kind, role, true]);
      }
    }
    expect(ORGANISATION_TYPES).toEqual(expect.arrayContaining(['school', 'other']));
  });

  it('fits each case-working role to its own agency only', () => {
    for (const [role, home] of Object.entries(CASE_ROLES)) {
      const fits = ORGANISATION_TYPES.filter((kind) => roleFitsOrganisation(role as Role, kind));
      expect([role, fits]).toEqual([role, [home]]);
    }
  });

  it('has a row for every kind and only known roles in it', () => {
    expect(Object.keys(ROLES_BY_ORGANISATION_KIND).sort()).toEqual([...ORGANISATION_TYPES].sort());
    for (const roles of Object.values(ROLES_BY_ORGANISATION_KIND)) {
      for (const role of roles) expect(ROLES).toContain(role);
    }
  });

  it('names the roles that do not fit', () => {
    expect(
      rolesNotFitting([Role.SocialWorker, Role.HealthcareStaff], OrganisationType.Region),
    ).toEqual([Role.SocialWorker]);
    expect(rolesNotFitting([Role.PoliceOfficer], OrganisationType.Police)).toEqual([]);
  });
});

describe('grantableRoles', () => {
  it('lets a system_admin grant every fitting role, system_admin included', () => {
    expect(grantableRoles([Role.SystemAdmin], OrganisationType.Region)).toEqual([
      ...ROLES_BY_ORGANISATION_KIND.region,
    ]);
  });

  it('lets an org_admin grant every fitting role except system_admin', () => {
    const roles = grantableRoles([Role.OrgAdmin], OrganisationType.Municipality);
    expect(roles).toContain(Role.SocialWorker);
    expect(roles).toContain(Role.OrgAdmin);
    expect(roles).not.toContain(Role.SystemAdmin);
    expect(roles).not.toContain(Role.HealthcareStaff);
  });

  it('lets nobody else grant anything', () => {
    for (const role of ROLES.filter((r) => r !== Role.SystemAdmin && r !== Role.OrgAdmin)) {
      expect([role, grantableRoles([role], OrganisationType.Municipality)]).toEqual([role, []]);
    }
  });
});
