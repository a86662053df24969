import { CoordinatorGroupEntity, CoordinatorGroupMemberEntity } from './coordinator-group.entity';
import {
  AgendaItemEntity,
  CoordinatorGroupMeetingEntity,
  TryggaHemActionEntity,
} from './meeting.entity';
import {
  CorrectableRecord,
  TryggaHemCaseEntity,
  TryggaHemCaseloadExitEntity,
  TryggaHemControlMeasureEntity,
  TryggaHemIncidentEntity,
  TryggaHemNotificationEntity,
  TryggaHemOfferEntity,
  TryggaHemPriorityChangeEntity,
  TryggaHemRecordRevisionEntity,
  TryggaHemRiskAssessmentEntity,
  TryggaHemSafetyPlanEntity,
} from './trygga-hem-case.entity';

export {
  AgendaItemEntity,
  CorrectableRecord,
  CoordinatorGroupEntity,
  CoordinatorGroupMeetingEntity,
  CoordinatorGroupMemberEntity,
  TryggaHemActionEntity,
  TryggaHemCaseEntity,
  TryggaHemCaseloadExitEntity,
  TryggaHemControlMeasureEntity,
  TryggaHemIncidentEntity,
  TryggaHemNotificationEntity,
  TryggaHemOfferEntity,
  TryggaHemPriorityChangeEntity,
  TryggaHemRecordRevisionEntity,
  TryggaHemRiskAssessmentEntity,
  TryggaHemSafetyPlanEntity,
};

/** Trygga hem and koordinatorsgrupp entities (issue 6). */
export const TRYGGA_HEM_ENTITIES: (new () => object)[] = [
  CoordinatorGroupEntity,
  CoordinatorGroupMemberEntity,
  TryggaHemCaseEntity,
  TryggaHemCaseloadExitEntity,
  TryggaHemPriorityChangeEntity,
  TryggaHemNotificationEntity,
  TryggaHemOfferEntity,
  TryggaHemControlMeasureEntity,
  TryggaHemIncidentEntity,
  TryggaHemRiskAssessmentEntity,
  TryggaHemSafetyPlanEntity,
  CoordinatorGroupMeetingEntity,
  AgendaItemEntity,
  TryggaHemActionEntity,
  TryggaHemRecordRevisionEntity,
];
