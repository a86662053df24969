import {
  AuditAction,
  SipDeadlineKind,
  SipDeadlineState,
  SipEndedBy,
  SipInvitationKind,
  SipInvitationState,
  SipMeasureStatus,
  SipMeetingKind,
  SipMeetingState,
  SipPlanState,
  SipResponsibleKind,
} from '@samsyn/common';
import { type LabelGroup, labelKey } from './labels';
import { translate } from './dictionaries';

describe('SIP labels', () => {
  const groups: [LabelGroup, string[]][] = [
    ['sipDeadlineKind', Object.values(SipDeadlineKind)],
    ['sipDeadlineState', Object.values(SipDeadlineState)],
    ['sipEndedBy', Object.values(SipEndedBy)],
    ['sipInvitationKind', Object.values(SipInvitationKind)],
    ['sipInvitationState', Object.values(SipInvitationState)],
    ['sipMeasureStatus', Object.values(SipMeasureStatus)],
    ['sipMeetingKind', Object.values(SipMeetingKind)],
    ['sipMeetingState', Object.values(SipMeetingState)],
    ['sipPlanState', Object.values(SipPlanState)],
    ['sipResponsibleKind', Object.values(SipResponsibleKind)],
    [
      'auditAction',
      Object.values(AuditAction).filter((a) => a.startsWith('sip.') || a.startsWith('trygga_hem.')),
    ],
  ];

  it.each(groups)('names every %s value in Swedish and English', (group, codes) => {
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) {
      const key = labelKey(group, code);
      expect({ code, key }).toEqual({ code, key: expect.any(String) });
      expect(translate('en', key!).length).toBeGreaterThan(0);
    }
  });

  it('says what a deadline at risk and a proposed time mean in Swedish', () => {
    expect(translate('sv', labelKey('sipDeadlineState', 'at_risk')!)).toBe('Risk att missas');
    expect(translate('en', labelKey('sipInvitationState', 'proposed_time')!)).toBe(
      'Proposes another time',
    );
  });
});
