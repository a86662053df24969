import { HttpStatus, Injectable } from '@nestjs/common';
import {
  canonicalViolenceForms,
  type CorrectControlMeasureDto,
  type CorrectIncidentDto,
  type CorrectTryggaHemNotificationDto,
  ErrorCode,
  NotificationMethod,
  RecordRevisionKind,
  type RemoveTryggaHemRecordDto,
  TRYGGA_HEM_RECORD_CATEGORY,
  type TryggaHemCaseDto,
  TryggaHemRecordKind,
} from '@samsyn/common';
import {
  isRepeatIncident,
  previousValues,
  recordChangeRefusal,
  reassessmentStillCalledFor,
  repeatFlagAfterChange,
} from '@samsyn/domain';
import {
  CaseParticipantEntity,
  type CorrectableRecord,
  OrganisationEntity,
  TryggaHemControlMeasureEntity,
  TryggaHemIncidentEntity,
  TryggaHemNotificationEntity,
  TryggaHemRecordRevisionEntity,
  TryggaHemRiskAssessmentEntity,
} from '@samsyn/server';
import {
  DataSource,
  type EntityManager,
  type EntityTarget,
  type FindOptionsWhere,
  IsNull,
  Not,
} from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { invalid, versionConflict } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';
import { notInFuture, organisationOrOwn } from './trygga-hem-case-helpers';
import { TryggaHemCaseWriteService, type WriteContext } from './trygga-hem-case-write.service';
import { TryggaHemRemindersService } from './trygga-hem-reminders.service';

type Value = string | boolean | string[] | null;
type Row = CorrectableRecord & { id: string; caseId: string };

/** Where each kind of record lives and which category writing it takes (as recording it does). */
const KINDS = {
  [TryggaHemRecordKind.Notification]: {
    entity: TryggaHemNotificationEntity,
    category: TRYGGA_HEM_RECORD_CATEGORY[TryggaHemRecordKind.Notification],
    noun: 'notification',
  },
  [TryggaHemRecordKind.ControlMeasure]: {
    entity: TryggaHemControlMeasureEntity,
    category: TRYGGA_HEM_RECORD_CATEGORY[TryggaHemRecordKind.ControlMeasure],
    noun: 'control measure',
  },
  [TryggaHemRecordKind.Incident]: {
    entity: TryggaHemIncidentEntity,
    category: TRYGGA_HEM_RECORD_CATEGORY[TryggaHemRecordKind.Incident],
    noun: 'incident',
  },
} as const;

type EntityOf<K extends TryggaHemRecordKind> = InstanceType<(typeof KINDS)[K]['entity']>;

/**
 * The change itself: mutates the locked record (and whatever follows from it) and returns the
 * previous values of the fields it changed, for the record's history.
 */
type Change<E> = (ctx: WriteContext, record: E) => Promise<Record<string, Value>>;

/**
 * Corrections and soft removals of notifications, control measures and incidents (D21): only
 * the recording organisation, with the category writable; a reason every time; the previous
 * values kept; `version` checked (stale → 409); removed records count nowhere but are kept.
 * What follows from the change — the repeat flag, reassessment marks, `measure_ending` — is
 * redone in the same transaction.
 */
@Injectable()
export class TryggaHemRecordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: TryggaHemCaseWriteService,
    private readonly reminders: TryggaHemRemindersService,
  ) {}

  correctNotification(user: AuthenticatedUser, id: string, dto: CorrectTryggaHemNotificationDto) {
    return this.amend(
      user,
      TryggaHemRecordKind.Notification,
      id,
      dto,
      RecordRevisionKind.Correction,
      ({ today }, n) => {
        const method = dto.method ?? n.method;
        let customMethod: string | null = null;
        if (method === NotificationMethod.Custom) {
          customMethod = dto.customMethod !== undefined ? dto.customMethod.trim() : n.customMethod;
          if (!customMethod)
            throw invalid(
              'customMethod',
              'isNotEmpty',
              'customMethod must describe a custom notification',
            );
        }
        const deliveredBy = dto.deliveredBy !== undefined ? dto.deliveredBy.trim() : n.deliveredBy;
        if (!deliveredBy)
          throw invalid(
            'deliveredBy',
            'isNotEmpty',
            'deliveredBy must say who delivered the notification',
          );
        const after = {
          method,
          customMethod,
          deliveredOn: dto.deliveredOn
            ? notInFuture(dto.deliveredOn, today, 'deliveredOn')
            : n.deliveredOn,
          deliveredBy,
          outcome: dto.outcome !== undefined ? dto.outcome.trim() || null : n.outcome,
        };
        const previous = previousValues<Value>(
          {
            method: n.method,
            customMethod: n.customMethod,
            deliveredOn: n.deliveredOn,
            deliveredBy: n.deliveredBy,
            outcome: n.outcome,
          },
          after,
        );
        Object.assign(n, after);
        return Promise.resolve(previous);
      },
    );
  }

  correctControlMeasure(user: AuthenticatedUser, id: string, dto: CorrectControlMeasureDto) {
    return this.amend(
      user,
      TryggaHemRecordKind.ControlMeasure,
      id,
      dto,
      RecordRevisionKind.Correction,
      async ({ em }, m) => {
        const startsOn = dto.startsOn?.slice(0, 10) ?? m.startsOn;
        const endsOn =
          dto.endsOn === null
            ? null
            : dto.endsOn !== undefined
              ? dto.endsOn.slice(0, 10)
              : m.endsOn;
        if (endsOn !== null && endsOn < startsOn)
          throw invalid(
            dto.endsOn !== undefined ? 'endsOn' : 'startsOn',
            'beforeStart',
            'endsOn cannot be before startsOn',
          );
        const organisationId = dto.organisationId
          ? await organisationOrOwn(em, user, dto.organisationId, 'organisationId')
          : m.organisationId;
        const after = {
          kind: dto.kind ?? m.kind,
          description:
            dto.description !== undefined ? dto.description.trim() || null : m.description,
          startsOn,
          endsOn,
          organisation: organisationId,
        };
        const previous = previousValues<Value>(
          {
            kind: m.kind,
            description: m.description,
            startsOn: m.startsOn,
            endsOn: m.endsOn,
            organisation: m.organisationId,
          },
          after,
        );
        // The history names the organisation as it was called then, not by its id.
        if ('organisation' in previous)
          previous['organisation'] = await orgName(em, m.organisationId);
        const endChanged = 'endsOn' in previous;
        m.kind = after.kind;
        m.description = after.description;
        m.startsOn = startsOn;
        m.endsOn = endsOn;
        m.organisationId = organisationId;
        if (endChanged) await this.reminders.controlMeasureChanged(em, m, false);
        return previous;
      },
    );
  }

  correctIncident(user: AuthenticatedUser, id: string, dto: CorrectIncidentDto) {
    return this.amend(
      user,
      TryggaHemRecordKind.Incident,
      id,
      dto,
      RecordRevisionKind.Correction,
      async ({ em, today, profile, programme }, i) => {
        const occurredOn = dto.occurredOn
          ? notInFuture(dto.occurredOn, today, 'occurredOn')
          : i.occurredOn;
        const victimPersonId =
          dto.victimPersonId === undefined ? i.victimPersonId : dto.victimPersonId;
        if (victimPersonId && victimPersonId !== i.victimPersonId) {
          const participant = await em.findOneBy(CaseParticipantEntity, {
            caseId: i.caseId,
            personId: victimPersonId,
          });
          if (!participant || !programme.victimSideRoles.includes(participant.role))
            throw invalid(
              'victimPersonId',
              'notVictim',
              'victimPersonId is not a victim or child of this case',
            );
        }
        const reportingOrganisationId = dto.reportingOrganisationId
          ? await organisationOrOwn(
              em,
              user,
              dto.reportingOrganisationId,
              'reportingOrganisationId',
            )
          : i.reportingOrganisationId;
        // Issue 6 §4: a new date or victim is judged again, against the case's dates now.
        const repeat =
          occurredOn !== i.occurredOn || victimPersonId !== i.victimPersonId
            ? isRepeatIncident({
                occurredOn,
                sameVictim: Boolean(victimPersonId),
                referredOn: profile.referredOn,
                lastReviewedOn: profile.lastReviewedOn,
              })
            : i.repeat;
        const after = {
          occurredOn,
          kind: dto.kind ?? i.kind,
          reportingOrganisation: reportingOrganisationId,
          victimPersonId,
          violenceForms: dto.violenceForms
            ? canonicalViolenceForms(dto.violenceForms)
            : i.violenceForms,
          note: dto.note !== undefined ? dto.note.trim() || null : i.note,
          repeat,
        };
        const previous = previousValues<Value>(
          {
            occurredOn: i.occurredOn,
            kind: i.kind,
            reportingOrganisation: i.reportingOrganisationId,
            victimPersonId: i.victimPersonId,
            violenceForms: i.violenceForms,
            note: i.note,
            repeat: i.repeat,
          },
          after,
        );
        if ('reportingOrganisation' in previous)
          previous['reportingOrganisation'] = await orgName(em, i.reportingOrganisationId);
        const becameRepeat = repeat && !i.repeat;
        i.occurredOn = occurredOn;
        i.kind = after.kind;
        i.reportingOrganisationId = reportingOrganisationId;
        i.victimPersonId = victimPersonId;
        i.violenceForms = after.violenceForms;
        i.note = after.note;
        i.repeat = repeat;
        await this.caseRepeatAfterChange(em, profile, i, becameRepeat);
        return previous;
      },
    );
  }

  removeNotification(user: AuthenticatedUser, id: string, dto: RemoveTryggaHemRecordDto) {
    return this.amend(
      user,
      TryggaHemRecordKind.Notification,
      id,
      dto,
      RecordRevisionKind.Removal,
      () => Promise.resolve({}),
    );
  }

  /** Its `measure_ending` reminder is cancelled with it. */
  removeControlMeasure(user: AuthenticatedUser, id: string, dto: RemoveTryggaHemRecordDto) {
    return this.amend(
      user,
      TryggaHemRecordKind.ControlMeasure,
      id,
      dto,
      RecordRevisionKind.Removal,
      async ({ em }, m) => {
        await this.reminders.controlMeasureChanged(em, m, true);
        return {};
      },
    );
  }

  /**
   * The case's repeat flag and the reassessment marks are judged again without it: a mark that
   * only this incident called for goes, and the review reminder returns to its own date.
   */
  removeIncident(user: AuthenticatedUser, id: string, dto: RemoveTryggaHemRecordDto) {
    return this.amend(
      user,
      TryggaHemRecordKind.Incident,
      id,
      dto,
      RecordRevisionKind.Removal,
      async ({ em, profile }, i) => {
        const remaining = await this.caseRepeatAfterChange(em, profile, i, false, true);
        const marked = await em.findBy(TryggaHemRiskAssessmentEntity, {
          caseId: i.caseId,
          reassessmentRequestedAt: Not(IsNull()),
        });
        for (const a of marked) {
          if (
            reassessmentStillCalledFor(
              a.createdAt,
              remaining.map((r) => r.recordedAt),
            )
          )
            continue;
          await em.update(
            TryggaHemRiskAssessmentEntity,
            { id: a.id },
            { reassessmentRequestedAt: null },
          );
          await this.reminders.reassessmentWithdrawn(em, a);
        }
        return {};
      },
    );
  }

  /**
   * One correction or removal: the record found (404), then — inside the case write (access,
   * category, profile lock, audit) — the record locked, the recording organisation checked
   * (403), not removed (409), the version current (409), the change made, the record saved
   * (version + 1) and the revision appended.
   */
  private async amend<K extends TryggaHemRecordKind>(
    user: AuthenticatedUser,
    kind: K,
    id: string,
    dto: { version: number; reason: string },
    revision: RecordRevisionKind,
    change: Change<EntityOf<K>>,
  ): Promise<TryggaHemCaseDto> {
    const { entity, category, noun } = KINDS[kind];
    const target = entity as EntityTarget<Row>;
    const where = { id } as FindOptionsWhere<Row>;
    const found = await this.dataSource.manager.findOne(target, {
      select: { id: true, caseId: true },
      where,
    });
    if (!found)
      throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, `No ${noun} has this id.`);
    const reason = dto.reason.trim();
    if (!reason) throw invalid('reason', 'isNotEmpty', 'reason must say why the record is changed');
    return this.writes.write(user, found.caseId, category, async (ctx) => {
      const { em } = ctx;
      const record = (await em.findOneOrFail(target, {
        where,
        lock: { mode: 'pessimistic_write' },
      })) as EntityOf<K> & Row;
      // The rule the records' `allowedActions` (th.correctRecord, th.removeRecord) come from.
      const refusal = recordChangeRefusal({
        decision: ctx.decision,
        roles: user.roles,
        kind,
        recordedByOwnOrganisation: record.recordedByOrganisationId === user.organisation.id,
        removed: record.removedAt !== null,
      });
      if (refusal === 'category' || refusal === 'notRecorder')
        throw new ApiException(
          HttpStatus.FORBIDDEN,
          ErrorCode.Forbidden,
          refusal === 'category'
            ? 'You may not write this kind of information on this case.'
            : `Only the organisation that recorded this ${noun} may correct or remove it.`,
        );
      if (refusal === 'removed')
        throw new ApiException(
          HttpStatus.CONFLICT,
          ErrorCode.RuleViolation,
          `This ${noun} has been removed; a removed record is not changed.`,
        );
      if (record.version !== dto.version) throw versionConflict(record.version);
      const previous = await change(ctx, record);
      if (revision === RecordRevisionKind.Correction && !Object.keys(previous).length)
        throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          ErrorCode.RuleViolation,
          'The correction changes nothing.',
        );
      if (revision === RecordRevisionKind.Removal) {
        record.removedAt ??= new Date();
        record.removedById = user.id;
        record.removedByName = user.displayName;
        record.removalReason = reason;
      }
      await em.save(record);
      await em.insert(TryggaHemRecordRevisionEntity, {
        caseId: record.caseId,
        recordKind: kind,
        recordId: record.id,
        kind: revision,
        reason,
        previous,
        changedById: user.id,
        changedByName: user.displayName,
        changedByOrganisationId: user.organisation.id,
        changedByOrganisationName: user.organisation.name,
      });
    });
  }

  /**
   * Issue 6 §4: the case's repeat flag from the incidents that remain once `changed` is
   * corrected (as it is in memory) or removed (see `repeatFlagAfterChange`); returns them.
   */
  private async caseRepeatAfterChange(
    em: EntityManager,
    profile: WriteContext['profile'],
    changed: TryggaHemIncidentEntity,
    becameRepeat: boolean,
    removed = false,
  ): Promise<Pick<TryggaHemIncidentEntity, 'occurredOn' | 'recordedAt' | 'repeat'>[]> {
    const others = await em.find(TryggaHemIncidentEntity, {
      select: { id: true, occurredOn: true, recordedAt: true, repeat: true },
      where: { caseId: profile.caseId, removedAt: IsNull(), id: Not(changed.id) },
    });
    const remaining = removed ? others : [...others, changed];
    const repeat = repeatFlagAfterChange({
      current: profile.repeat,
      becameRepeat,
      remaining,
      lastReviewedOn: profile.lastReviewedOn,
    });
    if (repeat !== profile.repeat) {
      profile.repeat = repeat;
      await em.save(profile);
    }
    return remaining;
  }
}

async function orgName(em: EntityManager, id: string): Promise<string> {
  return (await em.findOneBy(OrganisationEntity, { id }))?.name ?? '';
}
