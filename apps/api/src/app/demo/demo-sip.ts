import { Injectable } from '@nestjs/common';
import {
  type CreateCaseDto,
  ParticipantRole,
  SipAnswer,
  SipMeasureStatus,
  SipResponsibleKind,
} from '@samsyn/common';
import { addDays, swedishDate } from '@samsyn/domain';
import { OrganisationEntity, UnitEntity } from '@samsyn/server';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CaseRegistrationService } from '../cases/case-registration.service';
import { SipCallingService } from '../sip/sip-calling.service';
import { SipCaseService } from '../sip/sip-case.service';
import { SipInvitationsService } from '../sip/sip-invitations.service';
import { SipPlanApprovalService } from '../sip/sip-plan-approval.service';
import { SipPlansService } from '../sip/sip-plans.service';

/**
 * The demo SIP (issue 4): the psychiatric clinic calls Örebro kommun's social services (kallelse)
 * and Frivård (inbjudan) to a meeting next week; the plan's first version is agreed by both
 * huvudmän and the person. Written through the real services, like a user would.
 */
@Injectable()
export class DemoSipSeeder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRegistrationService,
    private readonly sip: SipCaseService,
    private readonly calling: SipCallingService,
    private readonly invitations: SipInvitationsService,
    private readonly plans: SipPlansService,
    private readonly approval: SipPlanApprovalService,
  ) {}

  async seed(asUser: (username: string) => AuthenticatedUser): Promise<void> {
    const vard = asUser('vard.psykiatri');
    const social = asUser('social.orebro');
    const em = this.dataSource.manager;
    const kommun = await em.findOneByOrFail(OrganisationEntity, { municipalityCode: '1880' });
    const socialUnit = await em.findOneByOrFail(UnitEntity, { organisationId: kommun.id });
    const frivardUnit = await em.findOneByOrFail(UnitEntity, { name: 'Frivården Örebro' });
    const today = swedishDate(new Date());
    const kase = await this.cases.create(vard, {
      programme: 'SIP',
      municipalityCode: '1880',
      description:
        'Våld i nära relation; behov av samordnade insatser från psykiatri och socialtjänst.',
      participants: [
        {
          role: ParticipantRole.Individual,
          person: {
            personalNumberKind: 'personnummer',
            personalNumber: '19880305-1237',
            firstName: 'Maria',
            lastName: 'Lind',
            language: 'sv',
            city: 'Örebro',
          },
        },
      ],
      consents: [
        {
          participantIndex: 0,
          recipientOrganisationIds: [kommun.id, frivardUnit.organisationId],
          categories: ['identity', 'coordination', 'social'],
          form: 'written',
          givenOn: today,
          validUntil: addDays(today, 365),
        },
      ],
    } as CreateCaseDto);
    await this.sip.updateSettings(vard, kase.id, { requestedOn: today, violenceRelated: true });
    const startsAt = new Date(`${addDays(today, 7)}T09:00:00+01:00`).toISOString();
    const meeting = await this.calling.call(vard, kase.id, {
      startsAt,
      place: 'Psykiatriska kliniken, mötesrum 3',
      personParticipates: true,
      relativesParticipate: false,
      invitees: [
        { unitId: socialUnit.id },
        { unitId: frivardUnit.id },
        { externalActor: 'Försäkringskassan' },
      ],
    });
    const invitation = meeting.invitations.find((i) => i.unit?.id === socialUnit.id)!;
    await this.invitations.answer(social, invitation.id, {
      version: invitation.version,
      answer: SipAnswer.Accept,
    });
    let plan = await this.plans.get(vard, meeting.planVersionId!);
    plan = await this.plans.update(vard, plan.id, {
      version: plan.version,
      needs: [{ text: 'Stöd efter utskrivning och i boendet' }],
      goals: [
        { text: 'Jag vill känna mig trygg hemma', ownWords: true },
        { text: 'Stabil psykisk hälsa', ownWords: false },
      ],
      measures: [
        {
          description: 'Samtalsbehandling varannan vecka',
          responsibleKind: SipResponsibleKind.Region,
          organisationId: vard.organisation.id,
          unitId: vard.unit!.id,
          startDate: addDays(today, 7),
          endDate: addDays(today, 120),
          status: SipMeasureStatus.Planned,
        },
        {
          description: 'Boendestöd tre dagar i veckan',
          responsibleKind: SipResponsibleKind.Municipality,
          organisationId: kommun.id,
          unitId: socialUnit.id,
          startDate: addDays(today, 10),
          endDate: addDays(today, 180),
          status: SipMeasureStatus.Planned,
        },
        {
          description: 'Stöd vid ansökan om sjukpenning',
          responsibleKind: SipResponsibleKind.Other,
          actorName: 'Försäkringskassan',
          startDate: addDays(today, 14),
          status: SipMeasureStatus.Planned,
        },
      ],
      leadPrincipalOrganisationId: kommun.id,
      followUpDate: addDays(today, 60),
    });
    plan = await this.approval.approve(vard, plan.id, { version: plan.version });
    plan = await this.approval.approve(social, plan.id, { version: plan.version });
    await this.approval.personAgreement(vard, plan.id, {
      version: plan.version,
      note: 'Godkänd muntligt vid planeringssamtal',
    });
  }
}
