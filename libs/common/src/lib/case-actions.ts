/**
 * What a caller may do on a case (issue 15): the API returns, with each case, consent and
 * emergency access, the actions the same policy that enforces them allows
 * (`allowedCaseActions` and siblings in libs/domain); the client offers only those. Each
 * control that offers one carries `data-action="<value>"` so a browser test can compare what is
 * offered with what the server allows.
 */
export enum CaseAction {
  /** `PATCH /cases/:id`: description and follow-up date. */
  Update = 'case.update',
  /** `PATCH /cases/:id` with `handlerId`. */
  AssignHandler = 'case.assignHandler',
  /** `POST /cases/:id/status` (also reopens a closed case). */
  ChangeStatus = 'case.changeStatus',
  /** `POST /cases/:id/links`. */
  Link = 'case.link',
  /** `POST /cases/:id/participants`. */
  ParticipantAdd = 'participant.add',
  /** `PATCH /cases/:id/participants/:personId`. */
  ParticipantUpdate = 'participant.update',
  /** `POST /cases/:id/team`. */
  TeamAdd = 'team.add',
  /** `DELETE /cases/:id/team/:memberId`. */
  TeamRemove = 'team.remove',
  /** `POST /cases/:id/journal`: a new entry. */
  JournalAdd = 'journal.add',
  /** `POST /cases/:id/journal` with `correctsId`: a correction of an entry. */
  JournalCorrect = 'journal.correct',
  /** `POST /cases/:id/consents`. */
  ConsentRecord = 'consent.record',
  /** `POST /cases/:id/consents` with `supersedesId` (per consent: not replaced, not withdrawn). */
  ConsentReplace = 'consent.replace',
  /** `POST /consents/:id/withdraw` (per consent: one the caller sees, not withdrawn). */
  ConsentWithdraw = 'consent.withdraw',
  /** `POST /cases/:id/disclosures`. */
  DisclosureRecord = 'disclosure.record',
  /**
   * `POST /cases/:id/emergency-access` (a case page the policy keeps the caller out of) or
   * `POST /emergency-accesses` by number (after a lookup that found no case the caller may see).
   */
  EmergencyAccessRequest = 'emergencyAccess.request',
  /** `POST /audit/review/emergency-accesses/:id/review` (per grant, for the log reviewer). */
  EmergencyAccessReview = 'emergencyAccess.review',
  /** `GET /audit/cases/:id/events`: the case's log, for the owning organisation's reviewer. */
  CaseLogRead = 'audit.caseLog',
}

export const CASE_ACTIONS: readonly CaseAction[] = Object.values(CaseAction);
