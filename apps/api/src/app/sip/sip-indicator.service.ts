import { Injectable } from '@nestjs/common';
import { type SipIndicatorDto, type SipIndicatorQueryDto } from '@samsyn/common';
import { suppressBreakdown } from '@samsyn/domain';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { invalid } from '../cases/case-rules';
import { outOfScope, StatisticsScopeService } from '../statistics/statistics-scope.service';

/** D11: the share of violence cases with a SIP, per municipality and period. */
@Injectable()
export class SipIndicatorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: StatisticsScopeService,
  ) {}

  /**
   * D11: per municipality and period, the violence cases and how many have a SIP. A violence
   * case is a Trygga hem case, or a SIP case marked violence-related, that was open at some time
   * in the period. It has a SIP when it is such a SIP case with a meeting called (not cancelled)
   * by the end of the period, or a Trygga hem case linked to one. Counts only, published under
   * the small-counts rule: with a SIP and without one are the parts of all violence cases, so
   * neither can be worked out from the others; the share only when both counts are shown.
   * Within the caller's statistics scope, as on the statistics page: the municipalities in it,
   * and for org_admin only their own organisation's cases; another municipality is a 403.
   */
  async indicator(user: AuthenticatedUser, query: SipIndicatorQueryDto): Promise<SipIndicatorDto> {
    if (query.to < query.from) throw invalid('to', 'beforeFrom', 'to is before from');
    const scope = await this.scopes.scope(user);
    if (query.municipalityCode && !scope.municipalityCodes.includes(query.municipalityCode))
      throw outOfScope();
    const rows = await this.dataSource.query<
      { code: string; name: string; cases: string; with_sip: string }[]
    >(
      `WITH sip_done AS (
         SELECT c.id FROM cases c JOIN sip_details d ON d.case_id = c.id AND d.violence_related
         WHERE c.programme = 'SIP' AND EXISTS (
           SELECT 1 FROM sip_meetings m WHERE m.case_id = c.id AND m.state = 'called'
             AND m.called_at < ($2::date + 1)::timestamptz)
       ), violence AS (
         SELECT c.id, c.municipality_code FROM cases c
         LEFT JOIN sip_details d ON d.case_id = c.id
         WHERE (c.programme = 'TRYGGA_HEM' OR (c.programme = 'SIP' AND d.violence_related))
           AND ($5::uuid IS NULL OR c.owning_organisation_id = $5)
           AND c.opened_at < ($2::date + 1)::timestamptz
           AND (c.closed_at IS NULL OR c.closed_at >= $1::date::timestamptz)
       )
       SELECT o.municipality_code AS code, o.name,
              count(v.id)::text AS cases,
              count(v.id) FILTER (WHERE v.id IN (SELECT id FROM sip_done) OR EXISTS (
                SELECT 1 FROM case_links l WHERE l.case_id = v.id AND l.linked_case_id IN (SELECT id FROM sip_done)))::text AS with_sip
       FROM organisations o LEFT JOIN violence v ON v.municipality_code = o.municipality_code
       WHERE o.type = 'municipality' AND ($3::text IS NULL OR o.municipality_code = $3)
         AND o.municipality_code = ANY ($4::varchar[])
       GROUP BY o.municipality_code, o.name ORDER BY o.name`,
      [
        query.from,
        query.to,
        query.municipalityCode ?? null,
        scope.municipalityCodes,
        scope.owningOrganisationId,
      ],
    );
    return {
      from: query.from,
      to: query.to,
      definition:
        'Violence cases: Trygga hem cases and SIP cases marked violence-related, open at some time in the period. With a SIP: a violence-related SIP case with a meeting called by the end of the period, or a Trygga hem case linked to one.',
      rows: rows.map((r) => {
        const cases = Number(r.cases);
        const withSip = Number(r.with_sip);
        const published = suppressBreakdown({ withSip, withoutSip: cases - withSip });
        const shown =
          typeof published.total === 'number' && typeof published.parts.withSip === 'number';
        return {
          municipalityCode: r.code,
          municipalityName: r.name,
          violenceCases: published.total,
          withSip: published.parts.withSip,
          share: shown && cases ? Math.round((withSip / cases) * 100) / 100 : null,
        };
      }),
    };
  }
}
