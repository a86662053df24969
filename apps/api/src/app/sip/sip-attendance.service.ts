import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AuditAction,
  ErrorCode,
  InformationCategory,
  type RecordAttendanceDto,
  SipAction,
  type SipMeetingDto,
  SipMeetingState,
} from '@samsyn/common';
import { SipMeetingEntity } from '@samsyn/server';
import { DataSource } from 'typeorm';
import { replaceAttendance } from '../attendance/meeting-attendance';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CaseAccessService } from '../cases/case-access.service';
import { conflict, versionConflict } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';
import {
  attendanceActions,
  attendanceUnitIds,
  mayChangeMeetingNow,
  requireHuvudman,
  requireSip,
} from './sip-helpers';
import { SipMeetingsService } from './sip-meetings.service';
import { notFound } from './sip-views';

/**
 * Who took part in a SIP meeting (issue 17 §2): the calling and invited units and their people,
 * recorded once the meeting has started by whoever may change it (the owner or the calling
 * huvudman), at the meeting's `version`.
 */
@Injectable()
export class SipAttendanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly meetings: SipMeetingsService,
  ) {}

  async record(
    user: AuthenticatedUser,
    id: string,
    dto: RecordAttendanceDto,
  ): Promise<SipMeetingDto> {
    const found = await this.dataSource.manager.findOne(SipMeetingEntity, {
      select: { id: true, caseId: true },
      where: { id },
    });
    if (!found) throw notFound('SIP meeting');
    await this.dataSource.transaction(async (em) => {
      const access = await requireSip(this.access, user, found.caseId, 'read', em);
      const meeting = await em.findOneOrFail(SipMeetingEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      requireHuvudman(access, user);
      if (meeting.state === SipMeetingState.Cancelled) throw conflict('The meeting is cancelled.');
      if (!mayChangeMeetingNow(access, user, meeting))
        throw new ApiException(
          HttpStatus.FORBIDDEN,
          ErrorCode.Forbidden,
          'Only the owning organisation or the huvudman that called the meeting records who took part.',
          { details: { reason: 'not_caller' } },
        );
      if (!attendanceActions(access, user, meeting).includes(SipAction.RecordAttendance))
        throw conflict('The meeting has not started: record who took part at or after it.');
      if (meeting.version !== dto.version) throw versionConflict(meeting.version);
      await replaceAttendance(
        em,
        { sipMeetingId: id },
        dto,
        await attendanceUnitIds(em, meeting),
        'The unit must be the calling unit or a unit invited to this meeting',
        user.id,
      );
      await em.query(
        `UPDATE sip_meetings SET version = version + 1, updated_at = now() WHERE id = $1`,
        [id],
      );
      await this.audit.record(
        user,
        {
          action: AuditAction.SipMeetingAttendance,
          caseIds: [found.caseId],
          categories: [InformationCategory.Coordination],
          basis: access.decision.basis,
          relation: access.decision.relation,
        },
        em,
      );
    });
    return this.meetings.meeting(user, id, false);
  }
}
