import type { AgreementKind, AgreementStatusDto, AgreementStatusFilter } from '@samsyn/common';
import type { TranslationKey } from '../../core/i18n/sv';

/** The name of an agreement status (or filter value). */
export function agreementStatusKey(
  status: AgreementStatusDto | AgreementStatusFilter,
): TranslationKey {
  return `agreements.status.${status}` as TranslationKey;
}

export function agreementKindKey(kind: AgreementKind): TranslationKey {
  return `agreements.kind.${kind}` as TranslationKey;
}
