import {
  ErrorCode,
  IndicatorId,
  type AgreementDto,
  type IndicatorTableDto,
  type ProblemDetails,
  type StatisticsDto,
  type StatisticsOptionsDto,
  countText,
} from '@samsyn/common';
import { sql } from './support/db';
import { expectStatus } from './support/fixtures';
import { ApiClient } from './support/http';
import { seedStatisticsMunicipality } from './support/statistics-seed';

/**
 * Issue 17 §1–2: the statistics page's indicators on a data set of known answers. The cases
 * live in a municipality of their own (a free kommunkod in Örebro län, so the coordinator's
 * county scope covers it), seeded by SQL with fixed past dates, so demo data and other specs
 * cannot change the figures.
 *
 * - 7 violence-related SIP cases requested (and discharge-ready) on 2025-01-10, kallelse
 *   2025-01-12, first meeting 2025-01-20: within both default deadlines (3 and 14 days).
 * - 6 violence-related SIP cases requested 2025-02-05 with no meeting: late on both.
 * - 8 Trygga hem cases at priority A referred 2025-01-05; 8 first incidents on 2025-03-03
 *   (physical and psychological violence) and 2 repeat incidents on 2025-03-04.
 */
describe('statistics indicators (issue 17)', () => {
  let coordinator: ApiClient;
  let code: string;
  let orgId: string;
  const period = 'from=2025-01-01&to=2025-03-31&period=month';

  beforeAll(async () => {
    coordinator = await ApiClient.signedIn('samordnare.orebro');
    const seed = await seedStatisticsMunicipality({
      firstCode: 1890,
      name: (c) => `Statistikkommun ${c}`,
      casePrefix: 'ST',
      persons: { count: 21, birthDate: '1970-01-01', firstName: 'Stat', lastName: 'Testsson' },
    });
    code = seed.code;
    orgId = seed.orgId;
    await seed.seedCases(1, 7, 'SIP', '2025-01-10');
    await seed.seedCases(8, 13, 'SIP', '2025-02-05');
    await seed.seedCases(14, 21, 'TRYGGA_HEM', '2025-01-05');
    const onTime = await seed.caseIds(1, 7);
    const late = await seed.caseIds(8, 13);
    const tryggaHem = await seed.caseIds(14, 21);
    await seed.sipDetails(onTime, '2025-01-10', ['physical']);
    await seed.sipDetails(late, '2025-02-05', ['physical']);
    await seed.firstMeetings(onTime, {
      calledAt: '2025-01-12T09:00:00Z',
      startsAt: '2025-01-20T09:00:00Z',
    });
    await seed.tryggaHemCases(tryggaHem, '2025-01-05');
    await sql(
      `INSERT INTO trygga_hem_incidents (version, case_id, occurred_on, kind, reporting_organisation_id,
                                         recorded_by_id, recorded_by_organisation_id, repeat, violence_forms)
       SELECT 1, id, '2025-03-03'::date, 'physical_violence'::varchar, $2::uuid, $3::uuid, $2::uuid, false,
              '{physical,psychological}'::varchar[]
       FROM unnest($1::uuid[]) id
       UNION ALL
       SELECT 1, id, '2025-03-04'::date, 'threat'::varchar, $2::uuid, $3::uuid, $2::uuid, true, '{}'::varchar[]
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, i) WHERE i <= 2`,
      [tryggaHem, orgId, seed.callerId],
    );
  });

  const table = (dto: StatisticsDto, id: IndicatorId): IndicatorTableDto => {
    const found = dto.tables.find((t) => t.id === id);
    if (!found) throw new Error(`no table ${id}`);
    return found;
  };

  async function indicators(query: string, client = coordinator): Promise<StatisticsDto> {
    const res = await client.get<StatisticsDto>(`/api/v1/statistics/indicators?${query}`);
    expectStatus(res, 200, 'indicators');
    return res.body;
  }

  it('offers the municipalities in scope, the agreements and the programmes', async () => {
    const res = await coordinator.get<StatisticsOptionsDto>('/api/v1/statistics/options');
    expectStatus(res, 200, 'options');
    expect(res.body.municipalities.map((m) => m.code)).toEqual(
      expect.arrayContaining(['1880', '1881', code]),
    );
    expect(res.body.programmes).toEqual(expect.arrayContaining(['SIP', 'TRYGGA_HEM']));
    expect(res.body.agreements.length).toBeGreaterThan(0);
  });

  it('gives each indicator its known answer', async () => {
    const dto = await indicators(`${period}&municipalityCode=${code}`);
    expect(dto.sipDeadlines).toEqual({
      summonsDaysAfterDischargeReady: 3,
      firstMeetingDaysAfterRequest: 14,
    });
    const share = table(dto, IndicatorId.SipShare);
    expect(share.rows).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(share.columns).toEqual(['with_sip', 'without_sip']);
    expect(share.cells).toEqual([
      [7, 8],
      [7, 14],
      [7, 14],
    ]);
    expect(share.rowTotals).toEqual([15, 21, 21]);
    expect(table(dto, IndicatorId.SipSharePercent).cells).toEqual([[46.7], [33.3], [33.3]]);
    const summons = table(dto, IndicatorId.SipSummons);
    expect(summons.columns).toEqual(['within_deadline', 'late', 'not_yet_due']);
    expect(summons.cells).toEqual([
      [7, 0, 0],
      [0, 6, 0],
      [0, 0, 0],
    ]);
    expect(table(dto, IndicatorId.SipFirstMeeting).cells).toEqual(summons.cells);
    expect(table(dto, IndicatorId.SipDays).cells).toEqual([
      [2, null],
      [null, null],
      [null, null],
    ]);
    const priority = table(dto, IndicatorId.TryggaHemPriority);
    expect(priority.cells).toEqual([
      [8, 0, 0, 0],
      [8, 0, 0, 0],
      [8, 0, 0, 0],
    ]);
    expect(priority.rowTotals).toEqual([8, 8, 8]);
    const incidents = table(dto, IndicatorId.TryggaHemIncidents);
    expect(incidents.cells.slice(0, 2)).toEqual([
      [0, 0],
      [0, 0],
    ]);
    // 8 first and 2 repeat: the 2 is "< 5", and one of 8 and the total 10 is hidden with it.
    expect(incidents.cells[2][1]).toEqual({ hidden: 'small' });
    expect([incidents.cells[2][0], incidents.rowTotals?.[2]]).toContainEqual({
      hidden: 'secondary',
    });
    const forms = table(dto, IndicatorId.ViolenceForms);
    expect(forms.cells[forms.rows.indexOf('physical')]).toEqual([21]);
    expect(forms.cells[forms.rows.indexOf('psychological')]).toEqual([8]);
    expect(forms.cells[forms.rows.indexOf('digital')]).toEqual([0]);
  });

  it('gives an agreement the cases its parties own in its programmes, within its validity', async () => {
    const [{ id: orebro }] = await sql<{ id: string }>(
      `SELECT id FROM organisations WHERE municipality_code = '1880'`,
    );
    const created = await coordinator.post<AgreementDto>('/api/v1/agreements', {
      title: `Statistikavtal ${code}`,
      kind: 'region_municipality',
      validFrom: '2025-02-01',
      validUntil: null,
      partyOrganisationIds: [orebro, orgId],
      followUps: [],
      programmes: ['SIP'],
      summonsDaysAfterDischargeReady: 10,
    });
    expectStatus(created, 201, 'create agreement');
    // The programmes are the registry's codes: anything else is a field error, nothing written.
    const refused = await coordinator.post<ProblemDetails>('/api/v1/agreements', {
      title: `Statistikavtal ${code} (fel)`,
      kind: 'region_municipality',
      validFrom: '2025-02-01',
      partyOrganisationIds: [orebro, orgId],
      followUps: [],
      programmes: ['NOPE'],
    });
    expectStatus(refused, 400, 'unknown programme');
    expect(refused.body.errors?.map((e) => e.field)).toEqual(['programmes']);
    expect(
      await sql(`SELECT 1 FROM agreements WHERE title = $1`, [`Statistikavtal ${code} (fel)`]),
    ).toEqual([]);
    expect(created.body.programmes).toEqual(['SIP']);
    const dto = await indicators(
      `${period}&agreementId=${created.body.id}&municipalityCode=${code}`,
    );
    expect(dto.sipDeadlines.summonsDaysAfterDischargeReady).toBe(10);
    // January lies before the agreement; Trygga hem is not among its programmes.
    expect(table(dto, IndicatorId.SipShare).cells).toEqual([
      [0, 0],
      [7, 6],
      [7, 6],
    ]);
    expect(table(dto, IndicatorId.SipSummons).cells[1]).toEqual([0, 6, 0]);
    expect(table(dto, IndicatorId.TryggaHemPriority).rowTotals).toEqual([0, 0, 0]);
  });

  it('the CSV says exactly what the page shows, in Swedish or English', async () => {
    const query = `${period}&municipalityCode=${code}`;
    const dto = await indicators(query);
    for (const lang of ['sv', 'en'] as const) {
      const res = await coordinator.request<string>(
        'GET',
        `/api/v1/statistics/indicators.csv?${query}&lang=${lang}`,
        undefined,
        { headers: { accept: 'text/csv' } },
      );
      expectStatus(res, 200, 'csv');
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const blocks = res.body.replace(/^\uFEFF/, '').split('\r\n\r\n');
      expect(blocks[0].split('\r\n')[0]).toBe(
        lang === 'sv' ? 'Våldsärenden med och utan SIP' : 'Violence cases with and without a SIP',
      );
      dto.tables.forEach((t, i) => {
        const lines = blocks[i].split('\r\n').slice(2);
        const shown = (v: IndicatorTableDto['cells'][number][number]) =>
          v === null ? '' : countText(v, lang).text;
        expect(lines.map((l) => l.split(';').slice(1))).toEqual(
          t.cells.map((row, r) => [
            ...row.map(shown),
            ...(t.rowTotals ? [shown(t.rowTotals[r])] : []),
          ]),
        );
      });
    }
  });

  it('a period with no data is an empty, well-formed answer', async () => {
    const dto = await indicators(
      `from=2020-01-01&to=2020-12-31&period=quarter&municipalityCode=${code}`,
    );
    const share = table(dto, IndicatorId.SipShare);
    expect(share.rows).toEqual(['2020-Q1', '2020-Q2', '2020-Q3', '2020-Q4']);
    expect(share.cells.flat().every((v) => v === 0)).toBe(true);
    expect(
      table(dto, IndicatorId.SipDays)
        .cells.flat()
        .every((v) => v === null),
    ).toBe(true);
  });

  it('refuses bad filters with field messages', async () => {
    const bad = async (query: string, status: number, field: string) => {
      const res = await coordinator.get<ProblemDetails>(`/api/v1/statistics/indicators?${query}`);
      expectStatus(res, status, query);
      expect(res.body.errors?.map((e) => e.field)).toContain(field);
    };
    await bad('agreementId=8a0f6a43-2a6c-4d1e-9d6a-1d7b7f0b9c11', 400, 'agreementId');
    await bad('from=2025-03-01&to=2025-01-01', 400, 'to');
    await bad('from=2025-01-01&to=2999-01-01', 400, 'to');
    await bad('period=week', 400, 'period');
    await bad('programme=NOPE', 400, 'programme');
    await bad('municipalityCode=0180', 403, 'municipalityCode');
    const admin = await ApiClient.signedIn('admin.orebro');
    const res = await admin.get<ProblemDetails>(
      '/api/v1/statistics/indicators?municipalityCode=1881',
    );
    expectStatus(res, 403, 'org_admin outside own organisation');
    expect(res.body.code).toBe(ErrorCode.Forbidden);
    expectStatus(await admin.get('/api/v1/statistics/indicators'), 200, 'org_admin own');
    const social = await ApiClient.signedIn('social.orebro');
    expectStatus(await social.get('/api/v1/statistics/indicators'), 403, 'social worker');
  });
});
