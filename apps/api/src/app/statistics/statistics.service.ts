import { Injectable } from '@nestjs/common';
import {
  IndicatorId,
  type IndicatorTableDto,
  OFFER_TAKEN_UP,
  SMALL_COUNT_THRESHOLD,
  type StatisticsDto,
  StatisticsPeriod,
  type StatisticsQueryDto,
  TRYGGA_HEM_PRIORITIES,
  VIOLENCE_FORMS,
} from '@samsyn/common';
import {
  type CountRow,
  DEFAULT_PROGRAMMES,
  DEFAULT_SIP_DEADLINE_RULES,
  type PeriodBucket,
  SIP,
  TRYGGA_HEM,
  periodBuckets,
  publishCounts,
  publishMedian,
  publishedShare,
  statisticsPeriodProblems,
} from '@samsyn/domain';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { clockNow } from '../cases/case-access.service';
import { ValidationFailedException } from '../common/problem-details';
import { COOPERATION_UNIT_COLUMNS, cooperationMeetingUnits } from './statistics-attendance';
import { StatisticsScopeService, outOfScope } from './statistics-scope.service';

/** The cases a query counts: the caller's scope and the filters, as SQL parameters. */
interface CaseFilter {
  /** $1–$3: the period keys and their first and last days. */
  keys: string[];
  starts: string[];
  ends: string[];
  /** $4: municipalities (scope ∩ filter). */
  municipalityCodes: string[];
  /** $5: owner (org_admin), or null. */
  owner: string | null;
  /** $6: programme codes counted. */
  programmes: string[];
  /** $7: owners of the agreement's parties, or null for any. */
  parties: string[] | null;
}

/*
 * The cases and their facts (case_statistics, kept by triggers in the writer's transaction:
 * migration 1796700000000-CaseStatistics) and the dated Trygga hem records the indicators count
 * (case_statistic_events, with the case's scope copied): each indicator is a scan of one narrow
 * table, with no join to the records it summarises.
 */
const inScope = (selectFrom: string) => `
  SELECT ${selectFrom}
  WHERE x.municipality_code = ANY ($4::varchar[])
    AND ($5::uuid IS NULL OR x.owning_organisation_id = $5)
    AND x.programme = ANY ($6::varchar[])
    AND ($7::uuid[] IS NULL OR x.owning_organisation_id = ANY ($7::uuid[]))`;

/** The scoped cases (`id`) and their facts. */
const SCOPED_CASES = inScope(`x.*, x.case_id AS id FROM case_statistics x`);

/** The scoped cases' counted Trygga hem records: `kind`, `day` and the record's values. */
const SCOPED_EVENTS = inScope(`x.* FROM case_statistic_events x`);

/** The periods in order, numbered from 1 (i): bucket i is ($1[i], $2[i], $3[i]). */
const BUCKETS = `SELECT * FROM unnest($1::text[], $2::date[], $3::date[]) WITH ORDINALITY AS b(key, s, e, i)`;

/** Active at some time in bucket b: opened by its end, not closed before its start. */
const ACTIVE_IN_BUCKET = `c.opened_at < (b.e + 1)::timestamptz
  AND (c.closed_at IS NULL OR c.closed_at >= b.s::timestamptz)`;

/*
 * Bucket numbers instead of range joins. The periods are disjoint and ascending, so their
 * bounds are sorted arrays, and width_bucket(x, bounds) (a binary search: how many bounds are
 * ≤ x) gives each case or record the numbers of the periods it counts in, computed once per row.
 * The rows are then grouped by those numbers and joined to the few periods by number: no
 * cases × periods loop. Each comparison is the one the range join made, on the same values.
 */
const PERIOD_COUNT = `cardinality($1::text[])`;
/** The periods' first instants (`b.s::timestamptz`), ascending. */
const STARTS_AT = `ARRAY(SELECT s::timestamptz FROM unnest($2::date[]) WITH ORDINALITY AS u(s, i) ORDER BY i)`;
/** The instants just after the periods (`(b.e + 1)::timestamptz`), ascending. */
const ENDS_AT = `ARRAY(SELECT (e + 1)::timestamptz FROM unnest($3::date[]) WITH ORDINALITY AS u(e, i) ORDER BY i)`;
/** The days after the periods (`b.e + 1`), ascending. */
const DAYS_AFTER = `ARRAY(SELECT e + 1 FROM unnest($3::date[]) WITH ORDINALITY AS u(e, i) ORDER BY i)`;

/** The first period whose end an instant lies before (`t < (b.e + 1)::timestamptz` from it on). */
const firstEndingAfter = (t: string) => `width_bucket(${t}, ${ENDS_AT}) + 1`;
/** The last period starting by an instant (`t >= b.s::timestamptz` up to it); all if null. */
const lastStartingBy = (t: string) =>
  `CASE WHEN ${t} IS NULL THEN ${PERIOD_COUNT} ELSE width_bucket(${t}, ${STARTS_AT}) END`;
/** The period a day falls in (`day BETWEEN b.s AND b.e`): its number, or null if in none. */
const bucketOf = (day: string) =>
  `CASE WHEN ${day} <= ($3::date[])[width_bucket(${day}, $2::date[])]
        THEN width_bucket(${day}, $2::date[]) END`;

/**
 * Per period and column, how many rows of `from` (a FROM … WHERE … clause) have `day` in the
 * period: counted per period number first and joined to the periods after, so that the planner
 * joins the rows to the cases with the rows' real count (it cannot estimate a join on a
 * computed bucket number, and chose a loop over the cases' primary key for each row).
 */
const countPerBucket = (day: string, col: string, from: string) => `
  SELECT b.key AS row, x.col, x.n FROM b JOIN (
    SELECT ${bucketOf(day)} AS i, ${col} AS col, count(*) AS n
    ${from}
    GROUP BY 1, 2) x ON x.i = b.i`;

/** work_mem of an indicator query (SET LOCAL, its transaction only). */
const STATISTICS_WORK_MEM = '64MB';

interface RawCount {
  row: string;
  col: string;
  n: string;
}

/**
 * The statistics page's indicators (issue 17 §2) for the caller's scope and filters: counted
 * in SQL (no row about a person reaches this service), published under the small-counts rule
 * in libs/domain. Programme codes are parameters (from the programme registry), never SQL.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: StatisticsScopeService,
  ) {}

  async indicators(user: AuthenticatedUser, query: StatisticsQueryDto): Promise<StatisticsDto> {
    const today = clockNow().today;
    const from = query.from ?? `${today.slice(0, 4)}-01-01`;
    const to = query.to ?? today;
    const period = query.period ?? StatisticsPeriod.Month;
    const problems = statisticsPeriodProblems(from, to, today);
    const known = DEFAULT_PROGRAMMES.map((p) => p.code);
    if (query.programme && !known.includes(query.programme))
      problems.push({
        field: 'programme',
        code: 'unknownProgramme',
        message: 'programme must be a known programme code',
      });
    const scope = await this.scopes.scope(user);
    const agreement = query.agreementId
      ? (await this.scopes.agreements(user, scope)).find((a) => a.id === query.agreementId)
      : undefined;
    if (query.agreementId && !agreement)
      problems.push({
        field: 'agreementId',
        code: 'unknownAgreement',
        message: 'agreementId must name an agreement you may see',
      });
    if (problems.length) throw new ValidationFailedException(problems);
    if (query.municipalityCode && !scope.municipalityCodes.includes(query.municipalityCode))
      throw outOfScope();

    // The agreement's figures: its parties' cases in its programmes, within its validity.
    const dataFrom = agreement && agreement.validFrom > from ? agreement.validFrom : from;
    const validUntil = agreement ? (agreement.validUntil ?? today) : to;
    const dataTo = validUntil < to ? validUntil : to;
    let programmes = query.programme ? [query.programme] : known;
    if (agreement) programmes = programmes.filter((p) => agreement.programmes.includes(p));
    const rows = periodBuckets(from, to, period);
    const inData = rows
      .map((b) => ({
        key: b.key,
        start: b.start < dataFrom ? dataFrom : b.start,
        end: b.end > dataTo ? dataTo : b.end,
      }))
      .filter((b) => b.start <= b.end);
    const filter: CaseFilter = {
      keys: inData.map((b) => b.key),
      starts: inData.map((b) => b.start),
      ends: inData.map((b) => b.end),
      municipalityCodes: query.municipalityCode
        ? [query.municipalityCode]
        : scope.municipalityCodes,
      owner: scope.owningOrganisationId,
      programmes,
      parties: agreement ? agreement.partyIds : null,
    };
    const deadlines = {
      summonsDaysAfterDischargeReady:
        agreement?.summonsDaysAfterDischargeReady ??
        DEFAULT_SIP_DEADLINE_RULES.summonsDaysAfterDischargeReady,
      firstMeetingDaysAfterRequest:
        agreement?.firstMeetingDaysAfterRequest ??
        DEFAULT_SIP_DEADLINE_RULES.firstMeetingDaysAfterRequest,
    };
    const tables = await this.tables(rows, filter, deadlines, today);
    return {
      from,
      to,
      period,
      agreementId: agreement?.id ?? null,
      municipalityCode: query.municipalityCode ?? null,
      programme: query.programme ?? null,
      sipDeadlines: deadlines,
      smallCellThreshold: SMALL_COUNT_THRESHOLD,
      tables,
    };
  }

  /**
   * One indicator query, with memory enough for its hash tables (a county's cases and records:
   * the server's default work_mem of 4 MB made them spill to disk) for this transaction only.
   */
  private run<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`SET LOCAL work_mem = '${STATISTICS_WORK_MEM}'`);
      return em.query<T[]>(sql, params);
    });
  }

  /**
   * D10: median days from need identified (the SIP request) to the first kallelse and to the
   * first agreed plan, per period of the request, and how many cases each median stands on.
   */
  private medianDays(base: unknown[], empty: boolean) {
    if (empty) return Promise.resolve([]);
    return this.run<{ row: string; col: string; median: string; n: string }>(
      `WITH b AS (${BUCKETS}), c AS (${SCOPED_CASES}),
       t AS (
         SELECT ${bucketOf('c.requested_on')} AS i,
                c.first_called_at::date - c.requested_on AS to_summons,
                c.first_agreed_at::date - c.requested_on AS to_plan
         FROM c WHERE c.requested_on IS NOT NULL),
       m AS (
         SELECT i, 'to_summons' AS col, count(to_summons) AS n,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY to_summons) AS median
         FROM t WHERE to_summons IS NOT NULL AND i IS NOT NULL GROUP BY 1
         UNION ALL
         SELECT i, 'to_agreed_plan', count(to_plan),
                percentile_cont(0.5) WITHIN GROUP (ORDER BY to_plan)
         FROM t WHERE to_plan IS NOT NULL AND i IS NOT NULL GROUP BY 1)
       SELECT b.key AS row, m.col, m.n, m.median FROM b JOIN m ON m.i = b.i`,
      base,
    );
  }

  private async tables(
    buckets: PeriodBucket[],
    filter: CaseFilter,
    deadlines: StatisticsDto['sipDeadlines'],
    today: string,
  ): Promise<IndicatorTableDto[]> {
    const rows = buckets.map((b) => b.key);
    const base = [
      filter.keys,
      filter.starts,
      filter.ends,
      filter.municipalityCodes,
      filter.owner,
      filter.programmes,
      filter.parties,
    ];
    const empty = !filter.keys.length || !filter.programmes.length;
    const q = async (sql: string, extra: unknown[] = []): Promise<CountRow[]> =>
      empty
        ? []
        : (await this.run<RawCount>(sql, [...base, ...extra])).map((r) => ({
            row: r.row,
            column: r.col,
            n: Number(r.n),
          }));

    // §7: units that took part in cooperation meetings (statistics-attendance.ts).
    const cooperation = cooperationMeetingUnits(this.dataSource, {
      base,
      empty,
      buckets: BUCKETS,
      events: SCOPED_EVENTS,
      bucketOf,
    });
    const [sipShare, summons, firstMeeting, days, priority, actions, offers, incidents, forms] =
      await Promise.all([
        q(
          `WITH b AS (${BUCKETS}), c AS (${SCOPED_CASES}),
           -- A violence SIP's first called meeting, for the cases linked to it.
           linked AS (
             SELECT l.case_id, min(s.first_called_at) AS first_called FROM case_links l
             JOIN case_statistics s ON s.case_id = l.linked_case_id AND s.programme = $9
               AND s.violence_related AND s.first_called_at IS NOT NULL
             GROUP BY l.case_id),
           violence AS (
             -- When the case first had a SIP: its own called meeting or a linked case's.
             SELECT c.opened_at, c.closed_at,
                    LEAST(CASE WHEN c.programme = $9 AND c.violence_related THEN c.first_called_at END,
                          ln.first_called) AS sip_at
             FROM c LEFT JOIN linked ln ON ln.case_id = c.id
             WHERE c.programme = ANY ($8::varchar[]) OR (c.programme = $9 AND c.violence_related)),
           -- Active from the period it was opened by to the last starting by its closing; with a
           -- SIP from the first period ending after sip_at (never if none).
           spans AS (
             SELECT ${firstEndingAfter('opened_at')} AS first_i, ${lastStartingBy('closed_at')} AS last_i,
                    coalesce(width_bucket(sip_at, ${ENDS_AT}), ${PERIOD_COUNT}) + 1 AS sip_i,
                    count(*) AS n
             FROM violence GROUP BY 1, 2, 3)
           SELECT b.key AS row,
                  CASE WHEN b.i >= x.sip_i THEN 'with_sip' ELSE 'without_sip' END AS col,
                  sum(x.n) AS n
           FROM b JOIN spans x ON b.i BETWEEN x.first_i AND x.last_i
           GROUP BY 1, 2`,
          [[TRYGGA_HEM.code], SIP.code],
        ),
        // D10 kallelse: by the month of discharge readiness; the first meeting called.
        q(
          `WITH b AS (${BUCKETS}), c AS (${SCOPED_CASES})
           ${countPerBucket(
             'c.discharge_ready_on',
             `CASE WHEN c.first_called_at IS NULL AND $8::date <= c.discharge_ready_on + $9::int
                     THEN 'not_yet_due'
                   WHEN c.first_called_at::date <= c.discharge_ready_on + $9::int
                     THEN 'within_deadline'
                   ELSE 'late' END`,
             `FROM c WHERE c.discharge_ready_on IS NOT NULL`,
           )}`,
          [today, deadlines.summonsDaysAfterDischargeReady],
        ),
        // D10 first meeting: by the month of the request; held once its day has come.
        q(
          `WITH b AS (${BUCKETS}), c AS (${SCOPED_CASES})
           ${countPerBucket(
             'r.requested_on',
             `CASE WHEN (r.held_on IS NULL OR r.held_on > $8::date)
                        AND $8::date <= r.requested_on + $9::int THEN 'not_yet_due'
                   WHEN r.held_on <= r.requested_on + $9::int AND r.held_on <= $8::date
                     THEN 'within_deadline'
                   ELSE 'late' END`,
             `FROM (SELECT c.requested_on, c.first_held_at::date AS held_on FROM c
                    WHERE c.requested_on IS NOT NULL) r`,
           )}`,
          [today, deadlines.firstMeetingDaysAfterRequest],
        ),
        this.medianDays(base, empty),
        q(
          `WITH b AS (${BUCKETS}), c AS (${SCOPED_CASES}),
           -- From the period it was referred by (referred_on <= b.e) until it left the
           -- programme (left_at::date >= b.s) or the case closed (closed_at >= b.s).
           spans AS (
             SELECT width_bucket(c.referred_on, ${DAYS_AFTER}) + 1 AS first_i,
                    LEAST(CASE WHEN c.left_at IS NULL THEN ${PERIOD_COUNT}
                               ELSE width_bucket(c.left_at::date, $2::date[]) END,
                          ${lastStartingBy('c.closed_at')}) AS last_i,
                    c.priority, count(*) AS n
             FROM c WHERE c.referred_on IS NOT NULL GROUP BY 1, 2, 3)
           SELECT b.key AS row, x.priority AS col, sum(x.n) AS n
           FROM b JOIN spans x ON b.i BETWEEN x.first_i AND x.last_i
           GROUP BY 1, 2`,
        ),
        q(
          `WITH b AS (${BUCKETS}), ev AS (${SCOPED_EVENTS})
           ${countPerBucket(
             'x.day',
             `CASE x.kind WHEN 'notification' THEN 'notifications' ELSE 'control_measures' END`,
             `FROM ev x WHERE x.kind IN ('notification', 'control_measure')`,
           )}`,
        ),
        q(
          `WITH b AS (${BUCKETS}), ev AS (${SCOPED_EVENTS})
           ${countPerBucket(
             'x.day',
             `CASE WHEN x.uptake = ANY ($8::varchar[]) THEN 'taken_up' ELSE 'not_taken_up' END`,
             `FROM ev x WHERE x.kind = 'offer'`,
           )}`,
          [[...OFFER_TAKEN_UP]],
        ),
        q(
          `WITH b AS (${BUCKETS}), ev AS (${SCOPED_EVENTS})
           ${countPerBucket(
             'x.day',
             `CASE WHEN x.repeat THEN 'repeat' ELSE 'first' END`,
             `FROM ev x WHERE x.kind = 'incident'`,
           )}`,
        ),
        // Cases with each form recorded in the period: on a SIP open in it, or an incident in it.
        q(
          `WITH b AS (${BUCKETS}), c AS NOT MATERIALIZED (${SCOPED_CASES}),
           ev AS NOT MATERIALIZED (${SCOPED_EVENTS}),
           period AS (SELECT min(s) AS s, max(e) AS e FROM b),
           f AS (
             SELECT c.id, unnest(c.violence_forms) AS form
             FROM period b JOIN c ON ${ACTIVE_IN_BUCKET} AND cardinality(c.violence_forms) > 0
             UNION
             SELECT x.case_id, unnest(x.violence_forms)
             FROM period b JOIN ev x ON x.day BETWEEN b.s AND b.e AND x.kind = 'incident')
           SELECT form AS row, 'cases' AS col, count(DISTINCT id) AS n FROM f GROUP BY 1`,
        ),
      ]);

    const countTable = (
      id: IndicatorId,
      columns: readonly string[],
      counts: CountRow[],
      rowTotals: boolean,
      chart: 'bar' | 'line' = 'bar',
    ): IndicatorTableDto => {
      const published = publishCounts(rows, columns, counts, { rowTotals });
      return {
        id,
        unit: 'count',
        rowKind: 'period',
        chart,
        rows,
        columns: [...columns],
        cells: published.cells,
        rowTotals: published.rowTotals,
      };
    };

    const share = countTable(IndicatorId.SipShare, ['with_sip', 'without_sip'], sipShare, true);
    const mediansOf = (col: string) =>
      rows.map((row) => {
        const hit = days.find((d) => d.row === row && d.col === col);
        return hit ? publishMedian(Number(hit.median), Number(hit.n)) : null;
      });
    const summonsMedians = mediansOf('to_summons');
    const planMedians = mediansOf('to_agreed_plan');
    const formTable = publishCounts(VIOLENCE_FORMS, ['cases'], forms, { rowTotals: false });
    return [
      share,
      {
        id: IndicatorId.SipSharePercent,
        unit: 'percent',
        rowKind: 'period',
        chart: 'line',
        rows,
        columns: ['share'],
        cells: rows.map((_, i) => [
          publishedShare(share.cells[i][0] ?? 0, share.rowTotals?.[i] ?? 0),
        ]),
        rowTotals: null,
      },
      countTable(IndicatorId.SipSummons, ['within_deadline', 'late', 'not_yet_due'], summons, true),
      countTable(
        IndicatorId.SipFirstMeeting,
        ['within_deadline', 'late', 'not_yet_due'],
        firstMeeting,
        true,
      ),
      {
        id: IndicatorId.SipDays,
        unit: 'days',
        rowKind: 'period',
        chart: 'line',
        rows,
        columns: ['to_summons', 'to_agreed_plan'],
        cells: rows.map((_, i) => [summonsMedians[i], planMedians[i]]),
        rowTotals: null,
      },
      countTable(IndicatorId.TryggaHemPriority, TRYGGA_HEM_PRIORITIES, priority, true),
      countTable(
        IndicatorId.TryggaHemActions,
        ['notifications', 'control_measures'],
        actions,
        false,
        'line',
      ),
      countTable(IndicatorId.TryggaHemOffers, ['taken_up', 'not_taken_up'], offers, true),
      countTable(IndicatorId.TryggaHemIncidents, ['first', 'repeat'], incidents, true),
      {
        id: IndicatorId.ViolenceForms,
        unit: 'count',
        rowKind: 'violence_form',
        chart: 'bar',
        rows: [...VIOLENCE_FORMS],
        columns: ['cases'],
        cells: formTable.cells,
        rowTotals: null,
      },
      countTable(
        IndicatorId.CooperationMeetingUnits,
        COOPERATION_UNIT_COLUMNS,
        await cooperation,
        true,
      ),
    ];
  }
}
