import { sql } from './db';

/**
 * What the statistics specs seed alike, by SQL with fixed past dates so that demo data and other
 * specs cannot change their figures: a municipality of its own (a free kommunkod in Örebro län,
 * so the coordinator's county scope covers it) with one social services unit, numbered persons
 * born on one day, and their cases, SIP details, first SIP meetings and Trygga hem cases.
 */
export interface StatisticsMunicipalityOptions {
  /** The first of ten kommunkoder to pick a free one from (its last two digits name the persons). */
  firstCode: number;
  /** The organisation's name, given the kommunkod picked. */
  name: (code: string) => string;
  /** Prefix of the case numbers, `<prefix><kommunkod>-<nnnn>`. */
  casePrefix: string;
  /** Persons 1…count, one a case number, all born on `birthDate` (YYYY-MM-DD). */
  persons: { count: number; birthDate: string; firstName: string; lastName: string };
}

/** A meeting's times: timestamptz literals as PostgreSQL reads them (a zone-less one in the session's). */
export interface FirstMeetingTimes {
  calledAt: string;
  /** The meeting starts then and lasts an hour. */
  startsAt: string;
}

export interface StatisticsMunicipality {
  code: string;
  orgId: string;
  orgName: string;
  unitId: string;
  /** samordnare.orebro, who calls the meetings and records the incidents. */
  callerId: string;
  /** The first coordinator group, the Trygga hem cases' group. */
  groupId: string;
  /** Cases `first`…`last` of the persons with the same numbers, closed on `closedOn` if given. */
  seedCases(
    first: number,
    last: number,
    programme: string,
    openedOn: string,
    closedOn?: string | null,
  ): Promise<void>;
  /** The ids of cases `first`…`last`, in number order. */
  caseIds(first: number, last: number): Promise<string[]>;
  /** Violence-related SIP details, requested and discharge-ready on `on`. */
  sipDetails(ids: string[], on: string, violenceForms: string[]): Promise<void>;
  /** A called first SIP meeting of each case, called by the caller from the municipality's unit. */
  firstMeetings(ids: string[], times: FirstMeetingTimes): Promise<void>;
  /** Trygga hem cases at priority A in the group, referred on `referredOn`. */
  tryggaHemCases(ids: string[], referredOn: string): Promise<void>;
}

export async function seedStatisticsMunicipality(
  options: StatisticsMunicipalityOptions,
): Promise<StatisticsMunicipality> {
  const [free] = await sql<{ code: string }>(
    `SELECT lpad(n::text, 4, '0') AS code FROM generate_series($1::int, $1::int + 9) n
     WHERE lpad(n::text, 4, '0') NOT IN (
       SELECT municipality_code FROM organisations WHERE municipality_code IS NOT NULL)
     LIMIT 1`,
    [options.firstCode],
  );
  const code = free.code;
  const orgName = options.name(code);
  const [org] = await sql<{ id: string }>(
    `INSERT INTO organisations (version, name, type, municipality_code)
     VALUES (1, $1, 'municipality', $2) RETURNING id`,
    [orgName, code],
  );
  const orgId = org.id;
  const [unit] = await sql<{ id: string }>(
    `INSERT INTO units (version, organisation_id, name, kind)
     VALUES (1, $1, 'Socialtjänsten', 'social_services') RETURNING id`,
    [orgId],
  );
  const [caller] = await sql<{ id: string }>(
    `SELECT id FROM users WHERE username = 'samordnare.orebro'`,
  );
  const [group] = await sql<{ id: string }>(`SELECT id FROM coordinator_groups LIMIT 1`);
  const { count, birthDate, firstName, lastName } = options.persons;
  const numberPrefix = `${birthDate.replaceAll('-', '')}${code.slice(2)}`;
  await sql(
    `INSERT INTO persons (version, personal_number_kind, personal_number, first_name, last_name, birth_date)
     SELECT 1, 'personnummer', $1::text || lpad(n::text, 2, '0'), $2::text || n, $3, $4::date
     FROM generate_series(1, $5::int) n`,
    [numberPrefix, firstName, lastName, birthDate, count],
  );
  const caseNumber = (n: number) => `${options.casePrefix}${code}-${String(n).padStart(4, '0')}`;

  return {
    code,
    orgId,
    orgName,
    unitId: unit.id,
    callerId: caller.id,
    groupId: group.id,
    async seedCases(first, last, programme, openedOn, closedOn = null) {
      await sql(
        `INSERT INTO cases (version, number, programme, status, closed, municipality_code,
                            owning_organisation_id, owning_unit_id, subject_person_id, opened_at, closed_at)
         SELECT 1, $10::text || $1 || '-' || lpad(n::text, 4, '0'), $2,
                CASE WHEN $9::date IS NULL THEN 'active' ELSE 'closed' END, $9::date IS NOT NULL,
                $1, $3, $4, p.id, $5::date, $9::date
         FROM generate_series($6::int, $7::int) n
         JOIN persons p ON p.personal_number = $8::text || lpad(n::text, 2, '0')`,
        [
          code,
          programme,
          orgId,
          unit.id,
          openedOn,
          first,
          last,
          numberPrefix,
          closedOn,
          options.casePrefix,
        ],
      );
    },
    async caseIds(first, last) {
      const rows = await sql<{ id: string }>(
        `SELECT id FROM cases WHERE number >= $1 AND number <= $2 ORDER BY number`,
        [caseNumber(first), caseNumber(last)],
      );
      return rows.map((r) => r.id);
    },
    async sipDetails(ids, on, violenceForms) {
      await sql(
        `INSERT INTO sip_details (version, case_id, requested_on, discharge_ready_on, violence_related, violence_forms)
         SELECT 1, id, $2::date, $2::date, true, $3::varchar[] FROM unnest($1::uuid[]) id`,
        [ids, on, violenceForms],
      );
    },
    async firstMeetings(ids, { calledAt, startsAt }) {
      await sql(
        `INSERT INTO sip_meetings (version, case_id, kind, state, starts_at, ends_at, person_participates,
                                   relatives_participate, called_at, called_by_id, calling_organisation_id,
                                   calling_unit_id)
         SELECT 1, id, 'first', 'called', $6::timestamptz, $6::timestamptz + interval '1 hour', true, false,
                $5::timestamptz, $2, $3, $4
         FROM unnest($1::uuid[]) id`,
        [ids, caller.id, orgId, unit.id, calledAt, startsAt],
      );
    },
    async tryggaHemCases(ids, referredOn) {
      await sql(
        `INSERT INTO trygga_hem_cases (version, case_id, group_id, priority, priority_basis, referred_on)
         SELECT 1, id, $2, 'A', 'Testunderlag', $3::date FROM unnest($1::uuid[]) id`,
        [ids, group.id, referredOn],
      );
    },
  };
}
