import { type MeetingAttendanceDto, MeetingStatus, type TryggaHemAction } from '@samsyn/common';
import { meetingAttendanceActions } from '@samsyn/domain';
import type { CoordinatorGroupMeetingEntity } from '@samsyn/server';
import type { EntityManager } from 'typeorm';
import { attendanceOf } from '../attendance/meeting-attendance';
import { clockNow } from '../cases/case-access.service';

// Attendance of koordinatorsgrupp meetings (issue 17 §2): read with the meeting
// (MeetingsService.get), written by MeetingAttendanceService.

/** The units of the group's members: the units one may record as taking part. */
export async function memberUnitIds(em: EntityManager, groupId: string): Promise<string[]> {
  const rows = await em.query<{ unit_id: string }[]>(
    `SELECT DISTINCT u.unit_id FROM coordinator_group_members m
     JOIN users u ON u.id = m.user_id
     WHERE m.group_id = $1 AND u.unit_id IS NOT NULL`,
    [groupId],
  );
  return rows.map((r) => r.unit_id);
}

/** The attendance of a meeting as a member sees it, and whether they may record it. */
export async function groupMeetingAttendance(
  em: EntityManager,
  meeting: CoordinatorGroupMeetingEntity,
): Promise<{ attendance: MeetingAttendanceDto; actions: TryggaHemAction[] }> {
  // Only members read a meeting (MeetingsService.requireMeeting).
  const actions = meetingAttendanceActions({
    member: true,
    approved: meeting.status === MeetingStatus.Approved,
    held: meeting.heldOn <= clockNow().today,
  });
  const attendance = await attendanceOf(
    em,
    { coordinatorGroupMeetingId: meeting.id },
    actions.length ? await memberUnitIds(em, meeting.groupId) : null,
  );
  return { attendance, actions };
}
