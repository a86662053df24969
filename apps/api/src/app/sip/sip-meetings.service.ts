import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditAction, InformationCategory, type SipMeetingDto } from '@samsyn/common';
import {
  CaseEntity,
  type EnvironmentVariables,
  SipInvitationEntity,
  SipMeetingEntity,
} from '@samsyn/server';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CaseAccessService } from '../cases/case-access.service';
import { meetingIcs } from './sip-documents';
import { meetingDtos, readSip } from './sip-helpers';
import { notFound, requireCoordination, SipNames, toMeetingDto } from './sip-views';

/** One SIP meeting as its case's team and its invited units read it: the meeting and its calendar file. */
@Injectable()
export class SipMeetingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async meeting(user: AuthenticatedUser, id: string, audit = true): Promise<SipMeetingDto> {
    const meeting = await this.dataSource.manager.findOneBy(SipMeetingEntity, { id });
    if (!meeting) throw notFound('SIP meeting');
    const access = await readSip(this.access, user, meeting.caseId);
    requireCoordination(access.decision);
    const [dto] = await meetingDtos(this.dataSource.manager, access, [meeting], user);
    if (audit)
      await this.audit.record(user, {
        action: AuditAction.SipMeetingRead,
        caseIds: [meeting.caseId],
        categories: [InformationCategory.Coordination],
        basis: access.decision.basis,
        relation: access.decision.relation,
        emergency: access.decision.emergency,
      });
    return dto;
  }

  /** The meeting as an .ics file, for its caller's side and its invited units; no personal data. */
  async calendar(user: AuthenticatedUser, id: string): Promise<{ file: string; name: string }> {
    const em = this.dataSource.manager;
    const meeting = await em.findOneBy(SipMeetingEntity, { id });
    if (!meeting) throw notFound('SIP meeting');
    const invited =
      !!user.unit &&
      (await em.existsBy(SipInvitationEntity, { meetingId: id, unitId: user.unit.id }));
    const kase = await em.findOneByOrFail(CaseEntity, { id: meeting.caseId });
    if (!invited) await this.access.require(user, kase.id, 'read');
    const names = await SipNames.load(em, {
      orgs: [meeting.callingOrganisationId],
      units: [meeting.callingUnitId],
      users: [meeting.calledById],
    });
    const dto = toMeetingDto(meeting, kase.number, [], null, names);
    await this.audit.record(user, { action: AuditAction.SipCalendar, caseIds: [kase.id] });
    return {
      file: meetingIcs(
        dto,
        this.config.get('PUBLIC_URL', { infer: true }),
        this.config.get('MAIL_FROM', { infer: true }),
      ),
      name: `sip-${kase.number}.ics`,
    };
  }
}
