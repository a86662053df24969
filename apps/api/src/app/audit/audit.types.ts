import type {
  AccessBasis,
  AuditAction,
  AuditOutcome,
  AuditTargetKind,
  CaseRelation,
  InformationCategory,
} from '@samsyn/common';

/** What a feature tells the audit log about one access (D19); the service adds who, when and the chain. */
export interface AuditRecord {
  action: AuditAction;
  /** Default `allowed`. */
  outcome?: AuditOutcome;
  caseIds?: readonly string[];
  personIds?: readonly string[];
  categories?: readonly InformationCategory[];
  consentIds?: readonly string[];
  disclosureIds?: readonly string[];
  basis?: AccessBasis | null;
  relation?: CaseRelation | null;
  emergency?: boolean;
  /** What an administrative event changed (issue 16): the organisation, unit or user; or the evaluation export made. */
  target?: { kind: AuditTargetKind; id: string };
}

/**
 * Who acted: the authenticated user's identity as the audit log keeps it. `id` and
 * `organisation` are null only for sign-in events where no user (or organisation) is known, e.g. a
 * refused sign-in through an identity provider.
 */
export interface AuditActor {
  id: string | null;
  roles: readonly string[];
  organisation: { id: string } | null;
  unit: { id: string } | null;
}
