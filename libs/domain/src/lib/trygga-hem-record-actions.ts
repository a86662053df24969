import {
  hasPermissions,
  InformationCategory,
  Permission,
  type Role,
  TRYGGA_HEM_RECORD_CATEGORY,
  TryggaHemAction,
  TryggaHemRecordKind,
} from '@samsyn/common';
import { type CaseDecision, canWriteCategory } from './access-policy';
import { caseloadActions } from './trygga-hem-actions';

/**
 * Who may record, correct and follow up what on a Trygga hem case in a caseload (issue 15). The
 * API's write frame refuses with `mayWriteTryggaHem`, the corrections with `recordChangeRefusal`;
 * the case it answers lists the same results as `allowedActions`, per case and per record.
 */

/** The caller as every Trygga hem write sees them: the case decision and their roles. */
export interface TryggaHemWriter {
  decision: CaseDecision;
  roles: readonly Role[];
}

/**
 * Every Trygga hem write: a role that writes cases (`case:write`, the routes' guard) and the
 * category writable on this case (write access, category in the decision).
 */
export function mayWriteTryggaHem(writer: TryggaHemWriter, category: InformationCategory): boolean {
  return (
    hasPermissions(writer.roles, [Permission.CaseWrite]) &&
    canWriteCategory(writer.decision, category)
  );
}

/** Recording a new record of each kind takes its category (as the recording services write it). */
export const TRYGGA_HEM_RECORDING: readonly (readonly [TryggaHemAction, InformationCategory])[] = [
  [TryggaHemAction.AddNotification, TRYGGA_HEM_RECORD_CATEGORY[TryggaHemRecordKind.Notification]],
  [TryggaHemAction.AddOffer, InformationCategory.Social],
  [
    TryggaHemAction.AddControlMeasure,
    TRYGGA_HEM_RECORD_CATEGORY[TryggaHemRecordKind.ControlMeasure],
  ],
  [TryggaHemAction.AddIncident, TRYGGA_HEM_RECORD_CATEGORY[TryggaHemRecordKind.Incident]],
  [TryggaHemAction.AddRiskAssessment, InformationCategory.Risk],
  // D3: only victim-side users have the safety category at all.
  [TryggaHemAction.SaveSafetyPlan, InformationCategory.Safety],
];

/**
 * The case's own actions: leave and a new priority (`caseloadActions`), and recording each kind
 * of record. Nothing without `case:write`.
 */
export function tryggaHemCaseActions(
  input: TryggaHemWriter & { groupMember: boolean },
): TryggaHemAction[] {
  if (!hasPermissions(input.roles, [Permission.CaseWrite])) return [];
  return [
    ...caseloadActions(input),
    ...TRYGGA_HEM_RECORDING.filter(([, category]) => mayWriteTryggaHem(input, category)).map(
      ([action]) => action,
    ),
  ];
}

/** Why a notification, control measure or incident cannot be corrected or removed, or null. */
export type RecordChangeRefusal = 'category' | 'notRecorder' | 'removed';

/** D21: the recording organisation, with the category writable, while the record is not removed. */
export function recordChangeRefusal(
  input: TryggaHemWriter & {
    kind: TryggaHemRecordKind;
    recordedByOwnOrganisation: boolean;
    removed: boolean;
  },
): RecordChangeRefusal | null {
  if (!mayWriteTryggaHem(input, TRYGGA_HEM_RECORD_CATEGORY[input.kind])) return 'category';
  if (!input.recordedByOwnOrganisation) return 'notRecorder';
  if (input.removed) return 'removed';
  return null;
}

/** A correctable record's actions: correct and remove, or nothing. */
export function recordActions(input: Parameters<typeof recordChangeRefusal>[0]): TryggaHemAction[] {
  return recordChangeRefusal(input) === null
    ? [TryggaHemAction.CorrectRecord, TryggaHemAction.RemoveRecord]
    : [];
}

/** An offer's uptake is changed by whoever may record offers (the social category). */
export function offerActions(writer: TryggaHemWriter): TryggaHemAction[] {
  return mayWriteTryggaHem(writer, InformationCategory.Social)
    ? [TryggaHemAction.ChangeOfferUptake]
    : [];
}

/**
 * A koordinatorsgrupp action is marked done (or open again) by whoever may write its case's
 * coordination data, while the case is in a caseload.
 */
export function actionStatusActions(
  input: TryggaHemWriter & { enrolled: boolean },
): TryggaHemAction[] {
  return input.enrolled && mayWriteTryggaHem(input, InformationCategory.Coordination)
    ? [TryggaHemAction.SetActionStatus]
    : [];
}
