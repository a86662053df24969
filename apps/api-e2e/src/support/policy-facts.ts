import type { InformationCategory } from '@samsyn/common';
import type { PolicyConsent, PolicyDisclosure } from '@samsyn/domain';
import type { Pool } from 'pg';

/**
 * Facts the access policy decides on, read back by plain SQL (not through the API's services),
 * so a spec can compare what the API does with `decideCaseAccess` on the database's truth.
 */

function byCase<T>(rows: { case_id: string; fact: T }[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const { case_id, fact } of rows) map.set(case_id, [...(map.get(case_id) ?? []), fact]);
  return map;
}

/** Every consent of the cases (withdrawn, superseded and expired ones too), per case. */
export async function consentsByCase(
  db: Pool,
  caseIds: readonly string[],
): Promise<Map<string, PolicyConsent[]>> {
  const { rows } = await db.query<{
    case_id: string;
    id: string;
    person_id: string;
    recipients: string[];
    categories: InformationCategory[];
    excluded: InformationCategory[];
    given_on: string;
    valid_until: string;
    withdrawn_at: Date | null;
    superseded: boolean;
  }>(
    `SELECT c.id, c.case_id, c.person_id, c.recipient_organisation_ids AS recipients,
            c.categories, c.excluded_categories AS excluded,
            to_char(c.given_on, 'YYYY-MM-DD') AS given_on,
            to_char(c.valid_until, 'YYYY-MM-DD') AS valid_until,
            (SELECT min(w.withdrawn_at) FROM consent_withdrawals w WHERE w.consent_id = c.id)
              AS withdrawn_at,
            EXISTS (SELECT 1 FROM consents n WHERE n.supersedes_id = c.id) AS superseded
       FROM consents c WHERE c.case_id = ANY ($1)`,
    [caseIds],
  );
  return byCase(
    rows.map((x) => ({
      case_id: x.case_id,
      fact: {
        id: x.id,
        personId: x.person_id,
        recipientOrganisationIds: x.recipients,
        categories: x.categories,
        excludedCategories: x.excluded,
        givenOn: x.given_on,
        validUntil: x.valid_until,
        withdrawnAt: x.withdrawn_at,
        superseded: x.superseded,
      },
    })),
  );
}

/** Every recorded disclosure of the cases (expired ones too), per case. */
export async function disclosuresByCase(
  db: Pool,
  caseIds: readonly string[],
): Promise<Map<string, PolicyDisclosure[]>> {
  const { rows } = await db.query<{
    case_id: string;
    id: string;
    person_id: string;
    recipient: string;
    categories: InformationCategory[];
    valid_until: string;
  }>(
    `SELECT id, case_id, person_id, recipient_organisation_id AS recipient, categories,
            to_char(valid_until, 'YYYY-MM-DD') AS valid_until
       FROM disclosures WHERE case_id = ANY ($1)`,
    [caseIds],
  );
  return byCase(
    rows.map((x) => ({
      case_id: x.case_id,
      fact: {
        id: x.id,
        personId: x.person_id,
        recipientOrganisationId: x.recipient,
        categories: x.categories,
        validUntil: x.valid_until,
      },
    })),
  );
}
