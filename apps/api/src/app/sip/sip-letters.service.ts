import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AuditAction,
  ErrorCode,
  InformationCategory,
  type SipLanguage,
  SipMeetingState,
} from '@samsyn/common';
import { SipMeetingEntity } from '@samsyn/server';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CaseAccessService } from '../cases/case-access.service';
import { ApiException } from '../common/problem-details';
import { meetingDtos, readSip } from './sip-helpers';
import { invitationLetterPdf, kallelseLetterPdf } from './sip-letters';
import { printForPerson } from './sip-print';
import { notFound, requireCoordination } from './sip-views';

/**
 * The letters of a called meeting (issue 15 §6): the kallelse for the person (sv/en, with the
 * case owner's where-to-get-help text, D13) and a printable inbjudan per invitation. The same
 * read rights as the meeting; every print is audited like the printed plan (D19).
 */
@Injectable()
export class SipLettersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
  ) {}

  async personLetter(
    user: AuthenticatedUser,
    meetingId: string,
    lang: SipLanguage,
  ): Promise<{ file: Buffer; name: string }> {
    const { dto, access } = await this.open(user, meetingId);
    const file = await printForPerson(
      this.dataSource.manager,
      this.audit,
      user,
      access,
      { action: AuditAction.SipLetterPrint, lang },
      (shown, helpText) => kallelseLetterPdf(dto, shown, helpText, lang),
    );
    return { file, name: `kallelse-${access.kase.number}-${lang}.pdf` };
  }

  async invitationLetter(
    user: AuthenticatedUser,
    meetingId: string,
    invitationId: string,
    lang: SipLanguage,
  ): Promise<{ file: Buffer; name: string }> {
    const { meeting, dto, access } = await this.open(user, meetingId);
    const invitation = dto.invitations.find((i) => i.id === invitationId);
    if (!invitation) throw notFound('SIP invitation');
    const addressee = invitation.unit
      ? [invitation.unit.name, invitation.organisation?.name].filter(Boolean).join(', ')
      : (invitation.externalActor ?? '');
    const file = await invitationLetterPdf(dto, addressee, lang);
    await this.audit.record(user, {
      action: AuditAction.SipLetterPrint,
      caseIds: [meeting.caseId],
      categories: [InformationCategory.Coordination],
      basis: access.decision.basis,
      relation: access.decision.relation,
      emergency: access.decision.emergency,
    });
    return { file, name: `inbjudan-${access.kase.number}-${lang}.pdf` };
  }

  private async open(user: AuthenticatedUser, meetingId: string) {
    const em = this.dataSource.manager;
    const meeting = await em.findOneBy(SipMeetingEntity, { id: meetingId });
    if (!meeting) throw notFound('SIP meeting');
    const access = await readSip(this.access, user, meeting.caseId);
    requireCoordination(access.decision);
    // A read: a cancelled meeting has no letters to print (404, not 409).
    if (meeting.state === SipMeetingState.Cancelled)
      throw new ApiException(
        HttpStatus.NOT_FOUND,
        ErrorCode.NotFound,
        'The meeting is cancelled; it has no letters.',
      );
    const [dto] = await meetingDtos(em, access, [meeting], user);
    return { meeting, dto, access };
  }
}
