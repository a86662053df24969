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
  categories: [C.Identity, C.Coordination, C.Criminal],
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

const worker = [Role.SocialWorker];

describe('issue 15: Trygga hem record actions', () => {
  it('a write needs case:write and the category writable', () => {
    expect(mayWriteTryggaHem({ decision: decision(), roles: worker }, C.Criminal)).toBe(true);
    expect(mayWriteTryggaHem({ decision: decision(), roles: worker }, C.Social)).toBe(false);
    expect(
      mayWriteTryggaHem({ decision: decision({ canWrite: false }), roles: worker }, C.Criminal),
    ).toBe(false);
    expect(mayWriteTryggaHem({ decision: decision(), roles: [Role.Auditor] }, C.Criminal)).toBe(
      false,
    );
  });

  it('the case offers recording exactly the kinds whose category is writable', () => {
    expect(
      tryggaHemCaseActions({ decision: decision(), roles: worker, groupMember: false }),
    ).toEqual([A.SetPriority, A.AddNotification, A.AddControlMeasure, A.AddIncident]);
    const victimSide = decision({ categories: [C.Social, C.Risk, C.Safety] });
    expect(
      tryggaHemCaseActions({ decision: victimSide, roles: worker, groupMember: true }),
    ).toEqual([A.AddOffer, A.AddRiskAssessment, A.SaveSafetyPlan]);
    expect(
      tryggaHemCaseActions({ decision: decision(), roles: [Role.Auditor], groupMember: true }),
    ).toEqual([]);
  });

  it('D21: only the recording organisation corrects or removes, and not a removed record', () => {
    const base = {
      decision: decision(),
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
      recordChangeRefusal({ ...base, decision: decision({ categories: [C.Coordination] }) }),
    ).toBe('category');
    expect(recordActions({ ...base, removed: true })).toEqual([]);
  });

  it('offers and actions follow their categories; actions only while the case is in a caseload', () => {
    expect(offerActions({ decision: decision({ categories: [C.Social] }), roles: worker })).toEqual(
      [A.ChangeOfferUptake],
    );
    expect(offerActions({ decision: decision(), roles: worker })).toEqual([]);
    expect(actionStatusActions({ decision: decision(), roles: worker, enrolled: true })).toEqual([
      A.SetActionStatus,
    ]);
    expect(actionStatusActions({ decision: decision(), roles: worker, enrolled: false })).toEqual(
      [],
    );
  });
});
