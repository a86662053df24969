/** User roles. A user holds one or more; what each may do is in ROLE_PERMISSIONS. */
export enum Role {
  SocialWorker = 'social_worker',
  HealthcareStaff = 'healthcare_staff',
  PoliceOfficer = 'police_officer',
  ProbationOfficer = 'probation_officer',
  Coordinator = 'coordinator',
  Steering = 'steering',
  OrgAdmin = 'org_admin',
  Auditor = 'auditor',
  SystemAdmin = 'system_admin',
}

export const ROLES: readonly Role[] = Object.values(Role);
