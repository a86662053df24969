import Personnummer from 'personnummer';
import { registerDecorator, type ValidationOptions } from 'class-validator';

export interface ParsedPersonalNumber {
  /** Twelve digits, no separator: the stored form. */
  normalised: string;
  /** YYYY-MM-DD (for a samordningsnummer, the day minus 60). */
  birthDate: string;
  coordination: boolean;
}

/** Parses a personnummer or samordningsnummer (Luhn-checked); null when it is not valid. */
export function parsePersonalNumber(value: string): ParsedPersonalNumber | null {
  try {
    if (!Personnummer.valid(value, { allowCoordinationNumber: true, allowInterimNumber: false }))
      return null;
    const p = Personnummer.parse(value, {
      allowCoordinationNumber: true,
      allowInterimNumber: false,
    });
    const coordination = p.isCoordinationNumber();
    const day = Number(p.day) - (coordination ? 60 : 0);
    return {
      normalised: p.format(true).replace(/\D/g, ''),
      birthDate: `${p.fullYear}-${p.month}-${String(day).padStart(2, '0')}`,
      coordination,
    };
  } catch {
    return null;
  }
}

/** YYYYMMDD-NNNN, the way Swedish staff read it. */
export function formatPersonalNumber(normalised: string): string {
  return normalised.length === 12 ? `${normalised.slice(0, 8)}-${normalised.slice(8)}` : normalised;
}

/** class-validator: a valid personnummer or samordningsnummer. */
export function IsPersonalNumber(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPersonalNumber',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be a valid personnummer or samordningsnummer`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && parsePersonalNumber(value) !== null,
      },
    });
}
