import { DEFAULT_HELP_TEXT, type HelpTextDto } from '@samsyn/common';
import type { OrganisationEntity } from '@samsyn/server';

/**
 * An organisation's where-to-get-help text (D13); without its own, the national helplines.
 * The kallelse letter and the printed plan show the case owner's organisation's text.
 */
export function helpTextOf(
  org: Pick<OrganisationEntity, 'id' | 'helpTextSv' | 'helpTextEn'>,
): HelpTextDto {
  const sv = org.helpTextSv?.trim() ? org.helpTextSv : DEFAULT_HELP_TEXT.sv;
  const en = org.helpTextEn?.trim() ? org.helpTextEn : DEFAULT_HELP_TEXT.en;
  return {
    organisationId: org.id,
    sv,
    en,
    isDefault: sv === DEFAULT_HELP_TEXT.sv && en === DEFAULT_HELP_TEXT.en,
  };
}
