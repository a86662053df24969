/**
 * SIP time limits (D10): configurable per cooperation agreement, never hard-coded in the flow.
 * An agreement in force between the calling organisation and the invited huvudman sets them;
 * without one, these defaults apply (the Örebro agreement's 3 days after discharge readiness).
 */
export interface SipDeadlineRules {
  /** Days after the "ready for discharge" date within which the kallelse must be sent (lag 2017:612). */
  summonsDaysAfterDischargeReady: number;
  /** Days after the SIP was requested within which the first meeting must be held. */
  firstMeetingDaysAfterRequest: number;
}

export const DEFAULT_SIP_DEADLINE_RULES: Readonly<SipDeadlineRules> = {
  summonsDaysAfterDischargeReady: 3,
  firstMeetingDaysAfterRequest: 14,
};
