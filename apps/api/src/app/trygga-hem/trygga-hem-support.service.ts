import { HttpStatus, Injectable } from '@nestjs/common';
import {
  type CreateOfferDto,
  ErrorCode,
  InformationCategory,
  OfferUptake,
  type SaveSafetyPlanDto,
  type UpdateOfferDto,
} from '@samsyn/common';
import {
  CaseParticipantEntity,
  TryggaHemOfferEntity,
  TryggaHemSafetyPlanEntity,
} from '@samsyn/server';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { invalid, versionConflict } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';
import { notInFuture, organisationOrOwn, seesPerson } from './trygga-hem-case-helpers';
import { TryggaHemCaseWriteService } from './trygga-hem-case-write.service';

/** Support on a Trygga hem case: offers to the person and their uptake, victims' safety plans (D3). */
@Injectable()
export class TryggaHemSupportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: TryggaHemCaseWriteService,
  ) {}

  addOffer(user: AuthenticatedUser, caseId: string, dto: CreateOfferDto) {
    return this.writes.write(user, caseId, InformationCategory.Social, async ({ em, today }) => {
      const organisationId = await organisationOrOwn(
        em,
        user,
        dto.organisationId,
        'organisationId',
      );
      await em.insert(TryggaHemOfferEntity, {
        caseId,
        kind: dto.kind,
        description: dto.description.trim(),
        offeredOn: notInFuture(dto.offeredOn, today, 'offeredOn'),
        organisationId,
        uptake: OfferUptake.Offered,
        uptakeOn: null,
        note: null,
      });
    });
  }

  async updateOffer(user: AuthenticatedUser, offerId: string, dto: UpdateOfferDto) {
    const offer = await this.dataSource.manager.findOneBy(TryggaHemOfferEntity, { id: offerId });
    if (!offer)
      throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No offer has this id.');
    return this.writes.write(
      user,
      offer.caseId,
      InformationCategory.Social,
      async ({ em, today }) => {
        const locked = await em.findOneOrFail(TryggaHemOfferEntity, {
          where: { id: offerId },
          lock: { mode: 'pessimistic_write' },
        });
        if (locked.version !== dto.version) throw versionConflict(locked.version);
        locked.uptake = dto.uptake;
        locked.uptakeOn = dto.uptake === OfferUptake.Offered ? null : today;
        if (dto.note !== undefined) locked.note = dto.note.trim() || null;
        await em.save(locked);
      },
    );
  }

  /** D3: a victim's or child's skyddsplan; only victim-side users may write (and read) it. */
  saveSafetyPlan(
    user: AuthenticatedUser,
    caseId: string,
    personId: string,
    dto: SaveSafetyPlanDto,
  ) {
    return this.writes.write(
      user,
      caseId,
      InformationCategory.Safety,
      async ({ em, programme, decision }) => {
        const participant = await em.findOneBy(CaseParticipantEntity, { caseId, personId });
        if (!participant || !programme.victimSideRoles.includes(participant.role))
          throw invalid(
            'personId',
            'notVictim',
            'A safety plan belongs to a victim or child of the case',
          );
        if (!seesPerson(decision, personId, InformationCategory.Safety))
          throw new ApiException(
            HttpStatus.FORBIDDEN,
            ErrorCode.Forbidden,
            "You may not write this person's safety plan.",
          );
        const existing = await em.findOne(TryggaHemSafetyPlanEntity, {
          where: { caseId, personId },
          lock: { mode: 'pessimistic_write' },
        });
        if (existing) {
          if (dto.version === undefined)
            throw invalid('version', 'required', 'version is required to change an existing plan');
          if (existing.version !== dto.version) throw versionConflict(existing.version);
        } else if (dto.version !== undefined) {
          throw versionConflict(0);
        }
        const plan = existing ?? em.create(TryggaHemSafetyPlanEntity, { caseId, personId });
        plan.plan = dto.plan.trim();
        plan.whereabouts = dto.whereabouts?.trim() || null;
        plan.support = dto.support?.trim() || null;
        plan.updatedById = user.id;
        plan.updatedByName = user.displayName;
        await em.save(plan);
      },
    );
  }
}
