/**
 * The demo sign-ins (apps/api's demo-data.ts), one per role and a second social worker in
 * another municipality, for tests that go through every role.
 */
export const DEMO_USERS = [
  'social.orebro',
  'social.karlskoga',
  'vard.psykiatri',
  'polis.orebro',
  'frivard.orebro',
  'samordnare.orebro',
  'styrgrupp.lan',
  'admin.orebro',
  'granskare.orebro',
  'sysadmin',
] as const;

export type DemoUser = (typeof DEMO_USERS)[number];
