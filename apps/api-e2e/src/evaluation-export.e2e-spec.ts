import {
  AuditAction,
  EVALUATION_EXPORT_COLUMNS,
  type EvaluationExportJson,
  type ProblemDetails,
} from '@samsyn/common';
import { count, sql } from './support/db';
import { expectStatus } from './support/fixtures';
import { ApiClient } from './support/http';

/**
 * Issue 17 §5 (D6): the evaluation export on its own seeded municipalities (county 25, which the
 * demo data does not use), so the answers are known: 22 cases selected, 21 published, 15 of them
 * generalised, 1 left out. Seeded by SQL with names, personnummer, addresses and free text that
 * must never reach the file.
 */
const tag = Date.now().toString(36).toUpperCase();
const CODES = ['2580', '2581', '2582'];
const PATH = '/api/v1/evaluation-exports';
const PARAMS = {
  programmes: ['TRYGGA_HEM', 'SIP'],
  from: '2025-01',
  to: '2025-12',
  municipalityCodes: CODES,
};

interface Seeded {
  names: string[];
  numbers: string[];
  addresses: string[];
  freeText: string[];
  ids: string[];
  caseNumbers: string[];
}

/** The seeded cases: municipality, programme, day opened (Swedish noon). */
const PLAN: [string, string, string][] = [
  // 6 in one municipality and month: published as they are.
  ...Array<[string, string, string]>(6).fill(['2580', 'TRYGGA_HEM', '2025-03-14']),
  // 3 + 2 in one month: together at county level.
  ...Array<[string, string, string]>(3).fill(['2580', 'TRYGGA_HEM', '2025-05-02']),
  ...Array<[string, string, string]>(2).fill(['2581', 'TRYGGA_HEM', '2025-05-28']),
  // 2 + 3 in two months of one quarter: county and quarter.
  ...Array<[string, string, string]>(2).fill(['2582', 'TRYGGA_HEM', '2025-07-10']),
  ...Array<[string, string, string]>(3).fill(['2582', 'TRYGGA_HEM', '2025-08-20']),
  // 4 + 1 SIP cases in different quarters: county and year.
  ...Array<[string, string, string]>(4).fill(['2581', 'SIP', '2025-02-11']),
  ['2581', 'SIP', '2025-11-03'],
  // Alone in its year: left out.
  ['2581', 'TRYGGA_HEM', '2025-10-09'],
  // Outside the period: not selected.
  ['2580', 'TRYGGA_HEM', '2024-12-30'],
];

async function seed(): Promise<Seeded> {
  const seeded: Seeded = {
    names: [],
    numbers: [],
    addresses: [],
    freeText: [],
    ids: [],
    caseNumbers: [],
  };
  const orgs = new Map<string, { org: string; unit: string }>();
  for (const code of CODES) {
    const [org] = await sql<{ id: string }>(
      `INSERT INTO organisations (version, name, type, municipality_code)
       VALUES (1, $1, 'municipality', $2) RETURNING id::text`,
      [`Utvärderingskommun ${code} ${tag}`, code],
    );
    const [unit] = await sql<{ id: string }>(
      `INSERT INTO units (version, organisation_id, name, kind)
       VALUES (1, $1, 'Socialtjänsten', 'social_services') RETURNING id::text`,
      [org.id],
    );
    orgs.set(code, { org: org.id, unit: unit.id });
    seeded.ids.push(org.id, unit.id);
  }
  const police = (
    await sql<{ id: string }>(`SELECT id::text FROM organisations WHERE type = 'police' LIMIT 1`)
  )[0].id;
  let i = 0;
  for (const [code, programme, day] of PLAN) {
    i++;
    const { org, unit } = orgs.get(code)!;
    const first = `Evalfornamn${tag}${i}`;
    const last = `Evalefternamn${tag}${i}`;
    const number = `1985${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}-${String(1000 + i)}`;
    const address = `Evalgatan ${i} ${tag}`;
    const text = (what: string) => {
      const t = `Fritext ${what} ${tag} ${i}: ${first} ${last} bor på ${address}`;
      seeded.freeText.push(t);
      return t;
    };
    seeded.names.push(first, last);
    seeded.numbers.push(number, number.replace('-', ''), number.slice(2));
    seeded.addresses.push(address);
    const [person] = await sql<{ id: string }>(
      `INSERT INTO persons (version, personal_number_kind, personal_number, first_name, last_name,
         birth_date, address, postal_code, city)
       VALUES (1, 'personnummer', $1, $2, $3, '1985-01-01', $4, '97231', 'Evalby') RETURNING id::text`,
      [number, first, last, address],
    );
    const caseNumber = `EV-${tag}-${i}`;
    const [c] = await sql<{ id: string }>(
      `INSERT INTO cases (version, number, programme, status, municipality_code,
         owning_organisation_id, owning_unit_id, subject_person_id, description, opened_at)
       VALUES (1, $1, $2, 'active', $3, $4, $5, $6, $7, ($8 || 'T12:00:00+01:00')::timestamptz)
       RETURNING id::text`,
      [caseNumber, programme, code, org, unit, person.id, text('case'), day],
    );
    seeded.ids.push(person.id, c.id);
    seeded.caseNumbers.push(caseNumber);
    if (programme === 'SIP') {
      await sql(
        `INSERT INTO sip_details (version, case_id, requested_on, violence_related, violence_forms)
         VALUES (1, $1, $2, true, '{physical}')`,
        [c.id, day],
      );
      continue;
    }
    await sql(
      `INSERT INTO trygga_hem_priority_changes (case_id, priority, basis, changed_by_id, changed_by_name)
       VALUES ($1, 'C', $2, gen_random_uuid(), $3)`,
      [c.id, text('priority'), `Handläggare ${tag}`],
    );
    await sql(
      `INSERT INTO trygga_hem_incidents (version, case_id, occurred_on, kind, reporting_organisation_id,
         recorded_by_id, recorded_by_organisation_id, repeat, violence_forms, note, victim_person_id)
       VALUES (1, $1, $2, 'threat', $3, gen_random_uuid(), $4, true, '{psychological}', $5, $6)`,
      [c.id, day, police, org, text('incident'), person.id],
    );
    await sql(
      `INSERT INTO trygga_hem_offers (version, case_id, kind, description, offered_on, organisation_id, uptake, note)
       VALUES (1, $1, 'counselling', $2, $3, $4, 'accepted', $5)`,
      [c.id, text('offer'), day, org, text('offer note')],
    );
    await sql(
      `INSERT INTO trygga_hem_risk_assessments (version, case_id, organisation_id, instrument,
         assessed_on, assessor_id, assessor_name, level, review_on, summary)
       VALUES (1, $1, $2, 'patriark', $3, gen_random_uuid(), $4, 'high', '2026-06-01', $5)`,
      [c.id, police, day, `Bedömare ${tag}`, text('risk')],
    );
    await sql(
      `INSERT INTO trygga_hem_control_measures (version, case_id, kind, description, starts_on,
         organisation_id, recorded_by_id, recorded_by_organisation_id)
       VALUES (1, $1, 'kontaktforbud', $2, $3, $4, gen_random_uuid(), $4)`,
      [c.id, text('measure'), day, org],
    );
  }
  return seeded;
}

/** The CSV's case rows (before the blank line) and its summary section, as cells. */
function parseCsv(text: string): {
  header: string[];
  rows: string[][];
  summary: Map<string, string>;
} {
  const lines = text.split('\r\n');
  const blank = lines.indexOf('');
  const header = lines[0].split(',');
  const rows = lines.slice(1, blank).map((l) => l.split(','));
  const summary = new Map(
    lines
      .slice(blank + 2)
      .filter(Boolean)
      .map((l) => l.split(',') as [string, string]),
  );
  return { header, rows, summary };
}

describe('evaluation export (D6): de-identified, k-anonymous, audited', () => {
  let steering: ApiClient;
  let coordinator: ApiClient;
  let social: ApiClient;
  let seeded: Seeded;

  beforeAll(async () => {
    [steering, coordinator, social] = await Promise.all([
      ApiClient.signedIn('styrgrupp.lan'),
      ApiClient.signedIn('samordnare.orebro'),
      ApiClient.signedIn('social.orebro'),
    ]);
    seeded = await seed();
  }, 60_000);

  let firstKeys: string[];

  it('exports the seeded cases with no direct identifier, no group below 5 and months only', async () => {
    const before = await count('evaluation_exports');
    const res = await steering.post<string>(PATH, PARAMS);
    expectStatus(res, 200, 'export');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="utvardering-2025-01-2025-12\.csv"/,
    );
    const { header, rows, summary } = parseCsv(res.body);
    expect(header).toEqual([...EVALUATION_EXPORT_COLUMNS]);
    expect(rows).toHaveLength(21);
    for (const r of rows) expect(r).toHaveLength(header.length);
    expect(Object.fromEntries(summary)).toMatchObject({
      programmes: 'SIP;TRYGGA_HEM',
      period_from: '2025-01',
      period_to: '2025-12',
      municipality_codes: CODES.join(';'),
      k: '5',
      cases_selected: '22',
      rows_published: '21',
      rows_generalised: '15',
      rows_left_out: '1',
    });
    expect(res.headers.get('x-export-rows-left-out')).toBe('1');

    // No direct identifier or internal id anywhere in the file, in any case.
    const file = res.body.toLowerCase();
    for (const secret of [
      ...seeded.names,
      ...seeded.numbers,
      ...seeded.addresses,
      ...seeded.freeText,
      ...seeded.ids,
      ...seeded.caseNumbers,
    ])
      expect({ secret, found: file.includes(secret.toLowerCase()) }).toEqual({
        secret,
        found: false,
      });
    // Every cell: nothing but codes, counts and months; no exact date.
    expect(res.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const col = (name: string) => header.indexOf(name);
    for (const r of rows) {
      for (const cell of r) expect(cell).toMatch(/^[A-Za-z0-9_:;.-]*$/);
      for (const name of ['month_closed', 'sip_need_identified_month', 'sip_kallelse_month'])
        expect(r[col(name)]).toMatch(/^(\d{4}-\d{2})?$/);
      expect(r[col('period_opened')]).toMatch(/^\d{4}(-\d{2}|-Q[1-4])?$/);
      expect(r[col('area')]).toMatch(/^25(\d{2})?$/);
      expect(r[col('case_key')]).toMatch(/^[0-9a-f]{16}$/);
    }

    // k = 5: no published group (area × programme × period) smaller than 5.
    const groups = new Map<string, number>();
    for (const r of rows) {
      const key = `${r[col('area')]}|${r[col('programme')]}|${r[col('period_opened')]}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(groups)).toEqual({
      '2580|TRYGGA_HEM|2025-03': 6,
      '25|TRYGGA_HEM|2025-05': 5,
      '25|TRYGGA_HEM|2025-Q3': 5,
      '25|SIP|2025': 5,
    });

    // The records arrive as months and codes.
    const full = rows.find((r) => r[col('area')] === '2580')!;
    expect({
      priority: full[col('priority_history')],
      risk: full[col('risk_levels')],
      offers: full[col('offers_taken_up')],
      measures: full[col('control_measures')],
      incidents: full[col('incidents_by_month')],
      repeats: full[col('repeat_incidents')],
    }).toEqual({
      priority: expect.stringMatching(/^\d{4}-\d{2}:C$/),
      risk: 'police:high',
      offers: '1',
      measures: '2025-03:kontaktforbud',
      incidents: '2025-03:1',
      repeats: '1',
    });
    const sip = rows.filter((r) => r[col('programme')] === 'SIP');
    expect(sip.map((r) => r[col('sip_need_identified_month')]).sort()).toEqual([
      '2025-02',
      '2025-02',
      '2025-02',
      '2025-02',
      '2025-11',
    ]);

    // Recorded with its parameters and counts, and audited naming that record.
    expect(await count('evaluation_exports')).toBe(before + 1);
    const [recorded] = await sql<Record<string, unknown>>(
      `SELECT x.id::text, x.programmes, x.period_from, x.period_to, x.municipality_codes, x.format,
              x.k, x.cases_selected, x.rows_published, x.rows_generalised, x.rows_left_out,
              u.username
       FROM evaluation_exports x JOIN users u ON u.id = x.requested_by_id
       ORDER BY x.created_at DESC LIMIT 1`,
    );
    expect(recorded).toMatchObject({
      programmes: ['SIP', 'TRYGGA_HEM'],
      period_from: '2025-01',
      period_to: '2025-12',
      municipality_codes: CODES,
      format: 'csv',
      k: 5,
      cases_selected: 22,
      rows_published: 21,
      rows_generalised: 15,
      rows_left_out: 1,
      username: 'styrgrupp.lan',
    });
    const audit = await sql<{ action: string; target_kind: string; username: string }>(
      `SELECT e.action, e.target_kind, u.username FROM audit_events e JOIN users u ON u.id = e.user_id
       WHERE e.target_id = $1`,
      [recorded.id],
    );
    expect(audit).toEqual([
      {
        action: AuditAction.StatisticsEvaluationExport,
        target_kind: 'evaluation_export',
        username: 'styrgrupp.lan',
      },
    ]);
    firstKeys = rows.map((r) => r[col('case_key')]);
  });

  it('gives the cases new keys in every export; JSON carries the same summary', async () => {
    const res = await coordinator.post<EvaluationExportJson>(PATH, { ...PARAMS, format: 'json' });
    expectStatus(res, 200, 'JSON export');
    expect(res.body.summary).toMatchObject({
      rowsPublished: 21,
      rowsGeneralised: 15,
      rowsLeftOut: 1,
    });
    expect(res.body.columns).toEqual([...EVALUATION_EXPORT_COLUMNS]);
    const keys = res.body.rows.map((r) => String(r.case_key));
    expect(new Set(keys).size).toBe(21);
    expect(keys.filter((k) => firstKeys.includes(k))).toEqual([]);
  });

  it('answers a period without cases with an empty, well-formed file', async () => {
    const res = await steering.post<string>(PATH, { ...PARAMS, from: '2019-01', to: '2019-03' });
    expectStatus(res, 200, 'empty export');
    const { header, rows, summary } = parseCsv(res.body);
    expect(header).toEqual([...EVALUATION_EXPORT_COLUMNS]);
    expect(rows).toEqual([]);
    expect(summary.get('rows_published')).toBe('0');
    expect(summary.get('rows_left_out')).toBe('0');
  });

  it('refuses a social worker (403) and bad parameters (400 with field messages), recording nothing', async () => {
    const before = await count('evaluation_exports');
    const denied = await social.post(PATH, PARAMS);
    expectStatus(denied, 403, 'social worker exports');
    const bad: [Record<string, unknown>, string][] = [
      [{ ...PARAMS, from: '2025-06', to: '2025-01' }, 'to'],
      [{ ...PARAMS, to: '2999-12' }, 'to'],
      [{ ...PARAMS, from: '2025-13' }, 'from'],
      [{ ...PARAMS, programmes: [] }, 'programmes'],
      [{ ...PARAMS, programmes: ['NO_SUCH'] }, 'programmes'],
      [{ ...PARAMS, municipalityCodes: ['9999'] }, 'municipalityCodes'],
      [{ ...PARAMS, municipalityCodes: ['25'] }, 'municipalityCodes'],
      [{ ...PARAMS, format: 'xlsx' }, 'format'],
      [{ ...PARAMS, caseId: 'x' }, 'caseId'],
    ];
    for (const [body, field] of bad) {
      const res = await steering.post<ProblemDetails>(PATH, body);
      expectStatus(res, 400, `bad ${field}: ${JSON.stringify(body)}`);
      expect(res.body.errors?.map((e) => e.field)).toContain(field);
    }
    expect(await count('evaluation_exports')).toBe(before);
  });
});
