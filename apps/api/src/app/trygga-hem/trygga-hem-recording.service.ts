import { Injectable } from '@nestjs/common';
import {
  canonicalViolenceForms,
  type CreateControlMeasureDto,
  type CreateIncidentDto,
  type CreateRiskAssessmentDto,
  type CreateTryggaHemNotificationDto,
  InformationCategory,
  RiskInstrument,
  TRYGGA_HEM_RECORD_CATEGORY,
  TryggaHemRecordKind,
} from '@samsyn/common';
import { currentAssessments, isRepeatIncident } from '@samsyn/domain';
import {
  CaseParticipantEntity,
  TryggaHemControlMeasureEntity,
  TryggaHemIncidentEntity,
  TryggaHemNotificationEntity,
  TryggaHemRiskAssessmentEntity,
} from '@samsyn/server';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { invalid } from '../cases/case-rules';
import { notInFuture, organisationOrOwn } from './trygga-hem-case-helpers';
import { TryggaHemCaseWriteService } from './trygga-hem-case-write.service';
import { TryggaHemRemindersService } from './trygga-hem-reminders.service';

/**
 * What the agencies record on a Trygga hem case (D4, D5): notifications, control measures,
 * incidents and risk assessments, with the reminders and reassessments they start.
 */
@Injectable()
export class TryggaHemRecordingService {
  constructor(
    private readonly writes: TryggaHemCaseWriteService,
    private readonly reminders: TryggaHemRemindersService,
  ) {}

  addNotification(user: AuthenticatedUser, caseId: string, dto: CreateTryggaHemNotificationDto) {
    const category = TRYGGA_HEM_RECORD_CATEGORY[TryggaHemRecordKind.Notification];
    return this.writes.write(user, caseId, category, async ({ em, today }) => {
      const deliveredOn = notInFuture(dto.deliveredOn, today, 'deliveredOn');
      await em.insert(TryggaHemNotificationEntity, {
        caseId,
        recordedByOrganisationId: user.organisation.id,
        method: dto.method,
        customMethod: dto.customMethod?.trim() || null,
        deliveredOn,
        deliveredBy: dto.deliveredBy.trim(),
        outcome: dto.outcome?.trim() || null,
        recordedById: user.id,
        recordedByName: user.displayName,
      });
    });
  }

  addControlMeasure(user: AuthenticatedUser, caseId: string, dto: CreateControlMeasureDto) {
    const category = TRYGGA_HEM_RECORD_CATEGORY[TryggaHemRecordKind.ControlMeasure];
    return this.writes.write(user, caseId, category, async ({ em }) => {
      const startsOn = dto.startsOn.slice(0, 10);
      const endsOn = dto.endsOn?.slice(0, 10) ?? null;
      if (endsOn !== null && endsOn < startsOn)
        throw invalid('endsOn', 'beforeStart', 'endsOn cannot be before startsOn');
      const organisationId = await organisationOrOwn(
        em,
        user,
        dto.organisationId,
        'organisationId',
      );
      const { identifiers } = await em.insert(TryggaHemControlMeasureEntity, {
        caseId,
        recordedByOrganisationId: user.organisation.id,
        kind: dto.kind,
        description: dto.description?.trim() || null,
        startsOn,
        endsOn,
        organisationId,
        recordedById: user.id,
      });
      if (endsOn)
        await this.reminders.controlMeasureRecorded(em, {
          id: String(identifiers[0]['id']),
          caseId,
          endsOn,
          recordedById: user.id,
        });
    });
  }

  /**
   * A new incident (D4): flags the case as a repeat when it is against the same victim within
   * 12 months of the last review or referral (issue 6 §4), and marks the current assessments of
   * every agency as due for reassessment, with their review reminders due now (D5).
   */
  addIncident(user: AuthenticatedUser, caseId: string, dto: CreateIncidentDto) {
    return this.writes.write(
      user,
      caseId,
      TRYGGA_HEM_RECORD_CATEGORY[TryggaHemRecordKind.Incident],
      async ({ em, profile, today, programme }) => {
        const occurredOn = notInFuture(dto.occurredOn, today, 'occurredOn');
        if (dto.victimPersonId) {
          const participant = await em.findOneBy(CaseParticipantEntity, {
            caseId,
            personId: dto.victimPersonId,
          });
          if (!participant || !programme.victimSideRoles.includes(participant.role))
            throw invalid(
              'victimPersonId',
              'notVictim',
              'victimPersonId is not a victim or child of this case',
            );
        }
        const organisationId = await organisationOrOwn(
          em,
          user,
          dto.reportingOrganisationId,
          'reportingOrganisationId',
        );
        const repeat = isRepeatIncident({
          occurredOn,
          sameVictim: Boolean(dto.victimPersonId),
          referredOn: profile.referredOn,
          lastReviewedOn: profile.lastReviewedOn,
        });
        await em.insert(TryggaHemIncidentEntity, {
          caseId,
          recordedByOrganisationId: user.organisation.id,
          occurredOn,
          kind: dto.kind,
          reportingOrganisationId: organisationId,
          victimPersonId: dto.victimPersonId ?? null,
          repeat,
          violenceForms: canonicalViolenceForms(dto.violenceForms ?? []),
          note: dto.note?.trim() || null,
          recordedById: user.id,
        });
        if (repeat && !profile.repeat) {
          profile.repeat = true;
          await em.save(profile);
        }
        const all = await em.findBy(TryggaHemRiskAssessmentEntity, { caseId });
        const now = new Date();
        for (const a of currentAssessments(all.map((x) => ({ ...x, recordedAt: x.createdAt })))) {
          await em.update(
            TryggaHemRiskAssessmentEntity,
            { id: a.id },
            { reassessmentRequestedAt: now },
          );
          await this.reminders.reassessmentRequested(em, a, now);
        }
      },
    );
  }

  /** D5: recorded for the caller's own agency; supersedes that agency's earlier one with the instrument. */
  addRiskAssessment(user: AuthenticatedUser, caseId: string, dto: CreateRiskAssessmentDto) {
    return this.writes.write(user, caseId, InformationCategory.Risk, async ({ em, today }) => {
      const assessedOn = notInFuture(dto.assessedOn, today, 'assessedOn');
      const reviewOn = dto.reviewOn.slice(0, 10);
      if (reviewOn < assessedOn)
        throw invalid(
          'reviewOn',
          'beforeAssessment',
          'reviewOn cannot be before the assessment date',
        );
      const earlier = await em.findBy(TryggaHemRiskAssessmentEntity, {
        caseId,
        organisationId: user.organisation.id,
        instrument: dto.instrument,
      });
      const saved = await em.save(
        em.create(TryggaHemRiskAssessmentEntity, {
          caseId,
          organisationId: user.organisation.id,
          instrument: dto.instrument,
          instrumentName:
            dto.instrument === RiskInstrument.Other ? dto.instrumentName!.trim() : null,
          instrumentVersion: dto.instrumentVersion?.trim() || null,
          assessedOn,
          assessorId: user.id,
          assessorName: user.displayName,
          level: dto.level,
          reviewOn,
          reassessmentRequestedAt: null,
          summary: dto.summary?.trim() || null,
        }),
      );
      const current = currentAssessments(
        [...earlier, saved].map((x) => ({ ...x, recordedAt: x.createdAt })),
      );
      const superseded = earlier
        .filter((e) => !current.some((c) => c.id === e.id))
        .map((e) => e.id);
      await this.reminders.assessmentRecorded(em, saved, superseded);
    });
  }
}
