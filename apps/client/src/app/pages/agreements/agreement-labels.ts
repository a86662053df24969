import type { AgreementKind, AgreementStatusDto, AgreementStatusFilter } from '@samsyn/common';
import type { TranslationKey } from '../../core/i18n/sv';

/** The name of an agreement status (or filter value). */
export function agreementStatusKey(
  status: AgreementStatusDto | AgreementStatusFilter,
): TranslationKey {
  return `agreements.status.${status}` as TranslationKey;
}

/**
 * The status an agreement shows: one in force without an end date is valid until further
 * notice ("Gäller tills vidare", issue 17 §6) rather than simply "Gäller".
 */
export function agreementShownStatusKey(a: {
  status: AgreementStatusDto;
  validUntil: string | null;
}): TranslationKey {
  return a.status === 'in_force' && a.validUntil === null
    ? 'agreements.status.untilFurtherNotice'
    : agreementStatusKey(a.status);
}

export function agreementKindKey(kind: AgreementKind): TranslationKey {
  return `agreements.kind.${kind}` as TranslationKey;
}
