import { SipMeetingKind, SipMeetingState } from '@samsyn/common';
import { mailAddress, meetingIcs } from './sip-documents';

const meeting = {
  id: '7b0c3f4e-0000-4000-8000-000000000001',
  caseId: 'c1',
  caseNumber: 'SIP-2026-000001',
  kind: SipMeetingKind.First,
  state: SipMeetingState.Called,
  version: 1,
  startsAt: '2026-04-01T08:00:00.000Z',
  endsAt: '2026-04-01T09:00:00.000Z',
  place: 'Mötesrum 3',
  videoLink: null,
  personParticipates: true,
  relativesParticipate: false,
  note: null,
  calledAt: '2026-03-15T08:00:00.000Z',
  calledBy: { id: 'u1', displayName: 'Vera Vård' },
  callingOrganisation: { id: 'o1', name: 'Region Örebro län' },
  callingUnit: { id: 'un1', name: 'Psykiatriska kliniken' },
  planVersionId: null,
  cancelledReason: null,
  invitations: [],
};

describe('mailAddress', () => {
  it('takes the address out of "Name <address>" or a bare address', () => {
    expect(mailAddress('Samsyn <samsyn@example.se>')).toBe('samsyn@example.se');
    expect(mailAddress('samsyn@example.se')).toBe('samsyn@example.se');
  });
});

describe('meetingIcs', () => {
  it('names the calling unit as ORGANIZER with a mailto of the configured sender', () => {
    const ics = meetingIcs(meeting, 'https://samsyn.example', 'Samsyn <samsyn@example.se>');
    const unfolded = ics.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toMatch(/ORGANIZER;CN="?Psykiatriska kliniken"?:mailto:samsyn@example\.se/i);
    expect(unfolded).toContain('SIP-möte SIP-2026-000001');
  });
});
