import type {
  AttendanceCandidateDto,
  FieldError,
  MeetingAttendanceDto,
  RecordAttendanceDto,
} from '@samsyn/common';
import { MeetingAttendanceEntity, UnitEntity, UserEntity } from '@samsyn/server';
import { type EntityManager, In } from 'typeorm';
import { ValidationFailedException } from '../common/problem-details';

// Attendance at cooperation meetings (issue 17 §2), shared by the SIP and the koordinatorsgrupp
// meeting services: the answer, the units and people one may record, and the replacing write.

/** Which meeting the rows belong to. */
export type AttendanceMeeting = { sipMeetingId: string } | { coordinatorGroupMeetingId: string };

function meetingWhere(m: AttendanceMeeting) {
  return 'sipMeetingId' in m
    ? { sipMeetingId: m.sipMeetingId }
    : { coordinatorGroupMeetingId: m.coordinatorGroupMeetingId };
}

/** The units (with their organisations) and their active users, in name order. */
async function unitsWithPeople(
  em: EntityManager,
  unitIds: readonly string[],
): Promise<AttendanceCandidateDto[]> {
  const ids = [...new Set(unitIds)];
  if (!ids.length) return [];
  const [units, users] = await Promise.all([
    em.find(UnitEntity, { where: { id: In(ids) }, relations: { organisation: true } }),
    em.find(UserEntity, {
      select: { id: true, displayName: true, unitId: true },
      where: { unitId: In(ids), active: true },
      order: { displayName: 'ASC' },
    }),
  ]);
  return units
    .map((u) => ({
      unit: { id: u.id, name: u.name },
      organisation: {
        id: u.organisation!.id,
        name: u.organisation!.name,
        type: u.organisation!.type,
      },
      people: users
        .filter((p) => p.unitId === u.id)
        .map((p) => ({ id: p.id, displayName: p.displayName })),
    }))
    .sort(
      (a, b) =>
        a.organisation.name.localeCompare(b.organisation.name, 'sv') ||
        a.unit.name.localeCompare(b.unit.name, 'sv'),
    );
}

/** The meeting's recorded attendance; the candidates only when the caller may record it. */
export async function attendanceOf(
  em: EntityManager,
  meeting: AttendanceMeeting,
  candidateUnitIds: readonly string[] | null,
): Promise<MeetingAttendanceDto> {
  const rows = await em.find(MeetingAttendanceEntity, { where: meetingWhere(meeting) });
  const [attended, candidates, people] = await Promise.all([
    unitsWithPeople(
      em,
      rows.map((r) => r.unitId),
    ),
    candidateUnitIds ? unitsWithPeople(em, candidateUnitIds) : null,
    em.find(UserEntity, {
      select: { id: true, displayName: true },
      where: { id: In([...rows.flatMap((r) => r.userIds), ...rows.map((r) => r.recordedById)]) },
    }),
  ]);
  const name = (id: string) => ({
    id,
    displayName: people.find((p) => p.id === id)?.displayName ?? '',
  });
  const last = rows.reduce<MeetingAttendanceEntity | null>(
    (a, r) => (!a || r.createdAt > a.createdAt ? r : a),
    null,
  );
  return {
    units: attended.map((u) => {
      const row = rows.find((r) => r.unitId === u.unit.id)!;
      return {
        unit: u.unit,
        organisation: u.organisation,
        people: row.userIds.map(name),
        otherParticipants: row.otherParticipants,
      };
    }),
    recordedAt: last?.createdAt.toISOString() ?? null,
    recordedBy: last ? name(last.recordedById) : null,
    candidates,
  };
}

/**
 * Replaces the meeting's attendance, in the caller's transaction with the meeting locked: each
 * unit one of `allowedUnitIds` (400 `notAllowedUnit` naming why in `notAllowed`), once, with at
 * least one person; each person an active user of that unit.
 */
export async function replaceAttendance(
  em: EntityManager,
  meeting: AttendanceMeeting,
  dto: RecordAttendanceDto,
  allowedUnitIds: readonly string[],
  notAllowed: string,
  recordedById: string,
): Promise<void> {
  const errors: FieldError[] = [];
  const candidates = await unitsWithPeople(em, allowedUnitIds);
  dto.units.forEach((u, i) => {
    const candidate = candidates.find((c) => c.unit.id === u.unitId);
    if (!candidate) {
      errors.push({ field: `units.${i}.unitId`, code: 'notAllowedUnit', message: notAllowed });
      return;
    }
    if (dto.units.findIndex((x) => x.unitId === u.unitId) !== i)
      errors.push({
        field: `units.${i}.unitId`,
        code: 'duplicate',
        message: 'The same unit is recorded twice',
      });
    u.userIds.forEach((id, j) => {
      if (!candidate.people.some((p) => p.id === id))
        errors.push({
          field: `units.${i}.userIds.${j}`,
          code: 'notInUnit',
          message: 'The person must be an active user of the unit',
        });
    });
    if (!u.userIds.length && !u.otherParticipants)
      errors.push({
        field: `units.${i}.userIds`,
        code: 'nobody',
        message: 'Name at least one person present for the unit, or count the others',
      });
  });
  if (errors.length) throw new ValidationFailedException(errors);
  await em.delete(MeetingAttendanceEntity, meetingWhere(meeting));
  if (dto.units.length)
    await em.insert(
      MeetingAttendanceEntity,
      dto.units.map((u) => ({
        ...meetingWhere(meeting),
        unitId: u.unitId,
        organisationId: candidates.find((c) => c.unit.id === u.unitId)!.organisation.id,
        userIds: u.userIds,
        otherParticipants: u.otherParticipants ?? 0,
        recordedById,
      })),
    );
}
