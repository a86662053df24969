import {
  type AgreementDto,
  ErrorCode,
  INDICATOR_TITLES,
  type IndicatorTableDto,
  type ProblemDetails,
  type StatisticsDto,
  countText,
  indicatorColumnLabel,
  indicatorRowLabel,
} from '@samsyn/common';
import { sql } from './support/db';
import { expectStatus } from './support/fixtures';
import { ApiClient } from './support/http';
import { seedStatisticsMunicipality } from './support/statistics-seed';
import { pdfText } from '@samsyn/testing';
import { sleep } from './support/wait';

/** The PDF's text; the pause lets fetch notice keep-alive sockets closed meanwhile (sip-letters). */
async function textOf(pdf: Buffer): Promise<string> {
  const text = pdfText(pdf);
  await sleep(100);
  return text;
}

/** A CSV line's fields: `;`-separated, a field in double quotes may hold `;` and `""`. */
function csvFields(line: string): string[] {
  return [...line.matchAll(/(?:^|;)("(?:[^"]|"")*"|[^;]*)/g)].map(([, field]) =>
    field.startsWith('"') ? field.slice(1, -1).replaceAll('""', '"') : field,
  );
}

/** The lines of each CSV block (split at empty lines), each line split into fields. */
function csvBlocks(csv: string): string[][][] {
  return csv
    .replace(/^\uFEFF/, '')
    .replace(/\r\n$/, '')
    .split('\r\n\r\n')
    .map((block) => block.split('\r\n').map(csvFields));
}

/**
 * Issue 17 §4: the yearly follow-up report of an agreement, as PDF and CSV. The agreement is
 * made here between Örebro kommun and a municipality of its own (a free kommunkod in Örebro län,
 * so the coordinator's and the steering group's scope covers it), whose cases are seeded by SQL
 * with fixed dates in 2024 and 2025; other specs' cases may add to Örebro kommun's figures, so
 * the report is compared with the statistics endpoint's answers for the same years, never with
 * fixed totals — except for the seeded municipality's own activity.
 *
 * - 2024: 6 violence-related SIP cases requested 2024-05-10, kallelse 2024-05-12.
 * - 2025: 7 violence-related SIP cases requested 2025-01-10, kallelse 2025-01-12 (called by the
 *   municipality); 2 requested 2025-02-05 with no meeting; 8 Trygga hem cases at priority A
 *   referred 2025-01-05; 3 of the 2025 SIP cases closed 2025-06-01.
 */
describe('yearly follow-up report (issue 17 §4)', () => {
  let coordinator: ApiClient;
  let code: string;
  let orgId: string;
  let orgName: string;
  let agreement: AgreementDto;
  const title = () => `Uppföljningsavtal ${code}`;

  beforeAll(async () => {
    coordinator = await ApiClient.signedIn('samordnare.orebro');
    const seed = await seedStatisticsMunicipality({
      firstCode: 1870,
      name: (c) => `Rapportkommun ${c}`,
      casePrefix: 'UR',
      persons: {
        count: 23,
        birthDate: '1971-02-02',
        firstName: 'Rapp',
        lastName: 'Uppföljningsson',
      },
    });
    ({ code, orgId, orgName } = seed);
    await seed.seedCases(1, 6, 'SIP', '2024-05-10');
    await seed.seedCases(7, 9, 'SIP', '2025-01-10', '2025-06-01');
    await seed.seedCases(10, 13, 'SIP', '2025-01-10');
    await seed.seedCases(14, 15, 'SIP', '2025-02-05');
    await seed.seedCases(16, 23, 'TRYGGA_HEM', '2025-01-05');
    const sip2024 = await seed.caseIds(1, 6);
    const sip2025 = await seed.caseIds(7, 13);
    const late2025 = await seed.caseIds(14, 15);
    const tryggaHem = await seed.caseIds(16, 23);
    await seed.sipDetails(sip2024, '2024-05-10', ['physical']);
    await seed.sipDetails(sip2025, '2025-01-10', ['physical']);
    await seed.sipDetails(late2025, '2025-02-05', ['psychological']);
    // Called at 09:00 and held at midnight eight days later, in the database session's time zone.
    await seed.firstMeetings(sip2024, { calledAt: '2024-05-12 09:00', startsAt: '2024-05-20' });
    await seed.firstMeetings(sip2025, { calledAt: '2025-01-12 09:00', startsAt: '2025-01-20' });
    await seed.tryggaHemCases(tryggaHem, '2025-01-05');
    const [{ id: orebro }] = await sql<{ id: string }>(
      `SELECT id FROM organisations WHERE municipality_code = '1880'`,
    );
    const created = await coordinator.post<AgreementDto>('/api/v1/agreements', {
      title: title(),
      kind: 'region_municipality',
      validFrom: '2024-01-01',
      validUntil: null,
      partyOrganisationIds: [orebro, orgId],
      followUps: [
        { label: 'Uppföljning 2025', dueOn: '2025-03-15' },
        { label: 'Årlig uppföljning', dueOn: '2026-03-15' },
      ],
      programmes: ['SIP', 'TRYGGA_HEM'],
      summonsDaysAfterDischargeReady: 3,
    });
    expectStatus(created, 201, 'create agreement');
    agreement = created.body;
  });

  const path = (ext: 'pdf' | 'csv', query: string, id = agreement.id) =>
    `/api/v1/statistics/agreements/${id}/follow-up-report.${ext}?${query}`;

  async function file(ext: 'pdf' | 'csv', query: string, client = coordinator) {
    const res = await fetch(`${client.baseUrl}${path(ext, query)}`, {
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    if (res.status !== 200) throw new Error(`${ext} answered ${res.status}: ${await res.text()}`);
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  }

  async function indicators(year: number): Promise<StatisticsDto> {
    const res = await coordinator.get<StatisticsDto>(
      `/api/v1/statistics/indicators?agreementId=${agreement.id}&from=${year}-01-01&to=${year}-12-31&period=year`,
    );
    expectStatus(res, 200, `indicators ${year}`);
    return res.body;
  }

  /** The report's lines of one indicator, from the statistics endpoint's two answers. */
  function expectedLines(now: IndicatorTableDto, before: IndicatorTableDto, lang: 'sv' | 'en') {
    const text = (v: IndicatorTableDto['cells'][number][number] | undefined) =>
      v === null || v === undefined ? '' : countText(v, lang).text;
    if (now.rowKind === 'violence_form')
      return now.rows.map((row, i) => [
        indicatorRowLabel(now, row, lang),
        text(now.cells[i][0]),
        text(before.cells[i][0]),
      ]);
    const lines = now.columns.map((column, j) => [
      indicatorColumnLabel(column, lang),
      text(now.cells[0][j]),
      text(before.cells[0][j]),
    ]);
    if (now.rowTotals)
      lines.push([
        lang === 'sv' ? 'Totalt' : 'Total',
        text(now.rowTotals[0]),
        text(before.rowTotals?.[0]),
      ]);
    return lines;
  }

  /** Every person's name and number in the database: none may reach a report. */
  async function personalData(): Promise<string[]> {
    const persons = await sql<{ first_name: string; last_name: string; personal_number: string }>(
      `SELECT first_name, last_name, personal_number FROM persons WHERE personal_number IS NOT NULL`,
    );
    expect(persons.some((p) => p.last_name === 'Uppföljningsson')).toBe(true);
    return persons.flatMap((p) => [
      `${p.first_name} ${p.last_name}`,
      p.personal_number,
      `${p.personal_number.slice(0, 8)}-${p.personal_number.slice(8)}`,
      `${p.personal_number.slice(2, 8)}-${p.personal_number.slice(8)}`,
    ]);
  }

  it('the CSV equals the statistics endpoint for the year and the year before', async () => {
    const [now, before] = [await indicators(2025), await indicators(2024)];
    expect(now.tables.length).toBeGreaterThan(5);
    for (const lang of ['sv', 'en'] as const) {
      const { res, body } = await file('csv', `year=2025&lang=${lang}`);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="uppfoljning-2025-${agreement.id}.csv"`,
      );
      const blocks = csvBlocks(body.toString('utf8'));
      const block = (heading: string) => {
        const found = blocks.find((b) => b[0][0] === heading);
        if (!found) throw new Error(`no block ${heading}`);
        return found;
      };
      expect(blocks[0][0]).toEqual([
        lang === 'sv' ? 'Uppföljningsrapport 2025' : 'Follow-up report 2025',
      ]);
      expect(blocks[0][1]).toEqual([lang === 'sv' ? 'Överenskommelse' : 'Agreement', title()]);
      now.tables.forEach((table, i) => {
        const lines = block(INDICATOR_TITLES[lang][table.id]);
        expect(lines[1].slice(1)).toEqual(['2025', '2024']);
        expect({ id: table.id, lines: lines.slice(2) }).toEqual({
          id: table.id,
          lines: expectedLines(table, before.tables[i], lang),
        });
      });
      // The seeded municipality's own activity: 17 cases opened, 3 closed ("< 5"), 7 meetings.
      const activity = block(lang === 'sv' ? 'Aktivitet per part' : 'Activity per party');
      expect(activity[2 + agreement.parties.findIndex((p) => p.id === orgId)]).toEqual([
        orgName,
        '17',
        '< 5',
        '7',
        '0',
      ]);
      expect(activity.length).toBe(2 + agreement.parties.length);
      const assessment = block(
        lang === 'sv' ? 'Styrgruppens bedömning' : "The steering group's assessment",
      );
      expect(assessment.length).toBeGreaterThan(2);
      expect(assessment.slice(1).every((line) => line[1] === '')).toBe(true);
    }
  });

  it("the report PDF's text: parties, validity, follow-ups, figures beside last year, no person", async () => {
    const [now, before] = [await indicators(2025), await indicators(2024)];
    const { res, body } = await file('pdf', 'year=2025&lang=sv');
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await textOf(body);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Uppföljningsrapport 2025');
    expect(flat).toContain(title());
    for (const party of agreement.parties) expect(flat).toContain(party.name);
    expect(flat).toContain('Gäller från: 2024-01-01');
    expect(flat).toContain('Gäller till och med: tills vidare');
    expect(flat).toMatch(/Uppföljning 2025 2025-03-15 nej/);
    expect(flat).toMatch(/Årlig uppföljning 2026-03-15 nej/);
    expect(flat).toContain('Kallelse inom dagar efter utskrivningsklar: 3 dagar');
    // Each indicator's line: its label, this year's and last year's value ("–": none published).
    now.tables.forEach((table, i) => {
      expect(flat).toContain(INDICATOR_TITLES.sv[table.id]);
      for (const [label, a, b] of expectedLines(table, before.tables[i], 'sv'))
        expect(flat).toContain(`${label} ${a || '–'} ${b || '–'}`);
    });
    expect(flat).toContain(`${orgName} 17 < 5 7 0`);
    expect(flat).toContain('Styrgruppens bedömning');
    expect(flat).toContain('Beslutade åtgärder');
    for (const value of await personalData()) expect(flat).not.toContain(value);
    // The CSV holds no person either.
    const csv = (await file('csv', 'year=2025')).body.toString('utf8');
    for (const value of await personalData()) expect(csv).not.toContain(value);

    const english = (await textOf((await file('pdf', 'year=2025&lang=en')).body)).replace(
      /\s+/g,
      ' ',
    );
    expect(english).toContain('Follow-up report 2025');
    expect(english).toContain('Valid until: until further notice');
    expect(english).toContain("The steering group's assessment");
    expect(english).toContain(`${orgName} 17 < 5 7 0`);
  });

  it('a year without data is an empty, well-formed file', async () => {
    const pdf = await file('pdf', 'year=2019');
    const text = (await textOf(pdf.body)).replace(/\s+/g, ' ');
    expect(text).toContain('Uppföljningsrapport 2019');
    expect(text).toContain(title());
    const blocks = csvBlocks((await file('csv', 'year=2019')).body.toString('utf8'));
    const share = blocks.find((b) => b[0][0] === INDICATOR_TITLES.sv.sip_share);
    expect(share?.slice(1)).toEqual([
      ['Indikator', '2019', '2018'],
      ['Med SIP', '0', '0'],
      ['Utan SIP', '0', '0'],
      ['Totalt', '0', '0'],
    ]);
    const activity = blocks.find((b) => b[0][0] === 'Aktivitet per part');
    expect(activity?.slice(2).every((line) => line.slice(1).every((v) => v === '0'))).toBe(true);
  });

  it('is audited, naming the agreement', async () => {
    const counted = () =>
      sql<{ n: string }>(
        `SELECT count(*)::text AS n FROM audit_events e JOIN users u ON u.id = e.user_id
         WHERE e.action = 'statistics.follow_up_report' AND e.target_kind = 'agreement'
           AND e.target_id = $1 AND u.username = 'samordnare.orebro'`,
        [agreement.id],
      ).then(([r]) => Number(r.n));
    const before = await counted();
    await file('csv', 'year=2024');
    await file('pdf', 'year=2024&lang=en');
    expect(await counted()).toBe(before + 2);
  });

  it('the steering group sees the report of an agreement in its county', async () => {
    const steering = await ApiClient.signedIn('styrgrupp.lan');
    const text = (await textOf((await file('pdf', 'year=2025', steering)).body)).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain(title());
  });

  it('refuses bad input: unknown or hidden agreement, bad or future year, no permission', async () => {
    const get = (client: ApiClient, url: string) => client.get<ProblemDetails>(url);
    const unknown = await get(
      coordinator,
      path('pdf', 'year=2025', '8a0f6a43-2a6c-4d1e-9d6a-1d7b7f0b9c11'),
    );
    expectStatus(unknown, 404, 'unknown agreement');
    expect(unknown.body.code).toBe(ErrorCode.NotFound);
    const malformed = await get(coordinator, path('csv', 'year=2025', 'nope'));
    expectStatus(malformed, 400, 'malformed id');
    expect(malformed.body.errors?.map((e) => e.field)).toEqual(['id']);
    // An agreement between others: org_admin of Örebro kommun sees only its own.
    const [other] = await sql<{ id: string }>(
      `INSERT INTO organisations (version, name, type) VALUES (1, $1, 'other') RETURNING id`,
      [`Annan part ${code}`],
    );
    const [hidden] = await sql<{ id: string }>(
      `INSERT INTO agreements (version, title, kind, valid_from, owning_organisation_id, programmes)
       VALUES (1, $1, 'other', '2024-01-01', $2, '{SIP}') RETURNING id`,
      [`Annans avtal ${code}`, orgId],
    );
    await sql(
      `INSERT INTO agreement_parties (agreement_id, organisation_id) VALUES ($1, $2), ($1, $3)`,
      [hidden.id, orgId, other.id],
    );
    const admin = await ApiClient.signedIn('admin.orebro');
    expectStatus(await get(admin, path('pdf', 'year=2025', hidden.id)), 404, 'hidden agreement');
    expectStatus(await get(admin, path('csv', 'year=2025')), 200, 'own agreement');
    for (const year of ['abc', '25', '2025-01', '']) {
      const res = await get(coordinator, path('csv', `year=${year}`));
      expectStatus(res, 400, `year=${year}`);
      expect(res.body.errors?.map((e) => e.field)).toEqual(['year']);
    }
    const missing = await get(coordinator, path('csv', 'lang=sv'));
    expectStatus(missing, 400, 'no year');
    expect(missing.body.errors?.map((e) => e.field)).toEqual(['year']);
    const future = await get(coordinator, path('pdf', `year=${new Date().getFullYear() + 1}`));
    expectStatus(future, 400, 'future year');
    expect(future.body.errors).toEqual([
      expect.objectContaining({ field: 'year', code: 'future' }),
    ]);
    const badLang = await get(coordinator, path('pdf', 'year=2025&lang=de'));
    expectStatus(badLang, 400, 'lang');
    expect(badLang.body.errors?.map((e) => e.field)).toEqual(['lang']);
    const social = await ApiClient.signedIn('social.orebro');
    expectStatus(await get(social, path('pdf', 'year=2025')), 403, 'social worker');
  });
});
