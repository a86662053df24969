import type { CaseDto, CreateCaseDto, Role } from '@samsyn/common';
import { Pool } from 'pg';
import { e2eContext } from './env';
import { ApiClient, type HttpResult } from './http';

/**
 * Test fixtures that the API has no endpoint for (users) or that many specs need (cases,
 * valid personnummer). Users are inserted by SQL with the demo password; everything a feature
 * owns (cases, consents, team) goes through HTTP so the API's own rules apply.
 */

/** One pooled connection set to the e2e database, for specs that run many queries. */
export function e2ePool(max = 4): Pool {
  return new Pool({ connectionString: e2eContext().databaseUrl, max });
}

export interface OrganisationRow {
  id: string;
  name: string;
  type: string;
  municipalityCode: string | null;
}

export interface UnitRow {
  id: string;
  name: string;
  organisationId: string;
}

/** The seeded organisations and units (demo mode), looked up by name. */
export async function directory(db: Pool): Promise<{
  organisations: OrganisationRow[];
  units: UnitRow[];
  organisation(name: string): OrganisationRow;
  unit(organisationName: string, unitName: string): UnitRow;
}> {
  const organisations = (
    await db.query<OrganisationRow>(
      `SELECT id, name, type::text AS type, municipality_code AS "municipalityCode"
       FROM organisations ORDER BY name`,
    )
  ).rows;
  const units = (
    await db.query<UnitRow>(
      `SELECT id, name, organisation_id AS "organisationId" FROM units ORDER BY organisation_id, name`,
    )
  ).rows;
  const organisation = (name: string) => {
    const org = organisations.find((o) => o.name === name);
    if (!org) throw new Error(`no organisation named ${name}`);
    return org;
  };
  return {
    organisations,
    units,
    organisation,
    unit(organisationName, unitName) {
      const org = organisation(organisationName);
      const unit = units.find((u) => u.organisationId === org.id && u.name === unitName);
      if (!unit) throw new Error(`no unit ${unitName} in ${organisationName}`);
      return unit;
    },
  };
}

export interface NewUser {
  username: string;
  displayName: string;
  roles: Role[];
  organisationId: string;
  unitId: string | null;
}

/**
 * Inserts users that sign in with the demo password (the hash is copied from a demo user).
 * Returns their ids by username. Usernames must be new.
 */
export async function createUsers(
  db: Pool,
  users: readonly NewUser[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const u of users) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO users (version, username, display_name, email, password_hash, roles,
                          organisation_id, unit_id, locale)
       SELECT 1, $1::varchar, $2::varchar, $1::varchar || '@e2e.samsyn.se', password_hash,
              $3::user_role[], $4::uuid, $5::uuid, 'sv'
       FROM users WHERE username = 'social.orebro'
       RETURNING id`,
      [u.username, u.displayName, u.roles, u.organisationId, u.unitId],
    );
    if (rows.length !== 1) throw new Error('the demo user social.orebro is missing');
    ids.set(u.username, rows[0].id);
  }
  return ids;
}

/** Opens a case through the API as `client`; fails with the API's answer unless it is 201. */
export async function createCase(client: ApiClient, dto: CreateCaseDto): Promise<CaseDto> {
  const res = await client.post<CaseDto>('/api/v1/cases', dto);
  expectStatus(res, 201, 'POST /api/v1/cases');
  return res.body;
}

/** Throws with the response body when the status is not one of `expected`. */
export function expectStatus(res: HttpResult, expected: number | number[], what: string): void {
  const ok = Array.isArray(expected) ? expected : [expected];
  if (!ok.includes(res.status))
    throw new Error(
      `${what} answered ${res.status}, expected ${ok.join(' or ')}: ${JSON.stringify(res.body)}`,
    );
}

/**
 * Valid Swedish personnummer (Luhn-checked) that do not repeat within a run: the serial counts
 * up per generator, so tests never meet a person created by another test by accident.
 */
export class PersonnummerGenerator {
  private next: number;

  /** `offset` spreads generators of different specs apart. */
  constructor(offset = 0) {
    this.next = offset * 999;
  }

  /** `YYYYMMDD-NNNC` for someone born on `birthDate` (YYYY-MM-DD). */
  forBirthDate(birthDate: string): string {
    // Serial 000 is not issued.
    const serial = 1 + (this.next++ % 999);
    return personnummer(birthDate, serial);
  }
}

/** The personnummer for a birth date and a three-digit serial, with its check digit. */
export function personnummer(birthDate: string, serial: number): string {
  const [y, m, d] = birthDate.split('-');
  const nnn = String(serial).padStart(3, '0');
  const digits = `${y.slice(2)}${m}${d}${nnn}`;
  return `${y}${m}${d}-${nnn}${luhnCheckDigit(digits)}`;
}

/** The Luhn check digit of the nine digits YYMMDDNNN. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    const product = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

export { DEMO_USERS } from '@samsyn/testing';

/** Signs each username in once; sessions are reused for the rest of the spec. */
export async function signInAll(usernames: readonly string[]): Promise<Map<string, ApiClient>> {
  const clients = new Map<string, ApiClient>();
  for (const username of usernames) clients.set(username, await ApiClient.signedIn(username));
  return clients;
}

/** Runs `work` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}
