import { Injectable } from '@nestjs/common';
import { DEFAULT_SIP_DEADLINE_RULES, type SipDeadlineRules } from '@samsyn/domain';
import type { EntityManager } from 'typeorm';

/**
 * The rules that cooperation agreements (D25) set for other features. The SIP flow asks it for
 * its deadlines (D10).
 */
@Injectable()
export class AgreementRulesService {
  /**
   * The SIP deadlines in force on `on` (YYYY-MM-DD) between the given organisations: those of an
   * agreement in force to which all of them are parties, else the defaults.
   */
  sipDeadlineRules(
    _em: EntityManager,
    _organisationIds: readonly string[],
    _on: string,
  ): Promise<SipDeadlineRules> {
    return Promise.resolve({ ...DEFAULT_SIP_DEADLINE_RULES });
  }
}
