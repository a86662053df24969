/**
 * What a unit does (the API's free snake_case `kind`): the kinds offered when adding one, those of
 * the demo data first. A kind the client has no name for is shown as the code itself.
 */
export const UNIT_KINDS = [
  'social_services',
  'psychiatry',
  'addiction_care',
  'primary_care',
  'local_police_area',
  'probation_office',
  'county_board',
  'student_health',
  'other',
] as const;
