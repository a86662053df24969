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
  medianOfCounts,
  publishMedian,
  publishedShare,
  statisticsPeriodProblems,
} from '@samsyn/domain';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { clockNow } from '../cases/case-access.service';
import { ValidationFailedException } from '../common/problem-details';
import { COOPERATION_UNIT_COLUMNS, cooperationMeetingUnits } from './statistics-attendance';
import {
  BUCKETS,
  type CaseFilter,
  type DayCountRow,
  dayCountRows,
  type IndicatorRow,
  SCOPED_EVENTS,
  STATISTICS_WORK_MEM,
  indicatorSql,
  periodDays,
} from './statistics-queries';
import { StatisticsScopeService, outOfScope } from './statistics-scope.service';

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
      // The transaction's settings in one round trip (set_config(…, true) is SET LOCAL):
      // - work_mem: hash tables of a county's rows without spilling to disk;
      // - jit off: compiling these plans cost more than running them (0.7 s of a 2 s query);
      // - no parallel workers: the queries of a request already run side by side on the cores;
      // - no sorts: the filters' row estimates are far too low (a few rows for tens of
      //   thousands), which chose sorts that took most of each query's time; hashing it is.
      await em.query(
        `SELECT set_config('work_mem', $1, true), set_config('jit', 'off', true),
                set_config('max_parallel_workers_per_gather', '0', true),
                set_config('enable_sort', 'off', true)`,
        [STATISTICS_WORK_MEM],
      );
      return em.query<T[]>(sql, params);
    });
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
    const q = (sql: string, extra: unknown[]): Promise<IndicatorRow[]> =>
      empty ? Promise.resolve([]) : this.run<IndicatorRow>(sql, [...base, ...extra]);
    const sql = indicatorSql(
      empty ? periodDays([], []) : periodDays(filter.starts, filter.ends),
      today,
      Math.max(deadlines.summonsDaysAfterDischargeReady, deadlines.firstMeetingDaysAfterRequest),
    );
    // The changes of the counts since the last reader, folded in first (a few rows; when
    // another reader is folding them, the queries read them beside the counts).
    if (!empty) await this.dataSource.query('SELECT samsyn_case_statistics_compact()');

    // The counts (statistics-queries.ts), the incidents' forms and the §7 units
    // (statistics-attendance.ts), side by side.
    const [days, incidentForms, cooperation] = await Promise.all([
      empty
        ? Promise.resolve([])
        : this.run<DayCountRow>(sql.dayCounts, [
            ...base,
            [TRYGGA_HEM.code],
            SIP.code,
            today,
            deadlines.summonsDaysAfterDischargeReady,
            deadlines.firstMeetingDaysAfterRequest,
            [...OFFER_TAKEN_UP],
          ]),
      q(sql.incidentForms, []),
      cooperationMeetingUnits((text, params) => this.run(text, params), {
        base,
        empty,
        buckets: BUCKETS,
        events: SCOPED_EVENTS,
        bucketOf: sql.bucketOf,
        lo: sql.lo,
        hi: sql.hi,
      }),
    ]);
    const all = [...dayCountRows(days, filter.keys), ...incidentForms];
    /** The counts of the given indicators' rows. */
    const counts = (...inds: string[]): CountRow[] =>
      all
        .filter((r) => inds.includes(r.ind))
        .map((r) => ({ row: r.row, column: r.col, n: Number(r.n) }));
    const summons = counts('summons');
    const firstMeeting = counts('first_meeting');
    const sipShare = counts('sip_share');
    const priority = counts('priority');
    const actions = counts('notification', 'control_measure');
    const offers = counts('offer');
    const incidents = counts('incident');
    /** D10: the median days per period, from how many cases took each number of days. */
    const mediansOf = (ind: string) =>
      rows.map((row) => {
        const days = all
          .filter((r) => r.ind === ind && r.row === row)
          .map((r) => ({ value: Number(r.col), n: Number(r.n) }));
        const cases = days.reduce((sum, d) => sum + d.n, 0);
        return cases ? publishMedian(medianOfCounts(days), cases) : null;
      });

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
    const summonsMedians = mediansOf('to_summons');
    const planMedians = mediansOf('to_agreed_plan');
    const formTable = publishCounts(VIOLENCE_FORMS, ['cases'], counts('forms'), {
      rowTotals: false,
    });
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
      countTable(IndicatorId.CooperationMeetingUnits, COOPERATION_UNIT_COLUMNS, cooperation, true),
    ];
  }
}
