import { Injectable, Logger } from '@nestjs/common';
import { AuditAction, GallringMode, GallringRunStatus, GallringTrigger } from '@samsyn/common';
import {
  clearingOutcome,
  governingRule,
  type IdentityKind,
  isDueForClearing,
  type RetentionRule,
} from '@samsyn/domain';
import { DataSource, type QueryRunner } from 'typeorm';
import { appendAuditEventsAndCommit } from './gallring-audit';

/**
 * The session-level advisory lock one gallring run holds while it works: runs never overlap,
 * and a killed process's lock goes with its connection, so the next process can resume.
 */
export const GALLRING_RUN_LOCK = 0x6a11_0022;

/** Cases read per query while writing the report, and read per query while clearing. */
const REPORT_PAGE = 5_000;
const CLEAR_BATCH = 500;

/**
 * A pause after each transaction of a clearing (about 4 000 for 100 000 cases: 20 s in all), so
 * that the run, which keeps one database connection busy, leaves room on a small machine for the
 * requests served beside it (docs/benchmarks.md).
 */
const CLEAR_PAUSE_MS = 5;
/**
 * Cases cleared per transaction, with their audit events (docs/benchmarks.md): one transaction
 * (and one commit, and one append to the audit chain) per case made 100 000 cases take far longer
 * than the 10 minutes the issue allows; a larger batch holds its cases' locks, and the chain lock
 * while it commits, for longer. Each case is still cleared wholly or not at all.
 */
const CLEAR_TRANSACTION = 25;
/**
 * How long a finished run's report is kept: as long as the audit log (D19, five years). Its
 * per-case rows (the ids of the cases it reported) only one year; then the report keeps its
 * counts per rule, organisation, programme and outcome (`gallring_runs.summary`). docs/privacy.md.
 */
export const GALLRING_REPORT_RETENTION_YEARS = 5;
export const GALLRING_CASE_ROWS_RETENTION_YEARS = 1;

/** SQLSTATEs after which a batch is tried again: deadlock, serialisation failure. */
const RETRYABLE = new Set(['40P01', '40001']);

interface CandidateRow {
  id: string;
  organisation_id: string;
  programme: string;
  last_activity_at: Date;
  kind: IdentityKind;
  personal_number: string;
  birth_date: string;
  held: boolean;
}

export interface NewGallringRun {
  mode: GallringMode;
  trigger: GallringTrigger;
  requestedById?: string | null;
  organisationId?: string | null;
}

/**
 * Gallring runs (D22): writes the report of what is due, then clears the due cases through
 * `samsyn_gallra_case`, a few per transaction, each with its audit event in the same transaction.
 * Shared by the worker (BullMQ),
 * the API's in-process dispatcher (embedded default) and the command line.
 */
@Injectable()
export class GallringRunner {
  private readonly logger = new Logger(GallringRunner.name);

  constructor(private readonly dataSource: DataSource) {}

  /** Queues a run; `execute` (or `resumeUnfinished`) does the work. */
  async createRun(run: NewGallringRun): Promise<string> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO gallring_runs (mode, status, trigger, requested_by_id, organisation_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        run.mode,
        GallringRunStatus.Queued,
        run.trigger,
        run.requestedById ?? null,
        run.organisationId ?? null,
      ],
    );
    return row.id;
  }

  /**
   * The scheduled run of the day (clear mode, every organisation), unless one exists already for
   * this Stockholm date; returns its id, or null when there was one.
   */
  async createScheduledRun(now = new Date()): Promise<string | null> {
    const existing = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM gallring_runs WHERE trigger = $1
         AND (created_at AT TIME ZONE 'Europe/Stockholm')::date = ($2::timestamptz AT TIME ZONE 'Europe/Stockholm')::date
       LIMIT 1`,
      [GallringTrigger.Schedule, now.toISOString()],
    );
    if (existing.length > 0) return null;
    return this.createRun({ mode: GallringMode.Clear, trigger: GallringTrigger.Schedule });
  }

  /**
   * The nightly pruning of run reports: a finished (or failed) run's per-case rows once it is
   * older than GALLRING_CASE_ROWS_RETENTION_YEARS, its counts kept in `summary`; the whole run
   * once older than GALLRING_REPORT_RETENTION_YEARS. Never an unfinished run: its rows are what
   * resuming needs. Answers how many runs were summarised and removed.
   */
  async pruneReports(now = new Date()): Promise<{ summarised: number; removed: number }> {
    return this.dataSource.transaction(async (em) => {
      const summarised = await em.query<{ id: string }[]>(
        `WITH old AS (
           SELECT id FROM gallring_runs
           WHERE status IN ($2, $3) AND summary IS NULL
             AND created_at < $1::timestamptz - make_interval(years => $4)
           FOR UPDATE SKIP LOCKED
         ), counted AS (
           SELECT g.run_id, jsonb_agg(jsonb_build_object(
                    'rule_id', g.rule_id, 'organisation_id', g.organisation_id,
                    'programme', g.programme, 'due', g.due, 'research', g.research,
                    'legal_hold', g.legal_hold, 'cleared', g.cleared, 'skipped', g.skipped)
                  ORDER BY g.organisation_id, g.programme, g.rule_id) AS summary
           FROM (SELECT run_id, rule_id, organisation_id, programme, count(*)::int AS due,
                        count(*) FILTER (WHERE outcome = 'research')::int AS research,
                        count(*) FILTER (WHERE outcome = 'legal_hold')::int AS legal_hold,
                        count(cleared_at)::int AS cleared, count(skipped)::int AS skipped
                 FROM gallring_run_cases WHERE run_id IN (SELECT id FROM old)
                 GROUP BY run_id, rule_id, organisation_id, programme) g
           GROUP BY g.run_id
         ), summed AS (
           UPDATE gallring_runs r SET summary = coalesce(c.summary, '[]'::jsonb)
           FROM old LEFT JOIN counted c ON c.run_id = old.id
           WHERE r.id = old.id RETURNING r.id
         )
         SELECT id FROM summed`,
        [
          now.toISOString(),
          GallringRunStatus.Finished,
          GallringRunStatus.Failed,
          GALLRING_CASE_ROWS_RETENTION_YEARS,
        ],
      );
      if (summarised.length > 0)
        await em.query(`DELETE FROM gallring_run_cases WHERE run_id = ANY ($1::uuid[])`, [
          summarised.map((r) => r.id),
        ]);
      const removed = await em.query<{ n: number }[]>(
        `WITH gone AS (
           DELETE FROM gallring_runs
           WHERE status IN ($2, $3) AND created_at < $1::timestamptz - make_interval(years => $4)
           RETURNING id
         ) SELECT count(*)::int AS n FROM gone`,
        [
          now.toISOString(),
          GallringRunStatus.Finished,
          GallringRunStatus.Failed,
          GALLRING_REPORT_RETENTION_YEARS,
        ],
      );
      return { summarised: summarised.length, removed: removed[0].n };
    });
  }

  /** Runs every queued or interrupted run, oldest first. Returns how many it finished. */
  async resumeUnfinished(): Promise<number> {
    let finished = 0;
    for (;;) {
      const [next] = await this.dataSource.query<{ id: string }[]>(
        `SELECT id FROM gallring_runs WHERE status IN ($1, $2) ORDER BY created_at, id LIMIT 1`,
        [GallringRunStatus.Queued, GallringRunStatus.Running],
      );
      if (!next) return finished;
      const done = await this.execute(next.id);
      if (!done) return finished;
      finished++;
    }
  }

  /**
   * Executes one run to its end: the report (once), then, in clear mode, every due case not yet
   * cleared. Safe to call again after a crash: cleared cases stay cleared and are not touched.
   * Returns false when another process holds the run lock (it is working on it).
   */
  async execute(runId: string): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
        GALLRING_RUN_LOCK,
      ])) as { locked: boolean }[];
      if (!locked) return false;
      try {
        await this.executeLocked(runner, runId);
        return true;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [GALLRING_RUN_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async executeLocked(runner: QueryRunner, runId: string): Promise<void> {
    const [run] = (await runner.query(
      `SELECT id, mode, status, organisation_id, requested_by_id, reported_at,
              coalesce(started_at, now()) AS started_at
       FROM gallring_runs WHERE id = $1`,
      [runId],
    )) as {
      id: string;
      mode: GallringMode;
      status: GallringRunStatus;
      organisation_id: string | null;
      requested_by_id: string | null;
      reported_at: Date | null;
      started_at: Date;
    }[];
    if (
      !run ||
      run.status === GallringRunStatus.Finished ||
      run.status === GallringRunStatus.Failed
    )
      return;
    try {
      if (!run.reported_at) await this.writeReport(runner, run.id, run.organisation_id);
      if (run.mode === GallringMode.Clear) {
        const cleared = await this.clearDue(runner, run.id, run.requested_by_id);
        if (cleared > 0) this.logger.log({ runId, cleared }, 'Gallring cleared cases');
        // The cleared cases' statistics counts changed (their days moved to the month's first):
        // folded in now, not by the next statistics reader (migration 1796800000000).
        if (cleared > 0) await runner.query('SELECT samsyn_case_statistics_compact()');
      }
      await runner.query(
        `UPDATE gallring_runs SET status = $2, finished_at = now() WHERE id = $1`,
        [runId, GallringRunStatus.Finished],
      );
    } catch (err) {
      // The SQLSTATE or the error's class only: a database message may quote a value.
      const code =
        typeof err === 'object' && err && 'code' in err ? String(err.code) : 'unexpected';
      this.logger.error({ runId, code }, 'Gallring run failed');
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.query(
        `UPDATE gallring_runs SET status = $2, finished_at = now(), error = $3 WHERE id = $1`,
        [runId, GallringRunStatus.Failed, `failed (${code.slice(0, 40)})`],
      );
    }
  }

  /**
   * The report, in one transaction: every uncleared case past the time of the rule that governs
   * it, with the outcome (due, research, legal hold). Reads the subjects' identity numbers only
   * to apply the research rule; the report keeps ids.
   */
  private async writeReport(
    runner: QueryRunner,
    runId: string,
    organisationId: string | null,
  ): Promise<void> {
    await runner.startTransaction('READ COMMITTED');
    try {
      // A background job: its queries take no parallel workers from the cores that serve requests.
      await runner.query(`SET LOCAL max_parallel_workers_per_gather = 0`);
      await runner.query(
        `UPDATE gallring_runs SET started_at = coalesce(started_at, now()), status = $2
         WHERE id = $1`,
        [runId, GallringRunStatus.Running],
      );
      // A separate SELECT: TypeORM answers UPDATE … RETURNING as [rows, count].
      const [{ now }] = (await runner.query(`SELECT now() AS now`)) as { now: Date }[];
      const rules = (
        (await runner.query(
          `SELECT id, organisation_id, programme, years FROM retention_rules`,
        )) as {
          id: string;
          organisation_id: string | null;
          programme: string | null;
          years: number;
        }[]
      ).map((r): RetentionRule => ({
        id: r.id,
        organisationId: r.organisation_id,
        programme: r.programme,
        years: r.years,
      }));
      if (rules.length > 0) {
        const minYears = Math.min(...rules.map((r) => r.years));
        let after = '00000000-0000-0000-0000-000000000000';
        for (;;) {
          const rows = (await runner.query(
            `SELECT c.id, c.owning_organisation_id AS organisation_id, c.programme,
                    c.last_activity_at, p.personal_number_kind AS kind, p.personal_number,
                    p.birth_date::text AS birth_date,
                    EXISTS (SELECT 1 FROM case_legal_holds h WHERE h.case_id = c.id) AS held
             FROM cases c JOIN persons p ON p.id = c.subject_person_id
             WHERE c.cleared_at IS NULL AND c.id > $1
               AND c.last_activity_at <= $2::timestamptz - make_interval(years => $3)
               AND ($4::uuid IS NULL OR c.owning_organisation_id = $4)
             ORDER BY c.id LIMIT $5`,
            [after, now, minYears, organisationId, REPORT_PAGE],
          )) as CandidateRow[];
          if (rows.length === 0) break;
          const report = {
            caseIds: [] as string[],
            ruleIds: [] as string[],
            organisationIds: [] as string[],
            programmes: [] as string[],
            outcomes: [] as string[],
            dueBefore: [] as string[],
          };
          for (const row of rows) {
            const rule = governingRule(rules, row.organisation_id, row.programme);
            if (!rule || !isDueForClearing(row.last_activity_at, rule.years, now)) continue;
            const dueBefore = new Date(now.getTime());
            dueBefore.setUTCFullYear(dueBefore.getUTCFullYear() - rule.years);
            report.caseIds.push(row.id);
            report.ruleIds.push(rule.id);
            report.organisationIds.push(row.organisation_id);
            report.programmes.push(row.programme);
            report.outcomes.push(
              clearingOutcome(
                { kind: row.kind, personalNumber: row.personal_number, birthDate: row.birth_date },
                row.held,
              ),
            );
            report.dueBefore.push(dueBefore.toISOString());
          }
          if (report.caseIds.length > 0)
            await runner.query(
              `INSERT INTO gallring_run_cases
                 (run_id, case_id, rule_id, organisation_id, programme, outcome, due_before)
               SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::varchar[],
                                        $6::varchar[], $7::timestamptz[])
               ON CONFLICT DO NOTHING`,
              [
                runId,
                report.caseIds,
                report.ruleIds,
                report.organisationIds,
                report.programmes,
                report.outcomes,
                report.dueBefore,
              ],
            );
          if (rows.length < REPORT_PAGE) break;
          after = rows[rows.length - 1].id;
        }
      }
      // When the report was done (now() would be when its transaction began, as started_at).
      await runner.query(`UPDATE gallring_runs SET reported_at = clock_timestamp() WHERE id = $1`, [
        runId,
      ]);
      await runner.commitTransaction();
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    }
  }

  /** Clears the due cases the report lists and no earlier attempt cleared, in small batches. */
  private async clearDue(
    runner: QueryRunner,
    runId: string,
    requestedById: string | null,
  ): Promise<number> {
    let cleared = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = (await runner.query(
        `SELECT case_id FROM gallring_run_cases
         WHERE run_id = $1 AND outcome = 'due' AND cleared_at IS NULL AND skipped IS NULL
           AND case_id > $2
         ORDER BY case_id LIMIT $3`,
        [runId, after, CLEAR_BATCH],
      )) as { case_id: string }[];
      const ids = batch.map((r) => r.case_id);
      for (let i = 0; i < ids.length; i += CLEAR_TRANSACTION)
        cleared += await this.clearBatch(
          runner,
          runId,
          ids.slice(i, i + CLEAR_TRANSACTION),
          requestedById,
        );
      if (batch.length < CLEAR_BATCH) return cleared;
      after = ids[ids.length - 1];
    }
  }

  /**
   * Some cases in one transaction: the database function for each, then their audit events, and
   * the commit — all of them, or (on an error) none. Tried again after a deadlock.
   */
  private async clearBatch(
    runner: QueryRunner,
    runId: string,
    caseIds: string[],
    requestedById: string | null,
  ): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      // BEGIN and COMMIT as statements (not TypeORM's transaction calls): the COMMIT goes out
      // with the last audit append (appendAuditEventsAndCommit).
      await runner.query('BEGIN ISOLATION LEVEL READ COMMITTED');
      try {
        const results = (await runner.query(
          `SELECT g.case_id, r.cleared, r.organisation_id, r.person_ids::text[] AS person_ids
           FROM unnest($1::uuid[]) WITH ORDINALITY AS g(case_id, n)
           CROSS JOIN LATERAL samsyn_gallra_case(g.case_id, $2) AS r
           ORDER BY g.n`,
          [caseIds, runId],
        )) as {
          case_id: string;
          cleared: boolean;
          organisation_id: string;
          person_ids: string[];
        }[];
        const done = results.filter((r) => r.cleared);
        // The statistics facts of the cleared cases (their days moved to the month's first) are
        // refreshed by deferred triggers at commit: run them now, before the audit append takes
        // the audit chain's lock, which every audited request waits for until this commits.
        await runner.query('SET CONSTRAINTS ALL IMMEDIATE');
        const occurredAt = new Date();
        await appendAuditEventsAndCommit(
          runner,
          done.map((r) => ({
            occurredAt,
            userId: requestedById,
            organisationId: r.organisation_id,
            unitId: null,
            roles: [],
            action: AuditAction.GallringCase,
            outcome: 'allowed' as const,
            caseIds: [r.case_id],
            personIds: r.person_ids,
            categories: [],
            consentIds: [],
            disclosureIds: [],
            basis: null,
            relation: null,
            emergency: false,
            requestId: null,
            targetKind: null,
            targetId: null,
          })),
        );
        // A breath between transactions for the requests served beside the run.
        await new Promise((resolve) => setTimeout(resolve, CLEAR_PAUSE_MS));
        return done.length;
      } catch (err) {
        await runner.query('ROLLBACK');
        const code = typeof err === 'object' && err && 'code' in err ? String(err.code) : '';
        if (!RETRYABLE.has(code) || attempt >= 3) throw err;
      }
    }
  }
}
