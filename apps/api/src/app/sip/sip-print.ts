import {
  type AuditAction,
  InformationCategory,
  type SipLanguage,
  type SipPersonViewDto,
} from '@samsyn/common';
import { OrganisationEntity, PersonEntity } from '@samsyn/server';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { CaseAccess } from '../cases/case-access.service';
import { helpTextOf } from '../organisations/help-text';
import { personView } from './sip-views';

/**
 * The frame of every SIP document printed for the person (the kallelse letter, the agreed plan):
 * the person as the caller may see them (D18), the case owner's where-to-get-help text in the
 * language (D13), the document rendered from both, and one audit event naming what it showed
 * (D19).
 */
export async function printForPerson(
  em: EntityManager,
  audit: AuditService,
  user: AuthenticatedUser,
  access: CaseAccess,
  print: { action: AuditAction; lang: SipLanguage },
  render: (shown: SipPersonViewDto | null, helpText: string) => Promise<Buffer>,
): Promise<Buffer> {
  const person = await em.findOneByOrFail(PersonEntity, { id: access.kase.subjectPersonId });
  const shown = personView(person, access.decision, access.programme, access.kase);
  const owner = await em.findOneByOrFail(OrganisationEntity, {
    id: access.kase.owningOrganisationId,
  });
  const file = await render(shown, helpTextOf(owner)[print.lang]);
  await audit.record(user, {
    action: print.action,
    caseIds: [access.kase.id],
    personIds: shown ? [person.id] : [],
    categories: shown
      ? [InformationCategory.Identity, InformationCategory.Coordination]
      : [InformationCategory.Coordination],
    consentIds: access.decision.consentIds,
    disclosureIds: access.decision.disclosureIds,
    basis: access.decision.basis,
    relation: access.decision.relation,
    emergency: access.decision.emergency,
  });
  return file;
}
