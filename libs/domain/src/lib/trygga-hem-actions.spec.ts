import {
  AccessBasis,
  CaseRelation,
  InformationCategory as C,
  TryggaHemAction as A,
} from '@samsyn/common';
import type { CaseDecision } from './access-policy';
import {
  agendaItemActions,
  caseloadActions,
  enrolmentRefusal,
  groupActions,
  meetingActions,
} from './trygga-hem-actions';

const decision = (overrides: Partial<CaseDecision> = {}): CaseDecision => ({
  allowed: true,
  reason: null,
  basis: AccessBasis.Owner,
  relation: CaseRelation.Handler,
  categories: [C.Identity, C.Coordination, C.Risk],
  consentIds: [],
  disclosureIds: [],
  emergency: false,
  victimSide: false,
  protectedIdentityAccess: false,
  canWrite: true,
  canManage: true,
  personCategories: new Map(),
  ...overrides,
});

describe('issue 15: Trygga hem allowed actions', () => {
  const enrol = (o: Partial<Parameters<typeof enrolmentRefusal>[0]> = {}) =>
    enrolmentRefusal({
      decision: decision(),
      closed: false,
      tryggaHem: true,
      enrolment: 'none',
      groupAvailable: true,
      ...o,
    });

  it('the owner of an open Trygga hem case in no caseload may enrol it', () => {
    expect(enrol()).toBeNull();
  });

  it('a case that left a caseload may be enrolled again', () => {
    expect(enrol({ enrolment: 'left' })).toBeNull();
    expect(enrol({ enrolment: 'left', closed: true })).toBe('caseClosed');
  });

  it('refuses enrolment to others, for closed, SIP or enrolled cases and without a group', () => {
    expect(enrol({ decision: decision({ canManage: false }) })).toBe('notOwner');
    expect(enrol({ decision: decision({ allowed: false }) })).toBe('notOwner');
    expect(enrol({ closed: true })).toBe('caseClosed');
    expect(enrol({ tryggaHem: false })).toBe('notTryggaHem');
    expect(enrol({ enrolment: 'enrolled' })).toBe('alreadyEnrolled');
    expect(enrol({ groupAvailable: false })).toBe('noGroup');
  });

  it('only a group member who may write coordination data takes a case off the caseload', () => {
    expect(caseloadActions({ decision: decision(), groupMember: true })).toEqual([
      A.SetPriority,
      A.Leave,
    ]);
    expect(caseloadActions({ decision: decision(), groupMember: false })).toEqual([A.SetPriority]);
    const noCoordination = decision({ canManage: false, categories: [C.Criminal] });
    expect(caseloadActions({ decision: noCoordination, groupMember: true })).toEqual([]);
    expect(caseloadActions({ decision: decision({ canWrite: false }), groupMember: true })).toEqual(
      [],
    );
  });

  it('D1: managers manage the group and call meetings but see no case rows; members do both', () => {
    expect(groupActions({ manager: true, member: false })).toEqual([
      A.GroupEdit,
      A.GroupManageMembers,
      A.GroupCallMeeting,
    ]);
    expect(groupActions({ manager: false, member: true })).toEqual([
      A.GroupCallMeeting,
      A.GroupViewBoard,
      A.GroupOpenMeetings,
    ]);
    expect(groupActions({ manager: false, member: false })).toEqual([]);
  });

  it('members chair open meetings and approve them; nobody changes approved minutes', () => {
    expect(meetingActions({ member: true, approved: false })).toEqual([
      A.MeetingEditAgenda,
      A.MeetingApprove,
    ]);
    expect(meetingActions({ member: false, approved: false })).toEqual([]);
    expect(meetingActions({ member: true, approved: true })).toEqual([]);
    expect(agendaItemActions({ member: true, approved: false, decision: decision() })).toEqual([
      A.MeetingDecide,
    ]);
    expect(agendaItemActions({ member: true, approved: false, decision: null })).toEqual([]);
    expect(agendaItemActions({ member: true, approved: true, decision: decision() })).toEqual([]);
  });
});
