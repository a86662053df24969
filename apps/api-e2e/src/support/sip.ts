import type { CaseDto, CreateCaseDto } from '@samsyn/common';
import { addDays, swedishDate } from '@samsyn/domain';
import type { Pool } from 'pg';
import { createCase, directory, type PersonnummerGenerator } from './fixtures';
import type { ApiClient } from './http';

/**
 * What the SIP specs set up alike: dates from today in Sweden, the parties of the demo county
 * (the psychiatric clinic, Örebro kommun's social services, Frivård, the police), SIP cases of
 * one individual with or without consent, and binary answers (PDF letters and plans).
 */

/** Today in Sweden (YYYY-MM-DD). */
export const today = swedishDate(new Date());

/** `days` from today at `hour`:00 UTC, as an ISO time (meeting starts and ends). */
export const inDays = (days: number, hour = 10): string =>
  new Date(`${addDays(today, days)}T${String(hour).padStart(2, '0')}:00:00Z`).toISOString();

/** Fetches a binary response with the client's session (the JSON client reads text). */
export async function binary(
  client: ApiClient,
  path: string,
): Promise<{ status: number; body: Buffer; type: string | null }> {
  const res = await fetch(`${client.baseUrl}${path}`, {
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  return {
    status: res.status,
    body: Buffer.from(await res.arrayBuffer()),
    type: res.headers.get('content-type'),
  };
}

/** The organisations and units of the demo county that SIP specs call, invite and share with. */
export async function sipParties(db: Pool) {
  const dir = await directory(db);
  return {
    region: dir.organisation('Region Örebro län').id,
    kommun: dir.organisation('Örebro kommun').id,
    police: dir.organisation('Polisområde Örebro län').id,
    frivardOrg: dir.organisation('Kriminalvården Frivård Örebro').id,
    socialUnit: dir.unit('Örebro kommun', 'Socialtjänsten, individ- och familjeomsorg').id,
    frivardUnit: dir.unit('Kriminalvården Frivård Örebro', 'Frivården Örebro').id,
    clinic: dir.unit('Region Örebro län', 'Psykiatriska kliniken, Universitetssjukhuset Örebro').id,
    policeUnit: dir.unit('Polisområde Örebro län', 'Lokalpolisområde Örebro').id,
  };
}

export type SipParties = Awaited<ReturnType<typeof sipParties>>;

/** A SIP case of one individual (Örebro kommun unless said), and a written consent if given. */
export interface SipCaseInput {
  birthDate: string;
  firstName: string;
  lastName: string;
  /** More of the person (address, city, protectedLevel …). */
  person?: Record<string, unknown>;
  municipalityCode?: string;
  description?: string;
  consent?: { to: string[]; categories: string[]; validDays?: number };
}

/** The `POST /cases` body of a SIP case; the personnummer is the next of `numbers`. */
export function sipCaseDto(numbers: PersonnummerGenerator, input: SipCaseInput): CreateCaseDto {
  return {
    programme: 'SIP',
    municipalityCode: input.municipalityCode ?? '1880',
    ...(input.description !== undefined ? { description: input.description } : {}),
    participants: [
      {
        role: 'individual',
        person: {
          personalNumberKind: 'personnummer',
          personalNumber: numbers.forBirthDate(input.birthDate),
          firstName: input.firstName,
          lastName: input.lastName,
          ...input.person,
        },
      },
    ],
    ...(input.consent
      ? {
          consents: [
            {
              participantIndex: 0,
              recipientOrganisationIds: input.consent.to,
              categories: input.consent.categories,
              form: 'written',
              givenOn: today,
              validUntil: addDays(today, input.consent.validDays ?? 200),
            },
          ],
        }
      : {}),
  } as unknown as CreateCaseDto;
}

/** Opens the SIP case as `client` (201 expected). */
export function openSipCase(
  client: ApiClient,
  numbers: PersonnummerGenerator,
  input: SipCaseInput,
): Promise<CaseDto> {
  return createCase(client, sipCaseDto(numbers, input));
}
