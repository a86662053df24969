import type { TranslationKey } from './sv';
import { isTranslationKey } from './translate';

/**
 * Groups of codes the API sends (programmes, statuses, roles, categories, …) and the dictionary
 * prefix of their names. A code the client does not know yet is shown as the code itself.
 */
export type LabelGroup =
  | 'programme'
  | 'programmeInfo'
  | 'status'
  | 'participantRole'
  | 'teamRole'
  | 'category'
  | 'consentForm'
  | 'consentState'
  | 'provision'
  | 'basis'
  | 'relation'
  | 'protectedLevel'
  | 'pnrKind'
  | 'orgType'
  | 'unitKind'
  | 'auditAction'
  | 'auditTarget'
  // User roles (issue 16): texts in user-admin.sv.ts / user-admin.en.ts.
  | 'role'
  | 'suppressed'
  | 'denial'
  | 'reminderKind'
  | 'sipMeetingKind'
  | 'sipMeetingState'
  | 'sipInvitationKind'
  | 'sipInvitationState'
  | 'sipPlanState'
  | 'sipResponsibleKind'
  | 'sipMeasureStatus'
  | 'sipDeadlineKind'
  | 'sipDeadlineState'
  | 'sipEndedBy'
  | 'sipDiffSection'
  | 'sipDiffChange'
  | 'sipDiffField'
  // Trygga hem (issue 6): texts in trygga-hem.sv.ts / trygga-hem.en.ts.
  | 'notificationMethod'
  | 'offerKind'
  | 'offerUptake'
  | 'controlMeasureKind'
  | 'incidentKind'
  | 'riskInstrument'
  | 'riskLevel'
  | 'actionStatus'
  | 'meetingStatus'
  | 'agendaReason'
  // Forms of violence (issue 15): texts in violence-forms.sv.ts / violence-forms.en.ts.
  | 'violenceForm';

/** The dictionary key naming `code`, or null when the client has no name for it. */
export function labelKey(group: LabelGroup, code: string): TranslationKey | null {
  const key = `${group}.${code}`;
  return isTranslationKey(key) ? key : null;
}
