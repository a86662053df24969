import { GALLRA_FUNCTION } from './gallring-sql';

/** Where the clearing of a SIP case's meetings is extended with their attendance. */
const ANCHOR = '  UPDATE sip_invitations SET reason = NULL,';

/** Gallring of a SIP case keeps its meetings' units (the indicator counts them), not the people. */
const ATTENDANCE_CLEARING = `  UPDATE meeting_attendances a SET user_ids = '{}' FROM sip_meetings m
    WHERE m.id = a.sip_meeting_id AND m.case_id = p_case_id;
`;

/** `samsyn_gallra_case` as migration 1796621101545-Gallring made it, `OR REPLACE`. */
export const GALLRA_FUNCTION_REPLACE = GALLRA_FUNCTION.replace(
  'CREATE FUNCTION',
  'CREATE OR REPLACE FUNCTION',
);

/**
 * `samsyn_gallra_case` as migration 1796641334164-MeetingAttendance made it: the attendance of
 * the case's meetings cleared before its SIP invitations (the same place in the order of work).
 */
export const GALLRA_FUNCTION_WITH_ATTENDANCE = (() => {
  if (GALLRA_FUNCTION_REPLACE.split(ANCHOR).length !== 2)
    throw new Error('samsyn_gallra_case changed: no anchor');
  return GALLRA_FUNCTION_REPLACE.replace(ANCHOR, ATTENDANCE_CLEARING + ANCHOR);
})();
