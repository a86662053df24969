import { addDays } from './calendar';

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

/** An agreement "expires soon" when its last valid day is at most this many days away (D25). */
export const AGREEMENT_EXPIRING_WITHIN_DAYS = 90;

/**
 * A follow-up may lie after the end of validity ("uppföljning november 2024, slutlig december
 * 2025" for an agreement valid through 2024), but not more than this many days after it.
 */
export const FOLLOW_UP_MAX_DAYS_AFTER_VALIDITY = 2 * 366;

/** Bounds of a SIP deadline an agreement may set (D10), in days. */
export const SIP_DEADLINE_MIN_DAYS = 0;
export const SIP_DEADLINE_MAX_DAYS = 90;

/** Where an agreement stands on a day; `expiring` is in force and within the warning window. */
export type AgreementStatus = 'upcoming' | 'in_force' | 'expiring' | 'expired';

/**
 * Validity as stored: first and last valid day, both inclusive (YYYY-MM-DD). An agreement
 * without a last day is valid until further notice ("gäller tills vidare", issue 17 §6): many
 * samverkansöverenskommelser are, and end only when a party gives notice.
 */
export interface AgreementValidity {
  validFrom: string;
  validUntil: string | null;
}

/** True for an agreement valid until further notice (no last valid day). */
export function validUntilFurtherNotice(validity: AgreementValidity): boolean {
  return validity.validUntil === null;
}

/** True when `on` (YYYY-MM-DD) lies within the validity, both ends inclusive. */
export function agreementInForce(validity: AgreementValidity, on: string): boolean {
  return validity.validFrom <= on && (validity.validUntil === null || on <= validity.validUntil);
}

/**
 * The status of an agreement on `on`. One valid until further notice is in force from its
 * first day on and never expiring or expired (it ends when someone records an end date).
 */
export function agreementStatus(
  validity: AgreementValidity,
  on: string,
  expiringWithinDays = AGREEMENT_EXPIRING_WITHIN_DAYS,
): AgreementStatus {
  if (on < validity.validFrom) return 'upcoming';
  if (validity.validUntil === null) return 'in_force';
  if (on > validity.validUntil) return 'expired';
  return validity.validUntil <= addDays(on, expiringWithinDays) ? 'expiring' : 'in_force';
}

/** A rule broken by an agreement's dates, named by the request field it concerns. */
export interface AgreementDateProblem {
  field: string;
  code: string;
  message: string;
}

/**
 * The date rules of an agreement (D25): it ends on or after the day it starts (or not at all:
 * valid until further notice), and each follow-up lies on or after the first valid day and, for
 * an agreement with an end, at most FOLLOW_UP_MAX_DAYS_AFTER_VALIDITY after the last. Fields are
 * named as in the create/update request (`followUps.<index>.dueOn`).
 */
export function agreementDateProblems(
  validity: AgreementValidity,
  followUpDates: readonly string[],
): AgreementDateProblem[] {
  const problems: AgreementDateProblem[] = [];
  const until = validity.validUntil;
  if (until !== null && until < validity.validFrom)
    problems.push({
      field: 'validUntil',
      code: 'notBeforeValidFrom',
      message: 'validUntil must not be before validFrom',
    });
  const latest =
    until === null
      ? null
      : addDays(
          until < validity.validFrom ? validity.validFrom : until,
          FOLLOW_UP_MAX_DAYS_AFTER_VALIDITY,
        );
  followUpDates.forEach((dueOn, i) => {
    if (dueOn < validity.validFrom)
      problems.push({
        field: `followUps.${i}.dueOn`,
        code: 'notBeforeValidFrom',
        message: 'a follow-up date must not be before validFrom',
      });
    else if (latest !== null && dueOn > latest)
      problems.push({
        field: `followUps.${i}.dueOn`,
        code: 'tooLateAfterValidUntil',
        message: `a follow-up date must be at most ${FOLLOW_UP_MAX_DAYS_AFTER_VALIDITY} days after validUntil`,
      });
  });
  return problems;
}

/** What an agreement says about SIP deadlines: either value may be left to the default. */
export interface AgreementSipRules extends AgreementValidity {
  summonsDaysAfterDischargeReady: number | null;
  firstMeetingDaysAfterRequest: number | null;
}

/** True when the agreement sets at least one SIP deadline. */
export function setsSipRules(a: AgreementSipRules): boolean {
  return a.summonsDaysAfterDischargeReady !== null || a.firstMeetingDaysAfterRequest !== null;
}

/**
 * The SIP deadlines on `on` (D10) from the candidate agreements (those to which every party of
 * the SIP belongs): the one in force that sets rules and began most recently wins, values it
 * leaves open come from the defaults; without such an agreement, the defaults.
 */
export function chooseSipDeadlineRules(
  candidates: readonly AgreementSipRules[],
  on: string,
): SipDeadlineRules {
  const chosen = candidates
    .filter((a) => agreementInForce(a, on) && setsSipRules(a))
    .reduce<AgreementSipRules | null>(
      (best, a) => (best === null || a.validFrom > best.validFrom ? a : best),
      null,
    );
  return {
    summonsDaysAfterDischargeReady:
      chosen?.summonsDaysAfterDischargeReady ??
      DEFAULT_SIP_DEADLINE_RULES.summonsDaysAfterDischargeReady,
    firstMeetingDaysAfterRequest:
      chosen?.firstMeetingDaysAfterRequest ??
      DEFAULT_SIP_DEADLINE_RULES.firstMeetingDaysAfterRequest,
  };
}
