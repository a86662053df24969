/** Client-side routes (Swedish, like the product; they do not change with the language). */
export const APP_PATHS = {
  signIn: 'logga-in',
  cases: 'arenden',
  /** Below `cases`: the open-case wizard. */
  newCase: 'nytt',
  review: 'granskning',
  notifications: 'aviseringar',
  /** Below `review`: loggutdrag for one person. */
  accessExtract: 'loggutdrag',
  /** Below `review`: the audit log of one case. */
  caseLog: 'arende',
  /** Trygga hem: the koordinatorsgrupper, their boards and meetings (issue 6). */
  coordinatorGroups: 'koordinatorsgrupp',
  /** Below a group: its caseload board. */
  board: 'tavla',
  /** Below `coordinatorGroups`: one meeting (`koordinatorsgrupp/mote/:id`). */
  meeting: 'mote',
  /** Trygga hem figures (statistics:read). */
  tryggaHemFigures: 'trygga-hem-statistik',
} as const;
