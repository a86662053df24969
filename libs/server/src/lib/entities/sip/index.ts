import { SipDetailsEntity } from './sip-details.entity';
import { SipInvitationEntity } from './sip-invitation.entity';
import { SipMeetingEntity } from './sip-meeting.entity';
import { SipPlanApprovalEntity } from './sip-plan-approval.entity';
import { SipPlanVersionEntity } from './sip-plan-version.entity';

export {
  SipDetailsEntity,
  SipInvitationEntity,
  SipMeetingEntity,
  SipPlanApprovalEntity,
  SipPlanVersionEntity,
};

/** SIP entities (issue 4). */
export const SIP_ENTITIES: (new () => object)[] = [
  SipDetailsEntity,
  SipMeetingEntity,
  SipInvitationEntity,
  SipPlanVersionEntity,
  SipPlanApprovalEntity,
];
