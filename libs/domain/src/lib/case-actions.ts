import {
  AccessBasis,
  AccessDenialReason,
  CaseAction,
  hasPermissions,
  Permission,
  type Role,
} from '@samsyn/common';
import type { CaseDecision, PolicyActor } from './access-policy';

/**
 * What a caller may DO on a case (issue 15), from the same decision that `decideCaseAccess`
 * makes. The API enforces every case action through `caseActionRefusal` (the case-access
 * service's `require`) and returns `allowedCaseActions` with the case, so the client offers
 * exactly what the server accepts. One table, `CASE_ACTION_RIGHT`, says what each action needs.
 */

/**
 * What a request needs from the caller's decision. `read`: the policy lets them in. `write`:
 * they may add entries (owner or consent/disclosure with categories, open case). `manage`: the
 * owner's right, also on a closed case (status changes may reopen it). `change`: managing an
 * open case.
 */
export type CaseRight = 'read' | 'write' | 'manage' | 'change';

/** The actions a case worker takes on a case they may open: the right and permission each needs. */
export const CASE_ACTION_RIGHT = {
  [CaseAction.Update]: { right: 'change', permission: Permission.CaseWrite },
  [CaseAction.AssignHandler]: { right: 'change', permission: Permission.CaseWrite },
  [CaseAction.ChangeStatus]: { right: 'manage', permission: Permission.CaseWrite },
  [CaseAction.Link]: { right: 'change', permission: Permission.CaseWrite },
  [CaseAction.ParticipantAdd]: { right: 'change', permission: Permission.CaseWrite },
  [CaseAction.ParticipantUpdate]: { right: 'change', permission: Permission.CaseWrite },
  [CaseAction.TeamAdd]: { right: 'change', permission: Permission.CaseWrite },
  [CaseAction.TeamRemove]: { right: 'change', permission: Permission.CaseWrite },
  [CaseAction.JournalAdd]: { right: 'write', permission: Permission.CaseWrite },
  [CaseAction.JournalCorrect]: { right: 'write', permission: Permission.CaseWrite },
  [CaseAction.ConsentRecord]: { right: 'change', permission: Permission.ConsentRecord },
  [CaseAction.ConsentReplace]: { right: 'change', permission: Permission.ConsentRecord },
  // D15: anyone with access may record a withdrawal; it only ever reduces sharing.
  [CaseAction.ConsentWithdraw]: { right: 'read', permission: Permission.ConsentRecord },
  [CaseAction.DisclosureRecord]: { right: 'change', permission: Permission.ConsentRecord },
} as const satisfies Partial<Record<CaseAction, { right: CaseRight; permission: Permission }>>;

/** An action on a case the caller may open (everything in `CASE_ACTION_RIGHT`). */
export type CaseWorkAction = keyof typeof CASE_ACTION_RIGHT;

export const CASE_WORK_ACTIONS = Object.keys(CASE_ACTION_RIGHT) as CaseWorkAction[];

export function isCaseWorkAction(value: string): value is CaseWorkAction {
  return Object.prototype.hasOwnProperty.call(CASE_ACTION_RIGHT, value);
}

/** The facts of the case an action depends on besides the decision. */
export interface ActionCase {
  closed: boolean;
}

/** Why the decision does not give the right, or null when it does. */
export function rightRefusal(
  decision: CaseDecision,
  kase: ActionCase,
  right: CaseRight,
): AccessDenialReason | null {
  if (!decision.allowed) return decision.reason ?? AccessDenialReason.NoRelation;
  if (right === 'write' && !decision.canWrite)
    return kase.closed ? AccessDenialReason.CaseClosed : AccessDenialReason.NotOwner;
  if ((right === 'manage' || right === 'change') && !decision.canManage)
    return AccessDenialReason.NotOwner;
  if (right === 'change' && kase.closed) return AccessDenialReason.CaseClosed;
  return null;
}

/** Why the caller may not take the action on the case, or null when they may. */
export function caseActionRefusal(
  action: CaseWorkAction,
  decision: CaseDecision,
  actor: Pick<PolicyActor, 'roles'>,
  kase: ActionCase,
): AccessDenialReason | null {
  const { right, permission } = CASE_ACTION_RIGHT[action];
  if (!hasPermissions(actor.roles, [permission])) return AccessDenialReason.RoleNotPermitted;
  return rightRefusal(decision, kase, right);
}

export function actionAllowed(
  action: CaseWorkAction,
  decision: CaseDecision,
  actor: Pick<PolicyActor, 'roles'>,
  kase: ActionCase,
): boolean {
  return caseActionRefusal(action, decision, actor, kase) === null;
}

/**
 * Whether a caller whom the policy keeps out may ask for emergency access (D17): anyone in case
 * work (R1), and only while nothing else lets them in (an active grant or a consent wins).
 */
export function mayRequestEmergencyAccess(
  decision: CaseDecision,
  actor: Pick<PolicyActor, 'roles'>,
): boolean {
  return (
    !decision.allowed &&
    decision.reason !== AccessDenialReason.RoleNotPermitted &&
    hasPermissions(actor.roles, [Permission.CaseRead])
  );
}

/**
 * Every action the caller may take on the case. For a caller the policy lets in: the case-work
 * actions whose right and permission they hold (per-record actions — replacing or withdrawing a
 * consent — then also depend on the record: `allowedConsentActions`). For one it keeps out:
 * at most `emergencyAccess.request`.
 */
export function allowedCaseActions(
  decision: CaseDecision,
  actor: Pick<PolicyActor, 'roles'>,
  kase: ActionCase,
): CaseAction[] {
  if (!decision.allowed)
    return mayRequestEmergencyAccess(decision, actor) ? [CaseAction.EmergencyAccessRequest] : [];
  return CASE_WORK_ACTIONS.filter((a) => actionAllowed(a, decision, actor, kase));
}

/**
 * What a caller may do after a lookup by number that gave them no case (issue 18 §7): ask for
 * emergency access by the number. The answer must be the same whether no case has the number or
 * the policy keeps the caller out of it, so it depends on the caller alone — and it is what
 * `allowedCaseActions` offers on any case the policy keeps them out of (a refusal other than R1
 * leaves `emergencyAccess.request`; R1 nothing).
 */
export function allowedLookupMissActions(actor: Pick<PolicyActor, 'roles'>): CaseAction[] {
  return hasPermissions(actor.roles, [Permission.CaseRead])
    ? [CaseAction.EmergencyAccessRequest]
    : [];
}

/** A consent record as the per-record actions read it. */
export interface ActionConsent {
  recipientOrganisationIds: readonly string[];
  withdrawn: boolean;
  superseded: boolean;
}

/**
 * Why a consent record does not allow the action even though the case does: `hidden` (another
 * organisation sees only the records naming it — answered as 404), `withdrawn` or `superseded`
 * (409). Null when the record allows it.
 */
export type ConsentRecordRefusal = 'hidden' | 'withdrawn' | 'superseded';

export function consentRecordRefusal(
  action: CaseAction.ConsentReplace | CaseAction.ConsentWithdraw,
  decision: CaseDecision,
  actor: Pick<PolicyActor, 'organisationId'>,
  consent: ActionConsent,
): ConsentRecordRefusal | null {
  const visible =
    decision.basis === AccessBasis.Owner ||
    consent.recipientOrganisationIds.includes(actor.organisationId);
  if (!visible) return 'hidden';
  if (consent.withdrawn) return 'withdrawn';
  // A record is replaced once; a replaced record may still be withdrawn (it only reduces sharing).
  if (action === CaseAction.ConsentReplace && consent.superseded) return 'superseded';
  return null;
}

/** `consent.replace` / `consent.withdraw` where both the case and the record allow them. */
export function allowedConsentActions(
  decision: CaseDecision,
  actor: Pick<PolicyActor, 'roles' | 'organisationId'>,
  kase: ActionCase,
  consent: ActionConsent,
): CaseAction[] {
  return ([CaseAction.ConsentReplace, CaseAction.ConsentWithdraw] as const).filter(
    (a) =>
      actionAllowed(a, decision, actor, kase) &&
      consentRecordRefusal(a, decision, actor, consent) === null,
  );
}

/** A log reviewer (auditor), as the review actions read them. */
export interface ReviewActor {
  userId: string;
  organisationId: string;
  roles: readonly Role[];
}

/**
 * Whether the reviewer may open a case's log: the auditors of the case's owning organisation
 * (another organisation's log is not theirs to read, D19).
 */
export function mayReadCaseLog(actor: ReviewActor, caseOwningOrganisationId: string): boolean {
  return (
    hasPermissions(actor.roles, [Permission.AuditReview]) &&
    actor.organisationId === caseOwningOrganisationId
  );
}

/** An emergency grant as its review reads it. */
export interface ReviewGrant {
  userId: string;
  caseOwningOrganisationId: string;
  reviewed: boolean;
}

/**
 * Why the reviewer may not sign off the grant: `reviewed` (409), `own_grant` (nobody reviews their
 * own break-the-glass) or `no_case_log` (a review checks the case's log, so only a reviewer who
 * may open it reviews: the auditors of the case's owning organisation). Null when they may.
 */
export type EmergencyReviewRefusal =
  'role_not_permitted' | 'reviewed' | 'own_grant' | 'no_case_log';

export function emergencyReviewRefusal(
  actor: ReviewActor,
  grant: ReviewGrant,
): EmergencyReviewRefusal | null {
  if (!hasPermissions(actor.roles, [Permission.AuditReview])) return 'role_not_permitted';
  if (grant.reviewed) return 'reviewed';
  if (grant.userId === actor.userId) return 'own_grant';
  if (!mayReadCaseLog(actor, grant.caseOwningOrganisationId)) return 'no_case_log';
  return null;
}

/** What the reviewer may do with one grant in the review list. */
export function allowedEmergencyAccessActions(
  actor: ReviewActor,
  grant: ReviewGrant,
): CaseAction[] {
  const actions: CaseAction[] = [];
  if (mayReadCaseLog(actor, grant.caseOwningOrganisationId)) actions.push(CaseAction.CaseLogRead);
  if (emergencyReviewRefusal(actor, grant) === null) actions.push(CaseAction.EmergencyAccessReview);
  return actions;
}
