import { type EscalationCaseFacts, escalationTargets } from './escalation';

const REGION = 'org-region';
const KOMMUN = 'org-kommun';
const POLICE = 'org-police';

const sip = (over: Partial<EscalationCaseFacts> = {}): EscalationCaseFacts => ({
  programme: 'SIP',
  owningOrganisationId: REGION,
  owningUnitId: 'unit-clinic',
  handlerId: 'user-handler',
  team: [
    { userId: 'user-handler', unitId: null, organisationId: REGION, principal: true },
    { userId: null, unitId: 'unit-social', organisationId: KOMMUN, principal: true },
    { userId: null, unitId: 'unit-frivard', organisationId: 'org-frivard', principal: false },
  ],
  groupMembers: [],
  leadOrganisationId: null,
  ...over,
});

const th = (over: Partial<EscalationCaseFacts> = {}): EscalationCaseFacts => ({
  programme: 'TRYGGA_HEM',
  owningOrganisationId: KOMMUN,
  owningUnitId: 'unit-social',
  handlerId: 'user-social',
  team: [
    { userId: 'user-social', unitId: null, organisationId: KOMMUN, principal: true },
    { userId: 'user-police', unitId: null, organisationId: POLICE, principal: false },
    { userId: null, unitId: 'unit-frivard', organisationId: 'org-frivard', principal: false },
  ],
  groupMembers: [
    { userId: 'user-social', unitId: 'unit-social' },
    { userId: 'user-police', unitId: 'unit-police' },
    { userId: 'user-frivard', unitId: 'unit-frivard' },
    // In the group, not on this case's team: never told about it.
    { userId: 'user-region', unitId: 'unit-region' },
  ],
  leadOrganisationId: null,
  ...over,
});

describe('escalationTargets (issue 15 §7)', () => {
  describe('Trygga hem: the koordinatorsgrupp members on the case team', () => {
    it('an action owner’s unread reminder goes to the other group members on the team', () => {
      expect(
        escalationTargets(th(), { userId: 'user-police', unitId: null, organisationId: POLICE }),
      ).toEqual({ userIds: ['user-frivard', 'user-social'], unitIds: [] });
    });

    it('a group member who is not on the case team is never a recipient', () => {
      const t = escalationTargets(th(), {
        userId: 'user-social',
        unitId: null,
        organisationId: KOMMUN,
      });
      expect(t.userIds).not.toContain('user-region');
      expect(t.userIds).toEqual(['user-frivard', 'user-police']);
    });

    it('with nobody else in the group on the team: the handler', () => {
      const kase = th({ groupMembers: [{ userId: 'user-police', unitId: null }] });
      expect(
        escalationTargets(kase, { userId: 'user-police', unitId: null, organisationId: POLICE }),
      ).toEqual({ userIds: ['user-social'], unitIds: [] });
    });
  });

  describe('SIP: the other huvudman and the huvudansvarig unit', () => {
    it('the region handler’s unread reminder goes to the municipality’s unit and, before a plan, the owning unit', () => {
      expect(
        escalationTargets(sip(), { userId: 'user-handler', unitId: null, organisationId: REGION }),
      ).toEqual({ userIds: [], unitIds: ['unit-clinic', 'unit-social'] });
    });

    it('an invited unit’s unread kallelse goes to the calling huvudman', () => {
      expect(
        escalationTargets(sip(), { userId: null, unitId: 'unit-social', organisationId: KOMMUN }),
      ).toEqual({ userIds: ['user-handler'], unitIds: ['unit-clinic'] });
    });

    it('with huvudansvar at the municipality the owning unit is no longer the lead', () => {
      expect(
        escalationTargets(sip({ leadOrganisationId: KOMMUN }), {
          userId: 'user-handler',
          unitId: null,
          organisationId: REGION,
        }),
      ).toEqual({ userIds: [], unitIds: ['unit-social'] });
    });

    it('other actors (Frivård) are not escalated to', () => {
      const t = escalationTargets(sip(), {
        userId: 'user-handler',
        unitId: null,
        organisationId: REGION,
      });
      expect(t.unitIds).not.toContain('unit-frivard');
    });

    it('never back to the original recipient', () => {
      const t = escalationTargets(sip({ team: [] }), {
        userId: null,
        unitId: 'unit-clinic',
        organisationId: REGION,
      });
      expect(t).toEqual({ userIds: ['user-handler'], unitIds: [] });
    });
  });

  it('another programme: the handler, or without one the owning unit', () => {
    const kase = sip({ programme: 'SIG', handlerId: null });
    expect(
      escalationTargets(kase, { userId: 'user-x', unitId: null, organisationId: REGION }),
    ).toEqual({ userIds: [], unitIds: ['unit-clinic'] });
  });
});
