import {
  AccessBasis,
  CaseRelation,
  InformationCategory as C,
  Role,
  TryggaHemAction as A,
  TryggaHemRecordKind as K,
} from '@samsyn/common';
import type { CaseDecision } from './access-policy';
import {
  agendaItemActions,
  caseloadActions,
  enrolmentRefusal,
  groupActions,
  meetingActions,
  meetingAttendanceActions,
} from './trygga-hem-actions';
import {
  actionStatusActions,
  mayWriteTryggaHem,
  offerActions,
  recordActions,
  recordChangeRefusal,
  tryggaHemCaseActions,
} from './trygga-hem-record-actions';

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

  it('lets members record attendance from the meeting day while the minutes are open', () => {
    const open = { member: true, approved: false, held: true };
    expect(meetingAttendanceActions(open)).toEqual([A.MeetingRecordAttendance]);
    expect(meetingAttendanceActions({ ...open, member: false })).toEqual([]);
    expect(meetingAttendanceActions({ ...open, approved: true })).toEqual([]);
    expect(meetingAttendanceActions({ ...open, held: false })).toEqual([]);
  });
});

const worker = [Role.SocialWorker];
/** The owner's view off the victim side: coordination and criminal data. */
const owner = (overrides: Partial<CaseDecision> = {}) =>
  decision({ categories: [C.Identity, C.Coordination, C.Criminal], ...overrides });

describe('issue 15: Trygga hem record actions', () => {
  it('a write needs case:write and the category writable', () => {
    expect(mayWriteTryggaHem({ decision: owner(), roles: worker }, C.Criminal)).toBe(true);
    expect(mayWriteTryggaHem({ decision: owner(), roles: worker }, C.Social)).toBe(false);
    expect(
      mayWriteTryggaHem({ decision: owner({ canWrite: false }), roles: worker }, C.Criminal),
    ).toBe(false);
    expect(mayWriteTryggaHem({ decision: owner(), roles: [Role.Auditor] }, C.Criminal)).toBe(false);
  });

  it('the case offers recording exactly the kinds whose category is writable', () => {
    expect(tryggaHemCaseActions({ decision: owner(), roles: worker, groupMember: false })).toEqual([
      A.SetPriority,
      A.AddNotification,
      A.AddControlMeasure,
      A.AddIncident,
    ]);
    const victimSide = owner({ categories: [C.Social, C.Risk, C.Safety] });
    expect(
      tryggaHemCaseActions({ decision: victimSide, roles: worker, groupMember: true }),
    ).toEqual([A.AddOffer, A.AddRiskAssessment, A.SaveSafetyPlan]);
    expect(
      tryggaHemCaseActions({ decision: owner(), roles: [Role.Auditor], groupMember: true }),
    ).toEqual([]);
  });

  it('D21: only the recording organisation corrects or removes, and not a removed record', () => {
    const base = {
      decision: owner(),
      roles: worker,
      kind: K.Incident,
      recordedByOwnOrganisation: true,
      removed: false,
    };
    expect(recordChangeRefusal(base)).toBeNull();
    expect(recordActions(base)).toEqual([A.CorrectRecord, A.RemoveRecord]);
    expect(recordChangeRefusal({ ...base, recordedByOwnOrganisation: false })).toBe('notRecorder');
    expect(recordChangeRefusal({ ...base, removed: true })).toBe('removed');
    expect(
      recordChangeRefusal({ ...base, decision: owner({ categories: [C.Coordination] }) }),
    ).toBe('category');
    expect(recordActions({ ...base, removed: true })).toEqual([]);
  });

  it('offers and actions follow their categories; actions only while the case is in a caseload', () => {
    expect(offerActions({ decision: owner({ categories: [C.Social] }), roles: worker })).toEqual([
      A.ChangeOfferUptake,
    ]);
    expect(offerActions({ decision: owner(), roles: worker })).toEqual([]);
    expect(actionStatusActions({ decision: owner(), roles: worker, enrolled: true })).toEqual([
      A.SetActionStatus,
    ]);
    expect(actionStatusActions({ decision: owner(), roles: worker, enrolled: false })).toEqual([]);
  });
});
