import type { attendanceSv } from './attendance.sv';

/** English texts of attendance at cooperation meetings (issue 17 §2); spread into `en`. */
export const attendanceEn: Readonly<Record<keyof typeof attendanceSv, string>> = {
  'attendance.title': 'Attendance',
  'attendance.none': 'No attendance has been recorded.',
  'attendance.record': 'Record attendance',
  'attendance.hint':
    'Tick the units that took part and which of their staff were there. Anyone else present for a unit is given only as a number, never by name.',
  'attendance.unitPresent': '{unit} took part',
  'attendance.people': 'Present from {unit}',
  'attendance.others': 'Others present (number)',
  'attendance.othersCount': '{count} others',
  'attendance.nobody': 'Choose at least one person or give how many others took part.',
  'attendance.save': 'Save attendance',
  'attendance.saved': 'The attendance has been saved.',
  'attendance.recordedBy': 'Recorded by {name} {when}',
};
