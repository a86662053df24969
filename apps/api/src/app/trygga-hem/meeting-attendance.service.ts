import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AuditAction,
  ErrorCode,
  InformationCategory,
  type MeetingDto,
  MeetingStatus,
  type RecordAttendanceDto,
} from '@samsyn/common';
import { CoordinatorGroupMeetingEntity } from '@samsyn/server';
import { DataSource } from 'typeorm';
import { replaceAttendance } from '../attendance/meeting-attendance';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { clockNow } from '../cases/case-access.service';
import { versionConflict } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';
import { CoordinatorGroupsService } from './coordinator-groups.service';
import { memberUnitIds } from './meeting-attendance';
import { MeetingsService } from './meetings.service';

/**
 * Who took part in a koordinatorsgrupp meeting (issue 17 §2): the members' units and their
 * people, recorded by members from the meeting day while the minutes are open, at the meeting's
 * `version`. Not data about a case: the meeting's agenda is, and it is audited there.
 */
@Injectable()
export class MeetingAttendanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly groups: CoordinatorGroupsService,
    private readonly meetings: MeetingsService,
  ) {}

  async record(
    user: AuthenticatedUser,
    meetingId: string,
    dto: RecordAttendanceDto,
  ): Promise<MeetingDto> {
    await this.dataSource.transaction(async (em) => {
      const meeting = await em.findOne(CoordinatorGroupMeetingEntity, {
        where: { id: meetingId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!meeting)
        throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'No meeting has this id.');
      await this.groups.requireMember(user, meeting.groupId, em);
      if (meeting.status === MeetingStatus.Approved)
        throw new ApiException(
          HttpStatus.CONFLICT,
          ErrorCode.RuleViolation,
          'The minutes of this meeting are approved and can no longer be changed.',
        );
      if (meeting.heldOn > clockNow().today)
        throw new ApiException(
          HttpStatus.CONFLICT,
          ErrorCode.RuleViolation,
          'The meeting has not been held yet: record who took part on or after its day.',
        );
      if (meeting.version !== dto.version) throw versionConflict(meeting.version);
      await replaceAttendance(
        em,
        { coordinatorGroupMeetingId: meetingId },
        dto,
        await memberUnitIds(em, meeting.groupId),
        "The unit must be the unit of one of the group's members",
        user.id,
      );
      await em.query(
        `UPDATE coordinator_group_meetings SET version = version + 1, updated_at = now() WHERE id = $1`,
        [meetingId],
      );
      await this.audit.record(
        user,
        { action: AuditAction.TryggaHemWrite, categories: [InformationCategory.Coordination] },
        em,
      );
    });
    return this.meetings.get(user, meetingId, { audit: false });
  }
}
