import {
  type AuditVerifyDto,
  GallringMode,
  type GallringRunDto,
  GallringRunStatus,
  type LegalHoldDto,
  type RetentionRulesDto,
} from '@samsyn/common';
import { isKeptForResearch, type IdentityKind } from '@samsyn/domain';
import {
  type RunningApi,
  type RunningProcess,
  startApi,
  startProcess,
  tempDir,
} from '@samsyn/testing';
import { GALLRING_QUEUE, GALLRING_SCHEDULED_JOB } from '@samsyn/server';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { databaseUrl, PG_ADMIN_URL, REDIS_URL } from './support/env';
import { expectStatus } from './support/fixtures';
import { ApiClient } from './support/http';
import { waitFor } from './support/wait';

/** Synthetic due cases for the interrupted run: enough that a kill lands mid-way. */
const SYNTHETIC_CASES = 1500;

/**
 * Issue 17 §7 (D22): gallring on its own database (clearing the shared demo data would break the
 * other specs), through the API, Redis and the built worker. Time is arranged by a fixture: the
 * cases' last write is set six years back, as only the passage of time would otherwise do.
 */
describe('gallring: report, clear, rerun, legal hold, research, audit chain, kill -9', () => {
  const database = `samsyn_gallring_${Date.now().toString(36)}_${process.pid}`;
  const queuePrefix = `gallring-e2e-${Date.now().toString(36)}`;
  let api: RunningApi;
  let worker: RunningProcess | undefined;
  let db: Client;
  let sysadmin: ApiClient;
  let orgAdmin: ApiClient;

  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await db.query(text, params)).rows as T[];
  const one = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await sql<T>(text, params))[0];
  const env = () => ({ DATABASE_URL: databaseUrl(database), REDIS_URL, QUEUE_PREFIX: queuePrefix });
  const startWorker = async () => {
    worker = await startProcess('worker', env(), /Samsyn worker ready/);
  };

  const finished = (client: ApiClient, id: string, timeoutMs = 120_000) =>
    waitFor(
      async () => {
        const res = await client.get<GallringRunDto>(`/api/v1/gallring/runs/${id}`);
        expectStatus(res, 200, 'GET run');
        return res.body.status === GallringRunStatus.Finished ? res.body : undefined;
      },
      timeoutMs,
      'the run to finish',
    );
  const startRun = async (client: ApiClient, mode: GallringMode) => {
    const res = await client.post<GallringRunDto>('/api/v1/gallring/runs', { mode });
    expectStatus(res, 202, `POST run ${mode}`);
    return res.body;
  };

  /** Every case's personal data and records, to compare before and after. */
  const snapshot = () =>
    sql<{
      id: string;
      cleared_at: Date | null;
      description: string | null;
      journal: number;
      consents: number;
      participants: number;
      first_name: string;
      personal_number: string;
      programme: string;
      status: string;
      municipality_code: string;
      owning_organisation_id: string;
      opened_at: Date;
    }>(
      `SELECT c.id, c.cleared_at, c.description, c.programme, c.status, c.municipality_code,
              c.owning_organisation_id, c.opened_at, p.first_name, p.personal_number,
              (SELECT count(*)::int FROM journal_entries j WHERE j.case_id = c.id) AS journal,
              (SELECT count(*)::int FROM consents x WHERE x.case_id = c.id) AS consents,
              (SELECT count(*)::int FROM case_participants x WHERE x.case_id = c.id) AS participants
       FROM cases c JOIN persons p ON p.id = c.subject_person_id ORDER BY c.id`,
    );

  beforeAll(async () => {
    const admin = new Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    api = await startApi({
      ...env(),
      DEMO_MODE: 'true',
      LOGIN_RATE_LIMIT: '1000',
      DATA_DIR: tempDir('samsyn-gallring-'),
    });
    await startWorker();
    db = new Client({ connectionString: databaseUrl(database) });
    await db.connect();
    sysadmin = await ApiClient.signedIn('sysadmin', undefined, api.url);
    orgAdmin = await ApiClient.signedIn('admin.orebro', undefined, api.url);
    // Six years without a write: every demo case is past the default rule's five years.
    await sql(`UPDATE cases SET last_activity_at = now() - interval '6 years'`);
  }, 240_000);

  afterAll(async () => {
    await db?.end();
    await worker?.stop();
    await api?.stop();
    const admin = new Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });

  let held: LegalHoldDto;
  let research: Set<string>;

  it('shows the default rule to the org_admin, who may not change it; refuses bad input', async () => {
    const rules = await orgAdmin.get<RetentionRulesDto>('/api/v1/gallring/rules');
    expectStatus(rules, 200, 'GET rules');
    expect(rules.body.mayEdit).toBe(false);
    expect(rules.body.items).toEqual([
      expect.objectContaining({ organisation: null, programme: null, years: 5 }),
    ]);
    const rule = rules.body.items[0];
    const edit = await orgAdmin.request('PATCH', `/api/v1/gallring/rules/${rule.id}`, {
      version: rule.version,
      years: 6,
    });
    expectStatus(edit, 403, 'org_admin edits a rule');
    const bad = await sysadmin.request('PATCH', `/api/v1/gallring/rules/${rule.id}`, {
      version: rule.version,
      years: 0,
    });
    expectStatus(bad, 400, 'zero years');
    const clear = await orgAdmin.post('/api/v1/gallring/runs', { mode: GallringMode.Clear });
    expectStatus(clear, 403, 'org_admin starts a clearing run');
    const unknownMode = await sysadmin.post('/api/v1/gallring/runs', { mode: 'everything' });
    expectStatus(unknownMode, 400, 'unknown mode');
    const stale = await sysadmin.request('PATCH', `/api/v1/gallring/rules/${rule.id}`, {
      version: rule.version + 1,
      years: 5,
    });
    expectStatus(stale, 409, 'stale version');
  });

  it('puts a case on legal hold (org_admin of the owning organisation only), audited', async () => {
    const [target] = await sql<{ id: string; number: string }>(
      `SELECT c.id, c.number FROM cases c JOIN organisations o ON o.id = c.owning_organisation_id
       JOIN persons p ON p.id = c.subject_person_id
       WHERE o.name = 'Örebro kommun' AND substring(p.personal_number, 7, 2) NOT IN ('05','15','25')
       ORDER BY c.number LIMIT 1`,
    );
    const res = await orgAdmin.post<LegalHoldDto>('/api/v1/gallring/legal-holds', {
      caseNumber: target.number,
      reason: 'Begäran från förvaltningsrätten, mål 1234-25',
    });
    expectStatus(res, 201, 'set hold');
    held = res.body;
    expect(held).toMatchObject({ caseId: target.id, mayLift: true });
    const again = await orgAdmin.post('/api/v1/gallring/legal-holds', {
      caseNumber: target.number,
      reason: 'igen',
    });
    expectStatus(again, 409, 'second hold');
    const empty = await orgAdmin.post('/api/v1/gallring/legal-holds', {
      caseNumber: target.number,
    });
    expectStatus(empty, 400, 'no reason');
    const [other] = await sql<{ number: string }>(
      `SELECT c.number FROM cases c JOIN organisations o ON o.id = c.owning_organisation_id
       WHERE o.name <> 'Örebro kommun' LIMIT 1`,
    );
    if (other) {
      const foreign = await orgAdmin.post('/api/v1/gallring/legal-holds', {
        caseNumber: other.number,
        reason: 'Inte vår',
      });
      expectStatus(foreign, 404, "another organisation's case");
    }
    const audited = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.legal_hold' AND $1 = ANY(case_ids)`,
      [target.id],
    );
    expect(audited.n).toBe(1);
  });

  it('dry run: reports what is due, by rule, and changes nothing', async () => {
    const subjects = await sql<{
      id: string;
      kind: IdentityKind;
      personal_number: string;
      birth_date: string;
    }>(
      `SELECT c.id, p.personal_number_kind AS kind, p.personal_number, p.birth_date::text AS birth_date
       FROM cases c JOIN persons p ON p.id = c.subject_person_id`,
    );
    research = new Set(
      subjects
        .filter((s) =>
          isKeptForResearch({
            kind: s.kind,
            personalNumber: s.personal_number,
            birthDate: s.birth_date,
          }),
        )
        .map((s) => s.id),
    );
    expect(research.size).toBeGreaterThan(0);
    expect(research.has(held.caseId)).toBe(false);
    const before = await snapshot();
    const run = await finished(sysadmin, (await startRun(sysadmin, GallringMode.DryRun)).id);
    expect(run.mode).toBe(GallringMode.DryRun);
    expect(run.totals).toEqual({
      due: subjects.length,
      research: research.size,
      legalHold: 1,
      cleared: 0,
      skipped: 0,
    });
    expect(run.rows.length).toBeGreaterThan(0);
    expect(run.rows.every((r) => r.ruleYears === 5)).toBe(true);
    expect(await snapshot()).toEqual(before);

    // The org_admin sees their organisation's lines only, and the CSV says the same.
    const mine = await orgAdmin.get<GallringRunDto>(`/api/v1/gallring/runs/${run.id}`);
    expectStatus(mine, 200, 'org_admin reads the run');
    expect(mine.body.rows.every((r) => r.organisation.name === 'Örebro kommun')).toBe(true);
    const csv = await orgAdmin.request<string>('GET', `/api/v1/gallring/runs/${run.id}/report.csv`);
    expectStatus(csv, 200, 'CSV');
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0]).toBe(
      'run,mode,rule,rule_years,organisation,programme,past_retention,kept_for_research,legal_hold,cleared,skipped',
    );
    expect(lines).toHaveLength(mine.body.rows.length + 1);
    const total = lines.slice(1).reduce((n, l) => n + Number(l.split(',')[6]), 0);
    expect(total).toBe(mine.body.totals.due);
  });

  it('clears: personal data gone, statistics kept, reminders cancelled, one audit event per case', async () => {
    // A meeting with attendance on a case due and on a case kept for research (issue 17 §2).
    const vard = await one<{ id: string; organisation_id: string; unit_id: string }>(
      `SELECT id, organisation_id, unit_id FROM users WHERE username = 'vard.psykiatri'`,
    );
    const due = await one<{ id: string }>(
      `SELECT id FROM cases WHERE id <> $1 AND id <> ALL ($2::uuid[]) ORDER BY id LIMIT 1`,
      [held.caseId, [...research]],
    );
    const attended = [due.id, [...research][0]];
    for (const caseId of attended) {
      const meeting = await one<{ id: string }>(
        `INSERT INTO sip_meetings (version, case_id, kind, starts_at, ends_at, person_participates,
           relatives_participate, called_at, called_by_id, calling_organisation_id, calling_unit_id)
         VALUES (1, $1, 'first', now() - interval '6 years', now() - interval '6 years', true,
                 false, now() - interval '6 years', $2, $3, $4) RETURNING id`,
        [caseId, vard.id, vard.organisation_id, vard.unit_id],
      );
      await sql(
        `INSERT INTO meeting_attendances (sip_meeting_id, unit_id, organisation_id, user_ids,
           recorded_by_id) VALUES ($1, $2, $3, $4, $5)`,
        [meeting.id, vard.unit_id, vard.organisation_id, [vard.id], vard.id],
      );
      await sql(`UPDATE cases SET last_activity_at = now() - interval '6 years' WHERE id = $1`, [
        caseId,
      ]);
    }
    const before = new Map((await snapshot()).map((c) => [c.id, c]));
    const pendingBefore = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM reminders WHERE status = 'pending' AND case_id IS NOT NULL`,
    );
    const run = await finished(sysadmin, (await startRun(sysadmin, GallringMode.Clear)).id);
    const expected = before.size - research.size - 1;
    expect(run.totals).toMatchObject({ cleared: expected, legalHold: 1, research: research.size });

    const after = await snapshot();
    for (const c of after) {
      const was = before.get(c.id);
      if (!was) throw new Error('a case appeared');
      if (c.id === held.caseId || research.has(c.id)) {
        expect(c).toEqual(was);
        continue;
      }
      expect(c.cleared_at).not.toBeNull();
      expect(c).toMatchObject({ description: null, journal: 0, consents: 0, participants: 0 });
      // What statistics need stays: programme, status, municipality, organisation, the month.
      expect(c).toMatchObject({
        programme: was.programme,
        status: was.status,
        municipality_code: was.municipality_code,
        owning_organisation_id: was.owning_organisation_id,
      });
      // Opened: the month only (its first day, Stockholm time), never later than it was.
      expect(c.opened_at.getTime()).toBeLessThanOrEqual(was.opened_at.getTime());
      expect(was.opened_at.getTime() - c.opened_at.getTime()).toBeLessThan(31 * 86_400_000);
    }
    // A subject anonymised unless a kept case still names them.
    const named = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases c JOIN persons p ON p.id = c.subject_person_id
       WHERE c.cleared_at IS NOT NULL AND p.cleared_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM cases k WHERE k.subject_person_id = p.id AND k.cleared_at IS NULL)`,
    );
    expect(named.n).toBe(0);
    const anonymous = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM persons WHERE cleared_at IS NOT NULL
         AND (first_name <> '' OR address IS NOT NULL OR personal_number ~ '^[0-9]{12}$')`,
    );
    expect(anonymous.n).toBe(0);
    const pending = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM reminders r JOIN cases c ON c.id = r.case_id
       WHERE r.status = 'pending' AND c.cleared_at IS NOT NULL`,
    );
    expect(pending.n).toBe(0);
    expect(pendingBefore.n).toBeGreaterThanOrEqual(0);
    const events = await sql<{ case_id: string; n: number }>(
      `SELECT unnest(case_ids)::text AS case_id, count(*)::int AS n FROM audit_events
       WHERE action = 'gallring.case' GROUP BY 1`,
    );
    expect(events).toHaveLength(expected);
    expect(events.every((e) => e.n === 1)).toBe(true);
    // Append-only tables stay append-only for everyone else.
    await expect(db.query(`DELETE FROM journal_entries`)).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE audit_events SET action = action`)).rejects.toThrow(
      /append-only/,
    );

    // Attendance: the units stay for the indicator, the people go with the cleared case.
    const attendance = await sql<{ case_id: string; unit_id: string; user_ids: string[] }>(
      `SELECT m.case_id, a.unit_id, a.user_ids::text[] AS user_ids FROM meeting_attendances a
       JOIN sip_meetings m ON m.id = a.sip_meeting_id WHERE m.case_id = ANY ($1::uuid[])`,
      [attended],
    );
    expect(attendance.map((a) => [a.case_id, a.unit_id, a.user_ids]).sort()).toEqual(
      [
        [attended[0], vard.unit_id, []],
        [attended[1], vard.unit_id, [vard.id]],
      ].sort(),
    );

    const verify = await sysadmin.get<AuditVerifyDto>('/api/v1/audit/verify');
    expectStatus(verify, 200, 'verify');
    expect(verify.body).toMatchObject({ ok: true, firstBrokenId: null });
  });

  it('rerun clears nothing more; the kept cases are reported again', async () => {
    const events = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'gallring.case'`,
    );
    const run = await finished(sysadmin, (await startRun(sysadmin, GallringMode.Clear)).id);
    expect(run.totals).toEqual({
      due: research.size + 1,
      research: research.size,
      legalHold: 1,
      cleared: 0,
      skipped: 0,
    });
    const after = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'gallring.case'`,
    );
    expect(after.n).toBe(events.n);
  });

  it('a lifted hold lets the case go at the next run', async () => {
    const lift = await orgAdmin.post(`/api/v1/gallring/legal-holds/${held.id}/lift`, {
      version: held.version,
    });
    expectStatus(lift, 204, 'lift');
    const run = await finished(sysadmin, (await startRun(sysadmin, GallringMode.Clear)).id);
    expect(run.totals).toMatchObject({ legalHold: 0, cleared: 1 });
    const c = await one<{ cleared_at: Date | null }>(`SELECT cleared_at FROM cases WHERE id = $1`, [
      held.caseId,
    ]);
    expect(c.cleared_at).not.toBeNull();
  });

  it('a worker killed (kill -9) mid-run resumes without clearing twice or leaving a case half-cleared', async () => {
    // Synthetic cases modelled on a demo case: a subject born on the 16th and a journal entry each.
    const template = await one<{ id: string }>(`SELECT id FROM cases ORDER BY number LIMIT 1`);
    await sql(
      `INSERT INTO persons (personal_number_kind, personal_number, first_name, last_name, birth_date, address, version)
       SELECT 'personnummer', '19800116' || lpad(n::text, 4, '0'), 'Gallra' || n, 'Testsson',
              '1980-01-16', 'Gatan ' || n, 1
       FROM generate_series(1, $1) n`,
      [SYNTHETIC_CASES],
    );
    await sql(
      `INSERT INTO cases (number, programme, status, closed, municipality_code, owning_organisation_id,
                          owning_unit_id, subject_person_id, description, opened_at, version)
       SELECT 'GT-' || lpad(n::text, 6, '0'), t.programme, t.status, t.closed, t.municipality_code,
              t.owning_organisation_id, t.owning_unit_id, p.id, 'Fri text ' || n, t.opened_at, 1
       FROM generate_series(1, $1) n
       JOIN persons p ON p.personal_number = '19800116' || lpad(n::text, 4, '0')
       CROSS JOIN cases t WHERE t.id = $2`,
      [SYNTHETIC_CASES, template.id],
    );
    const author = await one<{
      id: string;
      display_name: string;
      organisation_id: string;
      name: string;
    }>(
      `SELECT u.id, u.display_name, u.organisation_id, o.name FROM users u
       JOIN organisations o ON o.id = u.organisation_id WHERE u.username = 'social.orebro'`,
    );
    await sql(
      `INSERT INTO journal_entries (case_id, category, text, occurred_on, author_id, author_name,
                                    author_organisation_id, author_organisation_name)
       SELECT c.id, 'coordination', 'Anteckning', current_date, $1, $2, $3, $4
       FROM cases c WHERE c.number LIKE 'GT-%'`,
      [author.id, author.display_name, author.organisation_id, author.name],
    );
    await sql(
      `UPDATE cases SET last_activity_at = now() - interval '6 years' WHERE number LIKE 'GT-%'`,
    );

    const run = await startRun(sysadmin, GallringMode.Clear);
    await waitFor(
      async () => {
        const row = await one<{ n: number }>(
          `SELECT count(cleared_at)::int AS n FROM gallring_run_cases WHERE run_id = $1`,
          [run.id],
        );
        return row.n >= 50 ? row.n : undefined;
      },
      60_000,
      'clearing to be under way',
    );
    worker?.child.kill('SIGKILL');
    await new Promise((r) => worker?.child.once('exit', r));
    worker = undefined;

    const state = async () =>
      sql<{ cleared: boolean; journal: number; named: boolean; reported: boolean }>(
        `SELECT c.cleared_at IS NOT NULL AS cleared,
                (SELECT count(*)::int FROM journal_entries j WHERE j.case_id = c.id) AS journal,
                p.first_name <> '' AS named,
                (SELECT g.cleared_at IS NOT NULL FROM gallring_run_cases g
                 WHERE g.run_id = $1 AND g.case_id = c.id) AS reported
         FROM cases c JOIN persons p ON p.id = c.subject_person_id WHERE c.number LIKE 'GT-%'`,
        [run.id],
      );
    const mid = await state();
    const clearedMid = mid.filter((c) => c.cleared).length;
    expect(clearedMid).toBeGreaterThan(0);
    expect(clearedMid).toBeLessThan(SYNTHETIC_CASES);
    // Each case is wholly cleared or wholly untouched.
    for (const c of mid) {
      if (c.cleared) expect(c).toEqual({ cleared: true, journal: 0, named: false, reported: true });
      else expect(c).toEqual({ cleared: false, journal: 1, named: true, reported: false });
    }
    const status = await one<{ status: string }>(`SELECT status FROM gallring_runs WHERE id = $1`, [
      run.id,
    ]);
    expect(status.status).toBe(GallringRunStatus.Running);

    await startWorker();
    const done = await finished(sysadmin, run.id, 180_000);
    expect(done.totals.cleared).toBe(SYNTHETIC_CASES);
    const end = await state();
    expect(end.every((c) => c.cleared && c.journal === 0 && !c.named)).toBe(true);
    const twice = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT unnest(case_ids) FROM audit_events
       WHERE action = 'gallring.case' GROUP BY 1 HAVING count(*) > 1) x`,
    );
    expect(twice.n).toBe(0);
    const events = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events e JOIN cases c ON c.id = ANY(e.case_ids)
       WHERE e.action = 'gallring.case' AND c.number LIKE 'GT-%'`,
    );
    expect(events.n).toBe(SYNTHETIC_CASES);
    const verify = await sysadmin.get<AuditVerifyDto>('/api/v1/audit/verify');
    expect(verify.body).toMatchObject({ ok: true });
  }, 300_000);

  it('the nightly job prunes run reports: case rows after a year (counts kept), runs after five', async () => {
    const [rule] = await sql<{ id: string }>(`SELECT id FROM retention_rules LIMIT 1`);
    const cases = await sql<{ id: string; owning_organisation_id: string; programme: string }>(
      `SELECT id, owning_organisation_id, programme FROM cases ORDER BY number LIMIT 7`,
    );
    // A finished dry run from `age` ago that reported seven cases: five due, one kept, one held.
    const pastRun = async (age: string) => {
      const [run] = await sql<{ id: string }>(
        `INSERT INTO gallring_runs (mode, status, trigger, created_at, started_at, reported_at, finished_at)
         VALUES ('dry_run', 'finished', 'cli', now() - $1::interval, now() - $1::interval,
                 now() - $1::interval, now() - $1::interval)
         RETURNING id`,
        [age],
      );
      await sql(
        `INSERT INTO gallring_run_cases (run_id, case_id, rule_id, organisation_id, programme, outcome, due_before)
         SELECT $1, c.id, $2, c.owning_organisation_id, c.programme,
                CASE n WHEN 1 THEN 'research' WHEN 2 THEN 'legal_hold' ELSE 'due' END,
                now() - $3::interval - interval '5 years'
         FROM unnest($4::uuid[]) WITH ORDINALITY AS x(id, n) JOIN cases c ON c.id = x.id`,
        [run.id, rule.id, age, cases.map((c) => c.id)],
      );
      return run.id;
    };
    const old = await pastRun('6 years');
    const middle = await pastRun('2 years');
    const recent = await pastRun('1 month');
    const rowsOf = async (id: string) =>
      (
        await one<{ n: number }>(
          `SELECT count(*)::int AS n FROM gallring_run_cases WHERE run_id = $1`,
          [id],
        )
      ).n;
    const before = await sysadmin.get<GallringRunDto>(`/api/v1/gallring/runs/${middle}`);
    expectStatus(before, 200, 'GET middle run');
    expect(before.body.totals).toMatchObject({ due: 7, research: 1, legalHold: 1 });

    // The worker's nightly job, as its scheduler adds it at 02:30.
    const queue = new Queue(GALLRING_QUEUE, {
      connection: { url: REDIS_URL },
      prefix: queuePrefix,
    });
    try {
      await queue.add(GALLRING_SCHEDULED_JOB, {}, { removeOnComplete: true, removeOnFail: true });
      await waitFor(
        async () => {
          const left = await one<{ n: number }>(
            `SELECT count(*)::int AS n FROM gallring_runs WHERE id = $1`,
            [old],
          );
          return left.n === 0 ? true : undefined;
        },
        60_000,
        'the nightly job to prune the old run',
      );
    } finally {
      await queue.close();
    }
    // Older than five years: gone with its rows.
    expect(await rowsOf(old)).toBe(0);
    expect((await sysadmin.get(`/api/v1/gallring/runs/${old}`)).status).toBe(404);
    // Older than a year: no case ids left, the same report from the counts kept.
    expect(await rowsOf(middle)).toBe(0);
    const after = await sysadmin.get<GallringRunDto>(`/api/v1/gallring/runs/${middle}`);
    expectStatus(after, 200, 'GET pruned run');
    expect(after.body).toEqual(before.body);
    const csv = await sysadmin.get<string>(`/api/v1/gallring/runs/${middle}/report.csv`);
    expectStatus(csv, 200, 'CSV of the pruned run');
    expect(String(csv.body).trim().split('\r\n').length).toBe(before.body.rows.length + 1);
    // Recent: untouched.
    expect(await rowsOf(recent)).toBe(cases.length);
    const kept = await one<{ summary: unknown }>(
      `SELECT summary FROM gallring_runs WHERE id = $1`,
      [recent],
    );
    expect(kept.summary).toBeNull();
  }, 120_000);
});
