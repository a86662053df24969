import { SET_PASSWORD_PATH } from '@samsyn/common';

/** Client-side routes (Swedish, like the product; they do not change with the language). */
export const APP_PATHS = {
  signIn: 'logga-in',
  /** Below `signIn`: a refused sign-in through an identity provider (`?orsak=<code>`). */
  signInRefused: 'nekad',
  cases: 'arenden',
  /** Below `cases`: the open-case wizard. */
  newCase: 'nytt',
  review: 'granskning',
  notifications: 'aviseringar',
  /** Cooperation agreements (D25); the API's e-mails link to `/overenskommelser/<id>`. */
  agreements: 'overenskommelser',
  /** Below `agreements`: a new agreement; below an agreement: its edit form. */
  newAgreement: 'ny',
  editAgreement: 'andra',
  /** Below `review`: loggutdrag for one person. */
  accessExtract: 'loggutdrag',
  /** Below `review`: the audit log of one case. */
  caseLog: 'arende',
  /** SIP pages: the invitation inbox, a meeting (linked from calendar files) and a plan version. */
  sip: 'sip',
  sipInvitations: 'inbjudningar',
  sipMeetings: 'moten',
  sipPlans: 'planer',
  /** Trygga hem: the koordinatorsgrupper, their boards and meetings (issue 6). */
  coordinatorGroups: 'koordinatorsgrupp',
  /** Below a group: its caseload board. */
  board: 'tavla',
  /** Below `coordinatorGroups`: one meeting (`koordinatorsgrupp/mote/:id`). */
  meeting: 'mote',
  /** Trygga hem figures (statistics:read). */
  tryggaHemFigures: 'trygga-hem-statistik',
  /** The agreements' indicators (issue 17): steering, coordinators, org_admin. */
  statistics: 'statistik',
  /** The organisation's where-to-get-help text (org_admin, D13). */
  helpText: 'hjalptext',
  /** Gallring (D22): retention rules, runs, legal holds (org_admin, system_admin). */
  gallring: 'gallring',
  /** The evaluation export (D6, issue 17 §5): steering and coordinators (evaluation:export). */
  evaluation: 'utvardering',
  /** The user's own account, "Mitt konto" (issue 16): every signed-in user. */
  account: 'konto',
  /** The system administrator's pages (issue 16): `administration/organisationer`. */
  administration: 'administration',
  organisations: 'organisationer',
  /** Below `organisations`: a new organisation. */
  newOrganisation: 'ny',
  /** Below `account`: the second factor (issue 16). */
  secondFactor: 'tvastegsverifiering',
  /** Users (org_admin, system_admin): `administration/anvandare`, `…/ny` a new one. */
  users: 'anvandare',
  newUser: 'ny',
  /** The public page where a one-time code sets a password: `losenord/<code>` (the API's e-mail links here). */
  setPassword: SET_PASSWORD_PATH,
} as const;
