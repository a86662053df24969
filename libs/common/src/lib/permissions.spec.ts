import { hasPermissions, Permission, permissionsForRoles, ROLE_PERMISSIONS } from './permissions';
import { Role, ROLES } from './roles';

describe('role → permission map', () => {
  it('defines permissions for every role', () => {
    for (const role of ROLES) expect(ROLE_PERMISSIONS[role].length).toBeGreaterThan(0);
  });

  it('unites the permissions of several roles without duplicates', () => {
    const perms = permissionsForRoles([Role.SocialWorker, Role.Coordinator]);
    expect(perms).toContain(Permission.CaseCreate);
    expect(perms).toContain(Permission.StatisticsRead);
    expect(new Set(perms).size).toBe(perms.length);
  });

  it('gives steering and coordinators aggregate figures only, never case data (D1)', () => {
    for (const role of [Role.Steering, Role.Coordinator]) {
      expect(hasPermissions([role], [Permission.StatisticsRead])).toBe(true);
      expect(hasPermissions([role], [Permission.CaseRead])).toBe(false);
    }
  });

  it('lets steering and coordinators, and no case worker, download the evaluation export (D6)', () => {
    const exporting = ROLES.filter((role) => hasPermissions([role], [Permission.EvaluationExport]));
    expect(exporting).toEqual([Role.Coordinator, Role.Steering]);
  });

  it('requires every listed permission', () => {
    expect(hasPermissions([Role.Auditor], [Permission.AuditReview, Permission.SystemOperate])).toBe(
      false,
    );
    expect(hasPermissions([], [])).toBe(true);
  });
});
