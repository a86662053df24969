import { Injectable } from '@nestjs/common';
import { chooseSipDeadlineRules, type SipDeadlineRules } from '@samsyn/domain';
import { AgreementEntity } from '@samsyn/server';
import type { EntityManager } from 'typeorm';

/**
 * The rules that cooperation agreements (D25) set for other features. The SIP flow asks it for
 * its deadlines (D10).
 */
@Injectable()
export class AgreementRulesService {
  /**
   * The SIP deadlines in force on `on` (YYYY-MM-DD) between the given organisations: those of an
   * agreement in force to which all of them are parties and which sets deadlines (the one that
   * began most recently), values it leaves open and everything else from the defaults.
   */
  async sipDeadlineRules(
    em: EntityManager,
    organisationIds: readonly string[],
    on: string,
  ): Promise<SipDeadlineRules> {
    const ids = [...new Set(organisationIds)];
    if (ids.length === 0) return chooseSipDeadlineRules([], on);
    const candidates = await em
      .createQueryBuilder(AgreementEntity, 'a')
      .where('a.valid_from <= :on AND (a.valid_until IS NULL OR a.valid_until >= :on)', { on })
      .andWhere(
        `(SELECT count(DISTINCT p.organisation_id) FROM agreement_parties p
          WHERE p.agreement_id = a.id AND p.organisation_id = ANY(:ids)) = :n`,
        { ids, n: ids.length },
      )
      .andWhere(
        '(a.summons_days_after_discharge_ready IS NOT NULL OR a.first_meeting_days_after_request IS NOT NULL)',
      )
      // Newest first, so that of two beginning the same day the later recorded one wins.
      .orderBy('a.valid_from', 'DESC')
      .addOrderBy('a.created_at', 'DESC')
      .getMany();
    return chooseSipDeadlineRules(candidates, on);
  }
}
