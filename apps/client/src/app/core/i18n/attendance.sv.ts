/** Svenska texter för närvaro på samverkansmöten (issue 17 §2); sprids in i `sv`. */
export const attendanceSv = {
  'attendance.title': 'Närvaro',
  'attendance.none': 'Ingen närvaro är registrerad.',
  'attendance.record': 'Registrera närvaro',
  'attendance.hint':
    'Markera de enheter som deltog och vilka av deras medarbetare som var där. Andra som deltog för en enhet anges bara som antal, aldrig med namn.',
  'attendance.unitPresent': '{unit} deltog',
  'attendance.people': 'Närvarande från {unit}',
  'attendance.others': 'Andra närvarande (antal)',
  'attendance.othersCount': '{count} andra',
  'attendance.nobody': 'Välj minst en person eller ange hur många andra som deltog.',
  'attendance.save': 'Spara närvaro',
  'attendance.saved': 'Närvaron är sparad.',
  'attendance.recordedBy': 'Registrerad av {name} {when}',
};
