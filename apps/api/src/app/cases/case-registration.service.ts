import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  AccessBasis,
  AuditAction,
  type CaseDto,
  type CreateCaseDto,
  ErrorCode,
} from '@samsyn/common';
import {
  addDays,
  formatCaseNumber,
  type ProgrammeDefinition,
  type ProgrammeRegistry,
} from '@samsyn/domain';
import {
  CaseEntity,
  CaseParticipantEntity,
  CaseTeamMemberEntity,
  ConsentEntity,
  OrganisationEntity,
  type PersonEntity,
} from '@samsyn/server';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException } from '../common/problem-details';
import { CaseRemindersService } from '../reminders/case-reminders.service';
import { clockNow } from './case-access.service';
import { CaseReadsService } from './case-reads.service';
import { checkConsent, invalid } from './case-rules';
import { PersonsService } from './persons.service';
import { PROGRAMMES } from './programmes.provider';

/** Opening a shared case: its number, participants, owner on the team and any consents, in one transaction. */
@Injectable()
export class CaseRegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reads: CaseReadsService,
    private readonly persons: PersonsService,
    private readonly audit: AuditService,
    @Inject(PROGRAMMES) private readonly programmes: ProgrammeRegistry,
    private readonly caseReminders: CaseRemindersService,
  ) {}

  private programmeOrFail(code: string): ProgrammeDefinition {
    const programme = this.programmes.get(code);
    if (!programme)
      throw invalid(
        'programme',
        'unknownProgramme',
        `Unknown programme; choose one of ${this.programmes
          .all()
          .map((p) => p.code)
          .join(', ')}`,
      );
    return programme;
  }

  async create(user: AuthenticatedUser, dto: CreateCaseDto): Promise<CaseDto> {
    const programme = this.programmeOrFail(dto.programme);
    if (!programme.owningOrganisationTypes.includes(user.organisation.type))
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        ErrorCode.Forbidden,
        `Your organisation cannot open ${programme.code} cases.`,
      );
    if (!user.unit)
      throw invalid(
        'unit',
        'required',
        'You must belong to a unit to open a case; ask your administrator',
      );
    const teamRole = dto.teamRole ?? programme.defaultTeamRole;
    if (!programme.teamRoles.some((r) => r.code === teamRole))
      throw invalid(
        'teamRole',
        'notInProgramme',
        `teamRole is not a team role of ${programme.code}`,
      );
    dto.participants.forEach((p, i) => {
      if (!programme.participantRoles.includes(p.role))
        throw invalid(
          `participants.${i}.role`,
          'notInProgramme',
          `${programme.code} cases have no ${p.role} participants`,
        );
    });
    const subjects = dto.participants.filter((p) => p.role === programme.subjectRole);
    if (subjects.length !== 1)
      throw invalid(
        'participants',
        'oneSubject',
        `A ${programme.code} case needs exactly one ${programme.subjectRole}`,
      );
    const numbers = dto.participants.map((p) => p.person.personalNumber).filter(Boolean);
    if (new Set(numbers).size !== numbers.length)
      throw invalid('participants', 'duplicate', 'The same person is listed twice');
    const clock = clockNow();

    const caseId = await this.dataSource.transaction(async (em) => {
      const municipalityCode = await this.municipalityFor(em, user, dto.municipalityCode);
      const people: PersonEntity[] = [];
      for (const [i, p] of dto.participants.entries())
        people.push(await this.persons.findOrCreate(em, p.person, `participants.${i}.person.`));
      if (new Set(people.map((p) => p.id)).size !== people.length)
        throw invalid('participants', 'duplicate', 'The same person is listed twice');
      const subjectIndex = dto.participants.findIndex((p) => p.role === programme.subjectRole);
      const year = Number(clock.today.slice(0, 4));
      const kase = await em.save(
        em.create(CaseEntity, {
          number: formatCaseNumber(programme, year, await this.nextSequence(em, programme, year)),
          programme: programme.code,
          status: programme.initialStatus,
          closed: false,
          municipalityCode,
          owningOrganisationId: user.organisation.id,
          owningUnitId: user.unit!.id,
          handlerId: user.id,
          subjectPersonId: people[subjectIndex].id,
          description: dto.description?.trim() || null,
          openedAt: clock.now,
          closedAt: null,
          followUpAt: addDays(clock.today, programme.defaultDeadlines.followUpDays),
        }),
      );
      await em.insert(
        CaseParticipantEntity,
        dto.participants.map((p, i) => ({ caseId: kase.id, personId: people[i].id, role: p.role })),
      );
      await em.insert(CaseTeamMemberEntity, {
        caseId: kase.id,
        userId: user.id,
        unitId: null,
        organisationId: user.organisation.id,
        caseRole: teamRole,
        protectedIdentityAccess: true,
        addedById: user.id,
      });
      const consentIds: string[] = [];
      const consents: ConsentEntity[] = [];
      for (const [i, c] of (dto.consents ?? []).entries()) {
        const person = people[c.participantIndex];
        if (!person)
          throw invalid(
            `consents.${i}.participantIndex`,
            'unknownParticipant',
            'participantIndex points at no participant',
          );
        checkConsent(programme, c, person, clock.today, `consents.${i}.`);
        await this.requireOrganisations(
          em,
          c.recipientOrganisationIds,
          `consents.${i}.recipientOrganisationIds`,
        );
        const saved = await em.save(
          em.create(ConsentEntity, {
            caseId: kase.id,
            personId: person.id,
            recipientOrganisationIds: c.recipientOrganisationIds,
            categories: c.categories,
            excludedCategories: c.excludedCategories ?? [],
            exclusionNote: c.exclusionNote?.trim() || null,
            form: c.form,
            givenOn: c.givenOn.slice(0, 10),
            validUntil: c.validUntil.slice(0, 10),
            guardianName: c.guardian?.name ?? null,
            guardianGivenOn: c.guardian?.givenOn.slice(0, 10) ?? null,
            recordedById: user.id,
            supersedesId: null,
          }),
        );
        consentIds.push(saved.id);
        consents.push(saved);
      }
      await this.caseReminders.caseOpened(em, kase, consents);
      await this.audit.record(
        user,
        {
          action: AuditAction.CaseCreate,
          caseIds: [kase.id],
          personIds: people.map((p) => p.id),
          categories: programme.categories,
          consentIds,
          basis: AccessBasis.Owner,
        },
        em,
      );
      return kase.id;
    });
    return this.reads.get(user, caseId, { audit: false });
  }

  private async municipalityFor(
    em: EntityManager,
    user: AuthenticatedUser,
    given?: string,
  ): Promise<string> {
    let code = given;
    if (!code) {
      const org = await em.findOneBy(OrganisationEntity, { id: user.organisation.id });
      code = org?.municipalityCode ?? undefined;
    }
    if (!code)
      throw invalid('municipalityCode', 'required', 'Choose the municipality the case belongs to');
    const exists = await em.existsBy(OrganisationEntity, { municipalityCode: code });
    if (!exists)
      throw invalid('municipalityCode', 'unknownMunicipality', 'No municipality has this code');
    return code;
  }

  private async requireOrganisations(
    em: EntityManager,
    ids: readonly string[],
    field: string,
  ): Promise<void> {
    const found = await em.countBy(OrganisationEntity, { id: In([...ids]) });
    if (found !== ids.length)
      throw invalid(field, 'unknownOrganisation', 'An organisation does not exist');
  }

  /** The next number in the programme's yearly series, taken inside the case's transaction. */
  private async nextSequence(
    em: EntityManager,
    programme: ProgrammeDefinition,
    year: number,
  ): Promise<number> {
    const rows = await em.query<{ last_value: number }[]>(
      `INSERT INTO case_number_counters (prefix, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (prefix, year) DO UPDATE SET last_value = case_number_counters.last_value + 1
       RETURNING last_value`,
      [programme.numberPrefix, year],
    );
    return rows[0].last_value;
  }
}
