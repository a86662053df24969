import { Injectable } from '@nestjs/common';
import {
  OFFER_TAKEN_UP,
  SMALL_COUNT_THRESHOLD,
  type TryggaHemMunicipalityFiguresDto,
  type TryggaHemStatisticsDto,
  type TryggaHemStatisticsQueryDto,
} from '@samsyn/common';
import { emptyPriorityCounts, isPriority, publishCount, suppressBreakdown } from '@samsyn/domain';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { clockNow } from '../cases/case-access.service';
import { invalid } from '../cases/case-rules';
import { outOfScope, StatisticsScopeService } from '../statistics/statistics-scope.service';

interface CountRow {
  municipality_code: string;
  key: string;
  n: string;
}

/**
 * Figures for the styrgrupp and the evaluation (D1, D6): counts per municipality and period,
 * computed in SQL so that no row about a person ever reaches this service; published under the
 * small-counts rule (`@samsyn/domain` small-counts): 1–4 hidden, and whatever would give a hidden
 * count away with it. Figures that are parts of another (offers taken up of those made, repeat
 * incidents of all) are published as a breakdown of it, so the difference cannot reveal a
 * small count either.
 */
@Injectable()
export class TryggaHemStatisticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: StatisticsScopeService,
  ) {}

  /**
   * Within the caller's statistics scope, as on the statistics page: the municipalities in it,
   * and for org_admin only their own organisation's cases; another municipality is a 403.
   */
  async figures(
    user: AuthenticatedUser,
    query: TryggaHemStatisticsQueryDto,
  ): Promise<TryggaHemStatisticsDto> {
    const today = clockNow().today;
    const from = query.from?.slice(0, 10) ?? `${today.slice(0, 4)}-01-01`;
    const to = query.to?.slice(0, 10) ?? today;
    if (to < from) throw invalid('to', 'beforeFrom', 'to cannot be before from');
    const scope = await this.scopes.scope(user);
    if (query.municipalityCode && !scope.municipalityCodes.includes(query.municipalityCode))
      throw outOfScope();
    const params = [
      from,
      to,
      query.municipalityCode ?? null,
      scope.municipalityCodes,
      scope.owningOrganisationId,
    ];
    const muni = `($3::varchar IS NULL OR c.municipality_code = $3)
      AND c.municipality_code = ANY ($4::varchar[])
      AND ($5::uuid IS NULL OR c.owning_organisation_id = $5)`;
    // Cases active at some time in the period: referred by its end, not closed before its start.
    const [cases, notifications, offers, measures, incidents] = await Promise.all([
      this.dataSource.query<CountRow[]>(
        `SELECT c.municipality_code, t.priority AS key, count(*) AS n
         FROM trygga_hem_cases t JOIN cases c ON c.id = t.case_id
         WHERE t.referred_on <= $2::date AND (c.closed_at IS NULL OR c.closed_at::date >= $1::date)
           AND (t.left_at IS NULL OR t.left_at::date >= $1::date) AND ${muni}
         GROUP BY 1, 2`,
        params,
      ),
      this.count('trygga_hem_notifications', 'delivered_on', `'all'`, params, muni, true),
      this.count(
        'trygga_hem_offers',
        'offered_on',
        `CASE WHEN x.uptake = ANY ('{${OFFER_TAKEN_UP.join(',')}}'::varchar[]) THEN 'taken_up' ELSE 'not' END`,
        params,
        muni,
      ),
      this.count('trygga_hem_control_measures', 'starts_on', `'all'`, params, muni, true),
      this.count(
        'trygga_hem_incidents',
        'occurred_on',
        `CASE WHEN x.repeat THEN 'repeat' ELSE 'first' END`,
        params,
        muni,
        true,
      ),
    ]);
    const codes = new Set<string>(
      [cases, notifications, offers, measures, incidents].flatMap((rows) =>
        rows.map((r) => r.municipality_code),
      ),
    );
    if (query.municipalityCode) codes.add(query.municipalityCode);
    const sum = (rows: CountRow[], code: string, keys?: string[]) =>
      rows
        .filter((r) => r.municipality_code === code && (!keys || keys.includes(r.key)))
        .reduce((acc, r) => acc + Number(r.n), 0);
    const municipalities: TryggaHemMunicipalityFiguresDto[] = [...codes].sort().map((code) => {
      const byPriority = emptyPriorityCounts();
      for (const r of cases.filter((x) => x.municipality_code === code))
        if (isPriority(r.key)) byPriority[r.key] += Number(r.n);
      const breakdown = suppressBreakdown(byPriority);
      const offered = suppressBreakdown({
        takenUp: sum(offers, code, ['taken_up']),
        notTakenUp: sum(offers, code, ['not']),
      });
      const occurred = suppressBreakdown({
        repeat: sum(incidents, code, ['repeat']),
        first: sum(incidents, code, ['first']),
      });
      return {
        municipalityCode: code,
        casesByPriority: breakdown.parts,
        casesTotal: breakdown.total,
        notifications: publishCount(sum(notifications, code)),
        offersMade: offered.total,
        offersTakenUp: offered.parts.takenUp,
        controlMeasures: publishCount(sum(measures, code)),
        incidents: occurred.total,
        repeatIncidents: occurred.parts.repeat,
      };
    });
    return { from, to, smallCellThreshold: SMALL_COUNT_THRESHOLD, municipalities };
  }

  /**
   * Rows of `table` dated within the period, per municipality and `key`; for a table whose
   * records can be removed (D21), removed ones do not count.
   */
  private count(
    table: string,
    dateColumn: string,
    key: string,
    params: unknown[],
    muni: string,
    removable = false,
  ) {
    const kept = removable ? 'AND x.removed_at IS NULL' : '';
    return this.dataSource.query<CountRow[]>(
      `SELECT c.municipality_code, ${key} AS key, count(*) AS n
       FROM ${table} x JOIN cases c ON c.id = x.case_id
       WHERE x.${dateColumn} BETWEEN $1::date AND $2::date AND ${muni} ${kept}
       GROUP BY 1, 2`,
      params,
    );
  }
}
