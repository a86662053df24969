import { Role } from './roles';

/**
 * Permission names checked by the API's `@RequirePermission()` and used by the client to hide
 * what a user cannot do. Role permissions are necessary, never sufficient: access to a given
 * case is further decided by the access policy (organisation, case team, consent).
 */
export enum Permission {
  CaseRead = 'case:read',
  CaseCreate = 'case:create',
  CaseWrite = 'case:write',
  SipCall = 'sip:call',
  ConsentRecord = 'consent:record',
  StatisticsRead = 'statistics:read',
  /**
   * Download the de-identified, k-anonymous case-level data set for the evaluators (D6, issue
   * 17 §5): steering and coordinators, who commission and follow the evaluation.
   */
  EvaluationExport = 'evaluation:export',
  /** Read the cooperation agreements and their dates (D25). */
  AgreementRead = 'agreement:read',
  /** Record and change agreements, their parties, dates and SIP deadlines (D25, D10). */
  AgreementManage = 'agreement:manage',
  /** Set up koordinatorsgrupper and their members (D2); no case data. */
  CoordinatorGroupManage = 'coordinator_group:manage',
  OrganisationRead = 'organisation:read',
  OrganisationAdmin = 'organisation:admin',
  /** Create, edit and deactivate organisations and their units (system_admin, issue 16). */
  OrganisationManage = 'organisation:manage',
  AuditReview = 'audit:review',
  /** See the retention rules and gallring runs, start dry runs, set legal holds (D22). */
  GallringRead = 'gallring:read',
  /** Change retention rules and start clearing runs (system_admin, D22). */
  GallringManage = 'gallring:manage',
  NotificationRead = 'notification:read',
  /** Counts of overdue reminders per unit and kind, without cases (issue 15 §7, D1). */
  OverdueSummaryRead = 'reminder:overdue_summary',
  SystemOperate = 'system:operate',
}

const CASEWORK: readonly Permission[] = [
  Permission.CaseRead,
  Permission.CaseCreate,
  Permission.CaseWrite,
  Permission.ConsentRecord,
  Permission.OrganisationRead,
  Permission.NotificationRead,
];

/** The one role → permission map. Steering and coordinators see aggregates only (D1). */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  [Role.SocialWorker]: [...CASEWORK, Permission.SipCall],
  [Role.HealthcareStaff]: [...CASEWORK, Permission.SipCall],
  [Role.PoliceOfficer]: CASEWORK,
  [Role.ProbationOfficer]: CASEWORK,
  [Role.Coordinator]: [
    Permission.StatisticsRead,
    Permission.EvaluationExport,
    Permission.AgreementRead,
    Permission.AgreementManage,
    Permission.CoordinatorGroupManage,
    Permission.OrganisationRead,
    Permission.NotificationRead,
    Permission.OverdueSummaryRead,
  ],
  [Role.Steering]: [
    Permission.StatisticsRead,
    Permission.EvaluationExport,
    Permission.AgreementRead,
    Permission.OrganisationRead,
    Permission.NotificationRead,
  ],
  [Role.OrgAdmin]: [
    Permission.StatisticsRead,
    Permission.OrganisationRead,
    Permission.OrganisationAdmin,
    Permission.GallringRead,
    Permission.AgreementRead,
    Permission.AgreementManage,
    Permission.CoordinatorGroupManage,
    Permission.NotificationRead,
  ],
  [Role.Auditor]: [
    Permission.AuditReview,
    Permission.OrganisationRead,
    Permission.NotificationRead,
  ],
  [Role.SystemAdmin]: [
    Permission.SystemOperate,
    Permission.OrganisationRead,
    Permission.OrganisationManage,
    Permission.GallringRead,
    Permission.GallringManage,
    Permission.NotificationRead,
  ],
};

/** Every permission granted by any of the given roles, without duplicates, in a stable order. */
export function permissionsForRoles(roles: readonly Role[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) {
    for (const permission of ROLE_PERMISSIONS[role] ?? []) granted.add(permission);
  }
  return Object.values(Permission).filter((p) => granted.has(p));
}

/** True when the roles grant every one of the required permissions. */
export function hasPermissions(roles: readonly Role[], required: readonly Permission[]): boolean {
  // Checked on every request and for every case of a list: no sets or arrays built.
  return required.every((p) => roles.some((role) => ROLE_PERMISSIONS[role]?.includes(p)));
}
