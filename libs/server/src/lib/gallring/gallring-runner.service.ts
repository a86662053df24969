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
import { appendAuditEvent } from './gallring-audit';

/**
 * The session-level advisory lock one gallring run holds while it works: runs never overlap,
 * and a killed process's lock goes with its connection, so the next process can resume.
 */
export const GALLRING_RUN_LOCK = 0x6a11_0022;

/** Cases read per query while writing the report, and cleared per batch. */
const REPORT_PAGE = 5_000;
const CLEAR_BATCH = 500;

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
 * Gallring runs (D22): writes the report of what is due, then clears each due case in its own
 * transaction through `samsyn_gallra_case` with its audit event. Shared by the worker (BullMQ),
 * the API's in-process dispatcher (embedded default) and the command line.
 */
@Injectable()
export class GallringRunner {
  private readonly logger = new Logger(GallringRunner.name);
  /** The audit chain's head as this process last saw it. */
  private auditHead: string | null | undefined;

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
      await runner.query(`UPDATE gallring_runs SET reported_at = now() WHERE id = $1`, [runId]);
      await runner.commitTransaction();
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    }
  }

  /** Clears the due cases the report lists and no earlier attempt cleared, one per transaction. */
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
      for (const { case_id: caseId } of batch) {
        if (await this.clearOne(runner, runId, caseId, requestedById)) cleared++;
      }
      if (batch.length < CLEAR_BATCH) return cleared;
      after = batch[batch.length - 1].case_id;
    }
  }

  /** One case: the database function and the audit event commit together, or neither. */
  private async clearOne(
    runner: QueryRunner,
    runId: string,
    caseId: string,
    requestedById: string | null,
  ): Promise<boolean> {
    await runner.startTransaction('READ COMMITTED');
    try {
      const [result] = (await runner.query(
        `SELECT cleared, organisation_id, person_ids::text[] AS person_ids
         FROM samsyn_gallra_case($1, $2)`,
        [caseId, runId],
      )) as { cleared: boolean; organisation_id: string; person_ids: string[] }[];
      if (result.cleared) {
        this.auditHead = await appendAuditEvent(
          runner,
          {
            occurredAt: new Date(),
            userId: requestedById,
            organisationId: result.organisation_id,
            unitId: null,
            roles: [],
            action: AuditAction.GallringCase,
            outcome: 'allowed',
            caseIds: [caseId],
            personIds: result.person_ids,
            categories: [],
            consentIds: [],
            disclosureIds: [],
            basis: null,
            relation: null,
            emergency: false,
            requestId: null,
            targetKind: null,
            targetId: null,
          },
          this.auditHead,
        );
      }
      await runner.commitTransaction();
      return result.cleared;
    } catch (err) {
      this.auditHead = undefined;
      await runner.rollbackTransaction();
      throw err;
    }
  }
}
