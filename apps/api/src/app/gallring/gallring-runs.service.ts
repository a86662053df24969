import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AuditAction,
  ErrorCode,
  GallringMode,
  type GallringReportRowDto,
  type GallringRunDto,
  type GallringRunPageDto,
  type GallringRunQueryDto,
  GallringRunStatus,
  GallringTrigger,
  type StartGallringRunDto,
} from '@samsyn/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException } from '../common/problem-details';
import { GallringDispatcher } from './gallring-dispatcher.service';
import { gallringScope, isSystemAdmin } from './gallring-scope';

interface RunRow {
  id: string;
  mode: GallringMode;
  status: GallringRunStatus;
  trigger: GallringTrigger;
  organisation_id: string | null;
  organisation_name: string | null;
  created_at: Date;
  started_at: Date | null;
  reported_at: Date | null;
  finished_at: Date | null;
}

interface ReportRow {
  run_id: string;
  rule_id: string;
  rule_years: number | null;
  organisation_id: string;
  organisation_name: string;
  programme: string;
  due: number;
  research: number;
  legal_hold: number;
  cleared: number;
  skipped: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** CSV columns of a run's report (what, which rule, how many). */
const CSV_HEADER = [
  'run',
  'mode',
  'rule',
  'rule_years',
  'organisation',
  'programme',
  'past_retention',
  'kept_for_research',
  'legal_hold',
  'cleared',
  'skipped',
];

function csvCell(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  // Quote what needs it; a leading = + - @ is defused so that a spreadsheet shows it as text.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Gallring runs and their reports (D22), as administrators see and start them. */
@Injectable()
export class GallringRunsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly dispatcher: GallringDispatcher,
  ) {}

  /** What the caller may start: a dry run (org_admin: their organisation), a clearing (system_admin). */
  mayStart(user: AuthenticatedUser): GallringMode[] {
    return isSystemAdmin(user) ? [GallringMode.DryRun, GallringMode.Clear] : [GallringMode.DryRun];
  }

  async list(user: AuthenticatedUser, query: GallringRunQueryDto): Promise<GallringRunPageDto> {
    const scope = gallringScope(user);
    const where = `$1::uuid IS NULL OR r.organisation_id IS NULL OR r.organisation_id = $1`;
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM gallring_runs r WHERE ${where}`,
      [scope],
    );
    const rows = await this.dataSource.query<RunRow[]>(
      `SELECT r.id, r.mode, r.status, r.trigger, r.organisation_id, o.name AS organisation_name,
              r.created_at, r.started_at, r.reported_at, r.finished_at
       FROM gallring_runs r LEFT JOIN organisations o ON o.id = r.organisation_id
       WHERE ${where} ORDER BY r.created_at DESC, r.id LIMIT $2 OFFSET $3`,
      [scope, query.pageSize, (query.page - 1) * query.pageSize],
    );
    const reports = await this.reports(
      rows.map((r) => r.id),
      scope,
    );
    return {
      items: rows.map((r) => this.runDto(r, reports.get(r.id) ?? [])),
      total,
      page: query.page,
      pageSize: query.pageSize,
      mayStart: this.mayStart(user),
    };
  }

  async get(user: AuthenticatedUser, id: string): Promise<GallringRunDto> {
    const scope = gallringScope(user);
    const [row] = await this.dataSource.query<RunRow[]>(
      `SELECT r.id, r.mode, r.status, r.trigger, r.organisation_id, o.name AS organisation_name,
              r.created_at, r.started_at, r.reported_at, r.finished_at
       FROM gallring_runs r LEFT JOIN organisations o ON o.id = r.organisation_id
       WHERE r.id = $1 AND ($2::uuid IS NULL OR r.organisation_id IS NULL OR r.organisation_id = $2)`,
      [id, scope],
    );
    if (!row)
      throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'There is no such run.');
    const reports = await this.reports([id], scope);
    return this.runDto(row, reports.get(id) ?? []);
  }

  /** The report as CSV (semicolon-free, comma-separated, UTF-8), the same rows as the page. */
  async csv(user: AuthenticatedUser, id: string): Promise<string> {
    const run = await this.get(user, id);
    const lines = [CSV_HEADER.join(',')];
    for (const r of run.rows)
      lines.push(
        [
          run.id,
          run.mode,
          r.ruleId,
          r.ruleYears,
          r.organisation.name,
          r.programme,
          r.due,
          r.research,
          r.legalHold,
          r.cleared,
          r.skipped,
        ]
          .map(csvCell)
          .join(','),
      );
    return `${lines.join('\r\n')}\r\n`;
  }

  /** Queues a run and starts it (worker or in-process); audited. */
  async start(user: AuthenticatedUser, dto: StartGallringRunDto): Promise<GallringRunDto> {
    if (!this.mayStart(user).includes(dto.mode))
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        ErrorCode.Forbidden,
        'Only a system administrator may start a clearing run; start a dry run instead.',
      );
    const organisationId = gallringScope(user);
    const id = await this.dataSource.transaction(async (em) => {
      const [row] = await em.query<{ id: string }[]>(
        `INSERT INTO gallring_runs (mode, status, trigger, requested_by_id, organisation_id)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [dto.mode, GallringRunStatus.Queued, GallringTrigger.User, user.id, organisationId],
      );
      await this.audit.record(
        user,
        {
          action: AuditAction.GallringRun,
          ...(organisationId
            ? { target: { kind: 'organisation' as const, id: organisationId } }
            : {}),
        },
        em,
      );
      return row.id;
    });
    await this.dispatcher.wake(id);
    return this.get(user, id);
  }

  private async reports(
    runIds: string[],
    scope: string | null,
  ): Promise<Map<string, GallringReportRowDto[]>> {
    const map = new Map<string, GallringReportRowDto[]>();
    if (runIds.length === 0) return map;
    // A run's per-case rows, or once they are pruned the counts kept in its summary.
    const rows = await this.dataSource.query<ReportRow[]>(
      `SELECT x.run_id, x.rule_id, rr.years AS rule_years, x.organisation_id,
              o.name AS organisation_name, x.programme, x.due, x.research, x.legal_hold,
              x.cleared, x.skipped
       FROM (
         SELECT g.run_id, g.rule_id, g.organisation_id, g.programme,
                count(*)::int AS due,
                count(*) FILTER (WHERE g.outcome = 'research')::int AS research,
                count(*) FILTER (WHERE g.outcome = 'legal_hold')::int AS legal_hold,
                count(g.cleared_at)::int AS cleared,
                count(g.skipped)::int AS skipped
         FROM gallring_run_cases g WHERE g.run_id = ANY($1)
         GROUP BY g.run_id, g.rule_id, g.organisation_id, g.programme
         UNION ALL
         SELECT r.id, s.rule_id, s.organisation_id, s.programme, s.due, s.research,
                s.legal_hold, s.cleared, s.skipped
         FROM gallring_runs r CROSS JOIN LATERAL jsonb_to_recordset(r.summary) AS s(
           rule_id uuid, organisation_id uuid, programme varchar, due int, research int,
           legal_hold int, cleared int, skipped int)
         WHERE r.id = ANY($1) AND r.summary IS NOT NULL
       ) x
       JOIN organisations o ON o.id = x.organisation_id
       LEFT JOIN retention_rules rr ON rr.id = x.rule_id
       WHERE $2::uuid IS NULL OR x.organisation_id = $2
       ORDER BY o.name, x.programme`,
      [runIds, scope],
    );
    for (const r of rows) {
      const list = map.get(r.run_id) ?? [];
      list.push({
        ruleId: r.rule_id,
        ruleYears: r.rule_years,
        organisation: { id: r.organisation_id, name: r.organisation_name },
        programme: r.programme,
        due: r.due,
        research: r.research,
        legalHold: r.legal_hold,
        cleared: r.cleared,
        skipped: r.skipped,
      });
      map.set(r.run_id, list);
    }
    return map;
  }

  private runDto(r: RunRow, rows: GallringReportRowDto[]): GallringRunDto {
    const sum = (f: (x: GallringReportRowDto) => number) => rows.reduce((n, x) => n + f(x), 0);
    return {
      id: r.id,
      mode: r.mode,
      status: r.status,
      trigger: r.trigger,
      organisation:
        r.organisation_id && r.organisation_name
          ? { id: r.organisation_id, name: r.organisation_name }
          : null,
      requestedAt: r.created_at.toISOString(),
      startedAt: iso(r.started_at),
      reportedAt: iso(r.reported_at),
      finishedAt: iso(r.finished_at),
      totals: {
        due: sum((x) => x.due),
        research: sum((x) => x.research),
        legalHold: sum((x) => x.legalHold),
        cleared: sum((x) => x.cleared),
        skipped: sum((x) => x.skipped),
      },
      rows,
    };
  }
}
