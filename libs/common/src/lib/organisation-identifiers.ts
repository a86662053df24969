/* Side-effect free: the client imports these values (a DTO file's decorators would break its chunk). */

/**
 * A Swedish organisationsnummer, NNNNNN-NNNN: ten digits whose last is a Luhn check digit, the
 * third at least 2 (what sets a legal person's number apart from a personnummer). Examples:
 * Polismyndigheten 202100-0076, a municipality 212000-xxxx, a region 232100-xxxx.
 */
export function isOrganisationNumber(value: string): boolean {
  const match = /^(\d{6})-?(\d{4})$/.exec(value);
  if (!match) return false;
  const digits = `${match[1]}${match[2]}`;
  if (Number(digits[2]) < 2) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/** NNNNNN-NNNN, the form stored and shown. */
export function normaliseOrganisationNumber(value: string): string {
  const digits = value.replace(/\D/g, '');
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/**
 * An HSA-id (Inera's directory of healthcare units and staff): "SE", the issuing organisation's
 * ten-digit number, a hyphen and an extension — at most 31 characters, e.g. SE2321000164-7381.
 */
export const HSA_ID_PATTERN = /^SE\d{10}-[A-Za-z0-9]{1,18}$/;

/** SCB's four-digit municipality code (kommunkod), e.g. 1880 for Örebro. */
export const MUNICIPALITY_CODE_PATTERN = /^\d{4}$/;
