import { AuditAction, type MeDto, type SetupStatusDto } from '@samsyn/common';
import {
  type CommandResult,
  runApiCommand,
  type RunningApi,
  startApi,
  tempDir,
} from '@samsyn/testing';
import { Client } from 'pg';
import { databaseUrl, PG_ADMIN_URL, REDIS_URL } from './support/env';
import { ApiClient } from './support/http';

/**
 * Issue 16, first run: on an installation without demo data the database holds no user, and one
 * command (`npm run admin:create`, i.e. `node dist/apps/api/main.js admin:create`) creates the
 * first organisation and its system administrator. Each test database here is its own, empty one.
 */
function runAdminCreate(database: string, args: string[], stdin?: string): Promise<CommandResult> {
  return runApiCommand('admin:create', args, { DATABASE_URL: databaseUrl(database) }, stdin);
}

async function withAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

async function count(database: string, table: 'users' | 'organisations'): Promise<number> {
  const db = new Client({ connectionString: databaseUrl(database) });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return rows[0].n;
  } finally {
    await db.end();
  }
}

const REGION = [
  '--org-kind',
  'region',
  '--org-name',
  'Region Testlän',
  '--org-number',
  '232100-0164',
  '--hsa-id',
  'SE2321000164-7381',
  '--username',
  'Sysadmin.Testlan',
  '--display-name',
  'Sys Admin',
  '--email',
  'sysadmin@region.example',
];

describe('first run: admin:create on an empty installation', () => {
  const databases: string[] = [];
  let api: RunningApi | undefined;

  async function freshDatabase(): Promise<string> {
    const name = `samsyn_firstrun_${Date.now().toString(36)}_${databases.length}`;
    await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
    databases.push(name);
    return name;
  }

  afterAll(async () => {
    await api?.stop();
    await withAdmin(async (admin) => {
      for (const name of databases)
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  });

  it('the sign-in page learns that nobody exists yet; the command creates the first administrator, who signs in', async () => {
    const database = await freshDatabase();
    api = await startApi({
      DATABASE_URL: databaseUrl(database),
      REDIS_URL,
      QUEUE_PREFIX: `samsyn-firstrun-${Date.now().toString(36)}`,
      DATA_DIR: tempDir('samsyn-firstrun-'),
    });
    const anonymous = new ApiClient(api.url);
    const before = await anonymous.get<SetupStatusDto>('/api/v1/auth/setup');
    expect([before.status, before.body]).toEqual([200, { needsFirstAdmin: true }]);

    const created = await runAdminCreate(database, REGION);
    expect({ code: created.code, stderr: created.stderr }).toEqual({ code: 0, stderr: '' });
    expect(created.stdout).toContain('Created organisation "Region Testlän" (region)');
    const password = /Password \(shown only this once; keep it safe\): (\S+)/.exec(
      created.stdout,
    )?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(12);

    // Stored lower-case, so the name signs in however it was typed.
    const admin = await ApiClient.signedIn('sysadmin.testlan', password, api.url);
    const me = await admin.get<MeDto>('/api/v1/me');
    expect(me.body).toMatchObject({
      username: 'sysadmin.testlan',
      displayName: 'Sys Admin',
      roles: ['system_admin'],
      organisation: { name: 'Region Testlän', type: 'region' },
    });

    const after = await anonymous.get<SetupStatusDto>('/api/v1/auth/setup');
    expect(after.body).toEqual({ needsFirstAdmin: false });

    const db = new Client({ connectionString: databaseUrl(database) });
    await db.connect();
    try {
      const { rows: orgs } = await db.query(
        'SELECT organisation_number, hsa_id, municipality_code FROM organisations',
      );
      expect(orgs).toEqual([
        {
          organisation_number: '232100-0164',
          hsa_id: 'SE2321000164-7381',
          municipality_code: null,
        },
      ]);
      const { rows: events } = await db.query<{ action: string; user_id: string }>(
        'SELECT action, user_id::text AS user_id FROM audit_events ORDER BY id',
      );
      expect(events[0]).toEqual({ action: AuditAction.AdminFirstRun, user_id: me.body.id });
      // Nothing the command printed or audited holds the password.
      const { rows: leaks } = await db.query(
        `SELECT 1 FROM audit_events WHERE row_to_json(audit_events)::text LIKE '%' || $1 || '%'`,
        [password],
      );
      expect(leaks).toEqual([]);
    } finally {
      await db.end();
    }

    // A second first run is refused and writes nothing.
    const again = await runAdminCreate(database, [
      '--org-kind',
      'region',
      '--org-name',
      'Region Annat',
      '--username',
      'another.admin',
      '--display-name',
      'Another',
    ]);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('has a system administrator already; nothing was written');
    expect([await count(database, 'users'), await count(database, 'organisations')]).toEqual([
      1, 1,
    ]);
  });

  it('migrates a database nobody has started yet, and takes the password from stdin', async () => {
    const database = await freshDatabase();
    const created = await runAdminCreate(
      database,
      [
        '--org-kind',
        'municipality',
        '--org-name',
        'Testby kommun',
        '--municipality-code',
        '9999',
        '--username',
        'admin.testby',
        '--display-name',
        'Admin Testby',
        '--password-stdin',
      ],
      'a-long-enough-passphrase\n',
    );
    expect({ code: created.code, stderr: created.stderr }).toEqual({ code: 0, stderr: '' });
    expect(created.stdout).not.toContain('Password');
    const db = new Client({ connectionString: databaseUrl(database) });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT u.username, u.roles::text[] AS roles, o.type::text AS type, o.municipality_code
           FROM users u JOIN organisations o ON o.id = u.organisation_id`,
      );
      expect(rows).toEqual([
        {
          username: 'admin.testby',
          roles: ['system_admin'],
          type: 'municipality',
          municipality_code: '9999',
        },
      ]);
    } finally {
      await db.end();
    }
  });

  it('answers bad input with exit code 2 and a message naming each flag, and writes nothing', async () => {
    const database = await freshDatabase();
    const bad = await runAdminCreate(database, [
      '--org-kind',
      'kingdom',
      '--org-name',
      'X',
      '--org-number',
      '202100-0077',
      '--municipality-code',
      '1880',
      '--username',
      'no spaces',
      '--display-name',
      'Someone',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--org-kind: kind must be one of: region, municipality');
    expect(bad.stderr).toContain('--org-name: name must be longer than or equal to 2 characters');
    expect(bad.stderr).toContain('--org-number: organisationNumber must be an organisationsnummer');
    expect(bad.stderr).toContain('--username: username must be 2–100 characters');
    expect(bad.stderr).toContain('--municipality-code: only a municipality has a kommunkod');
    expect(bad.stderr).toContain('usage: npm run admin:create');

    const unknown = await runAdminCreate(database, ['--org-kind', 'region', '--colour', 'blue']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--colour'/);

    const short = await runAdminCreate(
      database,
      [
        '--org-kind',
        'region',
        '--org-name',
        'Region Kort',
        '--username',
        'x.admin',
        '--display-name',
        'X',
        '--password-stdin',
      ],
      'too-short\n',
    );
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('password: The password must be at least 12 characters long');

    const common = await runAdminCreate(
      database,
      [
        '--org-kind',
        'region',
        '--org-name',
        'Region Vanlig',
        '--username',
        'x.admin',
        '--display-name',
        'X',
        '--password-stdin',
      ],
      'Password12345!\n',
    );
    expect(common.code).toBe(2);
    expect(common.stderr).toContain('on a list of common passwords');

    // The database was never touched: not even migrated.
    const db = new Client({ connectionString: databaseUrl(database) });
    await db.connect();
    try {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      expect(rows[0].n).toBe(0);
    } finally {
      await db.end();
    }
  });
});
