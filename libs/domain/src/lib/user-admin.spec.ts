import { Role, UserAdminAction } from '@samsyn/common';
import { mayChangeUser, ownAdminRolesRemoved, userAdminActions } from './user-admin';

const orgAdmin = { id: 'a', roles: [Role.OrgAdmin] };
const sysAdmin = { id: 's', roles: [Role.SystemAdmin] };
const worker = { id: 'w', roles: [Role.SocialWorker], active: true, lockedOrFailing: false };

describe('users administration rule', () => {
  it('lets an org_admin change staff but not a system administrator; nobody else changes anyone', () => {
    expect(mayChangeUser(orgAdmin, worker)).toBe(true);
    expect(mayChangeUser(orgAdmin, { roles: [Role.SystemAdmin, Role.OrgAdmin] })).toBe(false);
    expect(mayChangeUser(sysAdmin, { roles: [Role.SystemAdmin] })).toBe(true);
    expect(mayChangeUser({ id: 'x', roles: [Role.Auditor] }, worker)).toBe(false);
    expect(userAdminActions(orgAdmin, { ...worker, roles: [Role.SystemAdmin] })).toEqual([]);
  });

  it('offers what fits the user’s state', () => {
    expect(userAdminActions(orgAdmin, worker)).toEqual([
      UserAdminAction.Edit,
      UserAdminAction.Deactivate,
      UserAdminAction.ResetPassword,
    ]);
    expect(userAdminActions(orgAdmin, { ...worker, active: false })).toEqual([
      UserAdminAction.Edit,
      UserAdminAction.Reactivate,
    ]);
    expect(userAdminActions(orgAdmin, { ...worker, lockedOrFailing: true })).toContain(
      UserAdminAction.Unlock,
    );
  });

  it('offers resetting the second factor of a user who has one, and not to an org_admin for a system administrator', () => {
    expect(userAdminActions(orgAdmin, worker)).not.toContain(UserAdminAction.ResetSecondFactor);
    expect(userAdminActions(orgAdmin, { ...worker, secondFactorEnrolled: true })).toContain(
      UserAdminAction.ResetSecondFactor,
    );
    expect(
      userAdminActions(orgAdmin, {
        ...worker,
        roles: [Role.SystemAdmin],
        secondFactorEnrolled: true,
      }),
    ).toEqual([]);
  });

  it('never offers deactivating oneself', () => {
    const self = { id: 'a', roles: [Role.OrgAdmin], active: true, lockedOrFailing: false };
    expect(userAdminActions(orgAdmin, self)).not.toContain(UserAdminAction.Deactivate);
  });

  it('names the admin roles one would take from oneself, and only from oneself', () => {
    expect(ownAdminRolesRemoved(orgAdmin, 'a', [Role.Coordinator])).toEqual([Role.OrgAdmin]);
    expect(ownAdminRolesRemoved(orgAdmin, 'a', [Role.OrgAdmin, Role.Auditor])).toEqual([]);
    expect(ownAdminRolesRemoved(orgAdmin, 'someone-else', [])).toEqual([]);
    expect(
      ownAdminRolesRemoved({ id: 's', roles: [Role.SystemAdmin, Role.OrgAdmin] }, 's', [
        Role.OrgAdmin,
      ]),
    ).toEqual([Role.SystemAdmin]);
  });
});
