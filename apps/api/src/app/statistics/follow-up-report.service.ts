import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AuditAction,
  ErrorCode,
  FOLLOW_UP_ACTIVITIES,
  type FollowUpActivity,
  type FollowUpReportQueryDto,
  type OrganisationType,
  type PublishedCount,
  StatisticsPeriod,
} from '@samsyn/common';
import { type CountRow, publishCounts } from '@samsyn/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { clockNow } from '../cases/case-access.service';
import { ApiException, ValidationFailedException } from '../common/problem-details';
import type { FollowUpReport } from './follow-up-report-model';
import { StatisticsScopeService, type VisibleAgreement } from './statistics-scope.service';
import { StatisticsService } from './statistics.service';

/**
 * Each party's activity in the year, counted in SQL (no row about a person reaches the service):
 * cases of the agreement's programmes it owns opened and closed, SIP meetings it called, and
 * SIP plans agreed on its cases — within the caller's statistics scope (municipalities; the
 * owner for org_admin), as the indicators are.
 *
 * $1 parties, $2 programmes, $3 municipalities, $4 owner or null, $5–$6 first and last day.
 */
const ACTIVITY_SQL = `
  WITH c AS (
    SELECT c.id, c.owning_organisation_id AS party, c.opened_at, c.closed_at FROM cases c
    WHERE c.owning_organisation_id = ANY ($1::uuid[]) AND c.programme = ANY ($2::varchar[])
      AND c.municipality_code = ANY ($3::varchar[])
      AND ($4::uuid IS NULL OR c.owning_organisation_id = $4))
  SELECT party AS row, 'cases_opened' AS col, count(*) AS n FROM c
  WHERE opened_at >= $5::date::timestamptz AND opened_at < ($6::date + 1)::timestamptz GROUP BY 1
  UNION ALL
  SELECT party, 'cases_closed', count(*) FROM c
  WHERE closed_at >= $5::date::timestamptz AND closed_at < ($6::date + 1)::timestamptz GROUP BY 1
  UNION ALL
  SELECT m.calling_organisation_id, 'sip_meetings_called', count(*) FROM sip_meetings m
  JOIN cases k ON k.id = m.case_id
  WHERE m.calling_organisation_id = ANY ($1::uuid[]) AND k.programme = ANY ($2::varchar[])
    AND k.municipality_code = ANY ($3::varchar[])
    AND ($4::uuid IS NULL OR k.owning_organisation_id = $4)
    AND m.called_at >= $5::date::timestamptz AND m.called_at < ($6::date + 1)::timestamptz
  GROUP BY 1
  UNION ALL
  SELECT c.party, 'sip_plans_agreed', count(*) FROM sip_plan_versions v JOIN c ON c.id = v.case_id
  WHERE v.agreed_at >= $5::date::timestamptz AND v.agreed_at < ($6::date + 1)::timestamptz
  GROUP BY 1`;

const notFound = () =>
  new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'There is no such agreement.');

/**
 * The yearly follow-up report per agreement (issue 17 §4): gathers the agreement's facts, its
 * indicators for the year and the year before from `StatisticsService` (the statistics page's
 * own figures, small counts hidden) and each party's activity, and audits that it was made.
 * An agreement the caller may not see on the statistics page is "not found".
 */
@Injectable()
export class FollowUpReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: StatisticsScopeService,
    private readonly statistics: StatisticsService,
    private readonly audit: AuditService,
  ) {}

  async report(
    user: AuthenticatedUser,
    agreementId: string,
    query: FollowUpReportQueryDto,
  ): Promise<FollowUpReport> {
    const today = clockNow().today;
    const year = Number(query.year);
    const currentYear = Number(today.slice(0, 4));
    const scope = await this.scopes.scope(user);
    const agreement = (await this.scopes.agreements(user, scope)).find((a) => a.id === agreementId);
    if (!agreement) throw notFound();
    if (year > currentYear)
      throw new ValidationFailedException([
        { field: 'year', code: 'future', message: 'year is in the future' },
      ]);
    const yearThrough = year === currentYear ? today : `${year}-12-31`;
    const previous = year - 1;
    const period = StatisticsPeriod.Year;
    const [current, before] = await Promise.all([
      this.statistics.indicators(user, {
        agreementId,
        from: `${year}-01-01`,
        to: yearThrough,
        period,
      }),
      this.statistics.indicators(user, {
        agreementId,
        from: `${previous}-01-01`,
        to: `${previous}-12-31`,
        period,
      }),
    ]);
    const facts = await this.facts(agreementId);
    const activity = await this.activity(agreement, facts.parties, scope, {
      from: `${year}-01-01`,
      to: yearThrough,
      today,
    });
    return {
      lang: query.lang ?? 'sv',
      year,
      yearThrough,
      yearOngoing: year === currentYear,
      comparisonYear: previous,
      madeOn: today,
      agreement: {
        id: agreement.id,
        title: agreement.title,
        kind: facts.kind,
        validFrom: agreement.validFrom,
        validUntil: agreement.validUntil,
        parties: facts.parties,
        followUps: facts.followUps,
      },
      sipDeadlines: current.sipDeadlines,
      indicators: current.tables.map((table, i) => ({
        current: table,
        previous: before.tables[i],
      })),
      activity,
    };
  }

  /** Records that the caller made the agreement's report (the file itself holds no person). */
  async audited(user: AuthenticatedUser, agreementId: string): Promise<void> {
    await this.audit.record(user, {
      action: AuditAction.StatisticsFollowUpReport,
      target: { kind: 'agreement', id: agreementId },
    });
  }

  private async facts(agreementId: string) {
    const [row] = await this.dataSource.query<{ kind: string }[]>(
      `SELECT kind FROM agreements WHERE id = $1`,
      [agreementId],
    );
    const parties = await this.dataSource.query<
      { id: string; name: string; type: OrganisationType }[]
    >(
      `SELECT o.id, o.name, o.type FROM agreement_parties p
       JOIN organisations o ON o.id = p.organisation_id
       WHERE p.agreement_id = $1 ORDER BY o.name, o.id`,
      [agreementId],
    );
    const followUps = await this.dataSource.query<
      { label: string; due_on: string; done_on: string | null }[]
    >(
      // Who marked it done is a person: only whether and when.
      `SELECT label, due_on::text AS due_on,
              to_char(done_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') AS done_on
       FROM agreement_follow_ups WHERE agreement_id = $1 ORDER BY due_on, label, id`,
      [agreementId],
    );
    return {
      kind: row?.kind ?? 'other',
      parties,
      followUps: followUps.map((f) => ({
        label: f.label,
        dueOn: f.due_on,
        done: f.done_on !== null,
        doneOn: f.done_on,
      })),
    };
  }

  private async activity(
    agreement: VisibleAgreement,
    parties: { id: string }[],
    scope: { municipalityCodes: string[]; owningOrganisationId: string | null },
    range: { from: string; to: string; today: string },
  ): Promise<FollowUpReport['activity']> {
    // Within the agreement's validity, as its indicators are.
    const from = agreement.validFrom > range.from ? agreement.validFrom : range.from;
    const until = agreement.validUntil ?? range.today;
    const to = until < range.to ? until : range.to;
    const ids = parties.map((p) => p.id);
    const counts: CountRow[] =
      from > to || !agreement.programmes.length || !ids.length
        ? []
        : (
            await this.dataSource.query<{ row: string; col: string; n: string }[]>(ACTIVITY_SQL, [
              ids,
              agreement.programmes,
              scope.municipalityCodes,
              scope.owningOrganisationId,
              from,
              to,
            ])
          ).map((r) => ({ row: r.row, column: r.col, n: Number(r.n) }));
    // Separate figures, no totals: each count on its own under the small-counts rule.
    const published = publishCounts(ids, FOLLOW_UP_ACTIVITIES, counts, { rowTotals: false });
    return ids.map((partyId, i) => ({
      partyId,
      counts: Object.fromEntries(
        FOLLOW_UP_ACTIVITIES.map((a, j) => [a, published.cells[i][j]]),
      ) as Record<FollowUpActivity, PublishedCount>,
    }));
  }
}
