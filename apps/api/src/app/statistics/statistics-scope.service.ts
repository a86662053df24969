import { HttpStatus, Injectable } from '@nestjs/common';
import { ErrorCode, type StatisticsOptionsDto } from '@samsyn/common';
import { DEFAULT_PROGRAMMES, type StatisticsScope, statisticsScope } from '@samsyn/domain';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException } from '../common/problem-details';

export interface VisibleAgreement {
  id: string;
  title: string;
  validFrom: string;
  validUntil: string | null;
  programmes: string[];
  partyIds: string[];
  summonsDaysAfterDischargeReady: number | null;
  firstMeetingDaysAfterRequest: number | null;
}

/**
 * Whose figures a caller may see on the statistics page (issue 17 §1): the municipalities in
 * scope (`statisticsScope` in libs/domain says which) and the agreements they may filter by —
 * those their organisation is a party to, and for steering and coordinators also those with a
 * party in a municipality of their scope.
 */
@Injectable()
export class StatisticsScopeService {
  constructor(private readonly dataSource: DataSource) {}

  async scope(user: AuthenticatedUser): Promise<StatisticsScope> {
    const [own] = await this.dataSource.query<{ code: string | null }[]>(
      `SELECT municipality_code AS code FROM organisations WHERE id = $1`,
      [user.organisation.id],
    );
    const partners = await this.dataSource.query<{ code: string }[]>(
      `SELECT DISTINCT o.municipality_code AS code
       FROM agreement_parties mine
       JOIN agreement_parties p ON p.agreement_id = mine.agreement_id
       JOIN organisations o ON o.id = p.organisation_id
       WHERE mine.organisation_id = $1 AND o.municipality_code IS NOT NULL`,
      [user.organisation.id],
    );
    const all = await this.dataSource.query<{ code: string }[]>(
      `SELECT DISTINCT municipality_code AS code FROM organisations
       WHERE type = 'municipality' AND municipality_code IS NOT NULL`,
    );
    return statisticsScope({
      roles: user.roles,
      organisationId: user.organisation.id,
      ownMunicipalityCode: own?.code ?? null,
      agreementMunicipalityCodes: partners.map((r) => r.code),
      allMunicipalityCodes: all.map((r) => r.code),
    });
  }

  async agreements(user: AuthenticatedUser, scope: StatisticsScope): Promise<VisibleAgreement[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        title: string;
        valid_from: string;
        valid_until: string | null;
        programmes: string[];
        party_ids: string[];
        summons: number | null;
        first_meeting: number | null;
      }[]
    >(
      `SELECT a.id, a.title, a.valid_from::text AS valid_from, a.valid_until::text AS valid_until,
              a.programmes, a.summons_days_after_discharge_ready AS summons,
              a.first_meeting_days_after_request AS first_meeting,
              array_agg(p.organisation_id) AS party_ids
       FROM agreements a JOIN agreement_parties p ON p.agreement_id = a.id
       JOIN organisations o ON o.id = p.organisation_id
       GROUP BY a.id
       HAVING bool_or(p.organisation_id = $1)
          OR ($3 AND bool_or(o.municipality_code = ANY ($2::varchar[])))
       ORDER BY a.title, a.id`,
      [user.organisation.id, scope.municipalityCodes, scope.owningOrganisationId === null],
    );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      validFrom: r.valid_from,
      validUntil: r.valid_until,
      programmes: r.programmes,
      partyIds: r.party_ids,
      summonsDaysAfterDischargeReady: r.summons,
      firstMeetingDaysAfterRequest: r.first_meeting,
    }));
  }

  async options(user: AuthenticatedUser): Promise<StatisticsOptionsDto> {
    const scope = await this.scope(user);
    const agreements = await this.agreements(user, scope);
    const municipalities = await this.dataSource.query<{ code: string; name: string }[]>(
      `SELECT municipality_code AS code, name FROM organisations
       WHERE type = 'municipality' AND municipality_code = ANY ($1::varchar[])
       ORDER BY name`,
      [scope.municipalityCodes],
    );
    return {
      agreements: agreements.map(({ id, title, validFrom, validUntil, programmes }) => ({
        id,
        title,
        validFrom,
        validUntil,
        programmes,
      })),
      municipalities,
      programmes: DEFAULT_PROGRAMMES.map((p) => p.code),
    };
  }
}

/** 403 with the field named: the municipality is outside the caller's scope. */
export function outOfScope(): ApiException {
  return new ApiException(
    HttpStatus.FORBIDDEN,
    ErrorCode.Forbidden,
    'The municipality is outside the statistics you may see.',
    {
      errors: [
        {
          field: 'municipalityCode',
          code: 'outOfScope',
          message: 'municipalityCode is outside the statistics you may see',
        },
      ],
    },
  );
}
