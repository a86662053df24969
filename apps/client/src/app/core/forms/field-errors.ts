import type { FieldError } from '@samsyn/common';
import type { TranslationKey } from '../i18n/sv';
import type { TranslationParams } from '../i18n/translate';

/** What to say about an invalid field: a dictionary key and its placeholders. */
export interface FieldMessage {
  key: TranslationKey;
  params?: TranslationParams;
}

/** The error a field gets from the API's problem details: the class-validator rule that failed. */
export const SERVER_ERROR = 'server';

/** class-validator rule names (FieldError.code) and what they mean for the person typing. */
const SERVER_CODES: Readonly<Record<string, TranslationKey>> = {
  isNotEmpty: 'field.required',
  required: 'field.required',
  isDefined: 'field.required',
  isPersonalNumber: 'field.personalNumber',
  isEmail: 'field.email',
  isDateString: 'field.date',
  matches: 'field.pattern',
  maxLength: 'field.tooLong',
  minLength: 'field.tooShort',
  arrayMinSize: 'field.chooseAtLeastOne',
  arrayUnique: 'field.duplicate',
  // Agreements (D25): rules the API checks beyond the DTO.
  notBeforeValidFrom: 'agreements.field.notBeforeValidFrom',
  tooLateAfterValidUntil: 'agreements.field.tooLateAfterValidUntil',
  includesOwner: 'agreements.field.includesOwner',
  unknownOrganisation: 'agreements.field.unknownOrganisation',
  unknownFollowUp: 'agreements.field.unknownFollowUp',
  // Organisations and units (issue 16).
  isEnum: 'field.chooseFromList',
  isOrganisationNumber: 'field.organisationNumber',
  municipalitiesOnly: 'field.municipalitiesOnly',
  ownOrganisation: 'field.ownOrganisation',
  // The own account's password (issue 16): the password policy and the current password.
  wrongPassword: 'account.field.wrongPassword',
  accountLocked: 'account.field.accountLocked',
  tooShort: 'account.field.tooShortPassword',
  tooLong: 'account.field.tooLongPassword',
  common: 'account.field.commonPassword',
  containsUsername: 'account.field.containsUsername',
  oneCharacter: 'account.field.oneCharacter',
  sameAsCurrent: 'account.field.sameAsCurrent',
  // Set by the client: the repeated new password differs.
  passwordMismatch: 'account.field.mismatch',
  // The evaluation export (issue 17 §5): rules the API checks beyond the DTO.
  beforeFrom: 'evaluation.field.beforeFrom',
  future: 'evaluation.field.future',
  periodTooLong: 'evaluation.field.periodTooLong',
  unknownProgramme: 'evaluation.field.unknownProgramme',
  unknownMunicipality: 'evaluation.field.unknownMunicipality',
  // Users (issue 16): rules the API checks beyond the DTO, and the password policy.
  rolesNotFitting: 'field.rolesNotFitting',
  rolesNotGrantable: 'field.rolesNotGrantable',
  unitNotInOrganisation: 'field.unitNotInOrganisation',
  inactiveOrganisation: 'field.inactiveOrganisation',
  ownAccount: 'field.ownAccount',
  ownAdminRole: 'field.ownAdminRole',
  inactiveUser: 'field.inactiveUser',
  invalidCode: 'setPassword.field.invalidCode',
  duplicateUser: 'userAdmin.field.duplicate',
  // Set by the client on a 409 CONFLICT: the API refuses a name that is taken.
  duplicateOrganisationName: 'orgAdmin.field.duplicateName',
  duplicateUnitName: 'orgAdmin.field.duplicateUnitName',
};

/**
 * The message for a control's errors, checked in a fixed order so the most useful one wins
 * (an empty required field says "required", not "too short"). Null when there is nothing to say.
 */
export function fieldMessage(
  errors: Readonly<Record<string, unknown>> | null,
): FieldMessage | null {
  if (!errors) return null;
  if (errors['required']) return { key: 'field.required' };
  const min = errors['minlength'] as { requiredLength?: number } | undefined;
  if (min) return { key: 'field.minLength', params: { min: min.requiredLength ?? 0 } };
  const max = errors['maxlength'] as { requiredLength?: number } | undefined;
  if (max) return { key: 'field.maxLength', params: { max: max.requiredLength ?? 0 } };
  if (errors['personalNumber']) return { key: 'field.personalNumber' };
  if (errors['email']) return { key: 'field.email' };
  if (errors['caseNumber']) return { key: 'field.caseNumber' };
  if (errors['notChosen']) return { key: 'field.chooseFromList' };
  if (errors['dateOrder']) return { key: 'field.dateOrder' };
  if (errors['chooseAtLeastOne']) return { key: 'field.chooseAtLeastOne' };
  if (errors['organisationNumber']) return { key: 'field.organisationNumber' };
  if (errors['municipalityCode']) return { key: 'field.municipalityCode' };
  if (errors['hsaId']) return { key: 'field.hsaId' };
  if (errors['pattern']) return { key: 'field.pattern' };
  const server = errors[SERVER_ERROR];
  if (typeof server === 'string') return { key: SERVER_CODES[server] ?? 'field.invalid' };
  return { key: 'field.invalid' };
}

/**
 * Field errors by control path: `mapPath` turns the API's dotted path into the form's (or null
 * when the form has no such field). The first rule per field wins; unmatched errors are returned
 * separately so the page can still say that something was wrong.
 */
export function fieldErrorsByPath(
  errors: readonly FieldError[] | undefined,
  mapPath: (apiPath: string) => string | null = (path) => path,
): { byPath: Map<string, string>; unmatched: FieldError[] } {
  const byPath = new Map<string, string>();
  const unmatched: FieldError[] = [];
  for (const error of errors ?? []) {
    const path = mapPath(error.field);
    if (path === null) unmatched.push(error);
    else if (!byPath.has(path)) byPath.set(path, error.code);
  }
  return { byPath, unmatched };
}
