/* Who took part in a cooperation meeting (issue 17 §2): the answers, side-effect free so the
 * client imports them; the request classes are in meeting-attendance.dto.ts. */
import type { OrganisationType } from './organisation';

/** At most this many units per meeting, and people per unit. */
export const ATTENDANCE_MAX_UNITS = 50;
export const ATTENDANCE_MAX_PEOPLE = 50;

export interface AttendanceUnitRefDto {
  unit: { id: string; name: string };
  organisation: { id: string; name: string; type: OrganisationType };
}

/** One unit that took part: its Samsyn users present, and how many others (never named). */
export interface AttendedUnitDto extends AttendanceUnitRefDto {
  people: { id: string; displayName: string }[];
  otherParticipants: number;
}

/** A unit that may be recorded, with the people of it one may choose from. */
export interface AttendanceCandidateDto extends AttendanceUnitRefDto {
  people: { id: string; displayName: string }[];
}

/**
 * A meeting's attendance, with the SIP meeting and the koordinatorsgrupp meeting. `candidates`
 * only for a caller whose allowed actions include recording it (else null): the SIP meeting's
 * calling and invited units, or the units of the group's members, and their active users.
 */
export interface MeetingAttendanceDto {
  units: AttendedUnitDto[];
  recordedAt: string | null;
  recordedBy: { id: string; displayName: string } | null;
  candidates: AttendanceCandidateDto[] | null;
}
