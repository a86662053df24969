import { type PersonDto, type PersonFieldGroup, formatPersonalNumber } from '@samsyn/common';
import type { TranslationKey } from '../../../core/i18n/sv';

/** "Förnamn Efternamn", or null when the name is withheld from the caller. */
export function displayName(person: Pick<PersonDto, 'firstName' | 'lastName'>): string | null {
  const name = [person.firstName, person.lastName].filter((part) => !!part).join(' ');
  return name || null;
}

/**
 * Why a field group is not shown, for the "Undanhållen" text (D18). Contact details of a person
 * with protected identity are withheld for that reason even when the contact category is shared;
 * the personnummer likewise, while the name stays visible.
 */
export function withheldReason(
  person: Pick<PersonDto, 'suppressed'>,
  group: 'identity' | 'contact',
): TranslationKey | null {
  const suppressed = new Set<PersonFieldGroup>(person.suppressed);
  if (group === 'identity') {
    if (suppressed.has('identity')) return 'suppressed.identity';
    return suppressed.has('protected') ? 'suppressed.protected' : null;
  }
  if (suppressed.has('protected')) return 'suppressed.protected';
  return suppressed.has('contact') ? 'suppressed.contact' : null;
}

/** The personnummer as staff read it (YYYYMMDD-NNNN), or null when withheld. */
export function shownPersonalNumber(person: PersonDto): string | null {
  return person.personalNumber ? formatPersonalNumber(person.personalNumber) : null;
}
