import { EVALUATION_EXPORT_COLUMNS, OfferUptake } from '@samsyn/common';
import { evaluationCsv, evaluationJson } from './evaluation-export-file';
import { buildEvaluationRows, type CaseFacts } from './evaluation-export-rows';

const base: CaseFacts = {
  programme: 'TRYGGA_HEM',
  municipalityCode: '1880',
  monthOpened: '2026-03',
  monthClosed: null,
  priorities: [],
  risks: [],
  notifications: 0,
  offers: [],
  controlMeasures: [],
  incidents: [],
  sip: null,
};

const tryggaHem: CaseFacts = {
  ...base,
  monthClosed: '2026-09',
  priorities: [
    { priority: 'B', month: '2026-03' },
    { priority: 'D', month: '2026-05' },
  ],
  risks: [
    { agency: 'police', level: 'medium' },
    { agency: 'municipality', level: 'low' },
    { agency: 'police', level: 'high' },
  ],
  notifications: 2,
  offers: [
    { kind: 'treatment_programme', uptake: OfferUptake.Accepted },
    { kind: 'counselling', uptake: OfferUptake.Declined },
    { kind: 'housing', uptake: OfferUptake.Completed },
  ],
  controlMeasures: [{ kind: 'kontaktforbud', month: '2026-04' }],
  incidents: [
    { month: '2026-05', repeat: true, violenceForms: ['physical'] },
    { month: '2026-04', repeat: false, violenceForms: ['psychological', 'physical'] },
    { month: '2026-05', repeat: false, violenceForms: [] },
  ],
};

let counter = 0;
const keys = () => `k${String(++counter).padStart(3, '0')}`;

describe('buildEvaluationRows', () => {
  it('writes one Trygga hem case column by column, with months and codes only', () => {
    const { rows } = buildEvaluationRows(Array(5).fill(tryggaHem), keys);
    expect(rows).toHaveLength(5);
    expect(Object.keys(rows[0])).toEqual([...EVALUATION_EXPORT_COLUMNS]);
    expect({ ...rows[0], case_key: 'x' }).toEqual({
      case_key: 'x',
      programme: 'TRYGGA_HEM',
      area: '1880',
      area_level: 'municipality',
      period_opened: '2026-03',
      period_level: 'month',
      month_closed: '2026-09',
      priority_history: '2026-03:B;2026-05:D',
      priority_latest: 'D',
      risk_levels: 'municipality:low;police:high',
      notifications: 2,
      offers: 3,
      offers_taken_up: 2,
      offer_outcomes: 'treatment_programme:accepted;counselling:declined;housing:completed',
      control_measures: '2026-04:kontaktforbud',
      incidents_by_month: '2026-04:1;2026-05:2',
      incidents: 3,
      repeat_incidents: 1,
      violence_forms: 'physical;psychological',
      sip_violence_related: '',
      sip_need_identified_month: '',
      sip_kallelse_month: '',
      sip_first_agreed_plan_month: '',
    });
  });

  it('writes a SIP case’s milestones as months', () => {
    const sip: CaseFacts = {
      ...base,
      programme: 'SIP',
      sip: {
        violenceRelated: true,
        violenceForms: ['economic'],
        needIdentifiedMonth: '2026-02',
        kallelseMonth: '2026-03',
        firstAgreedPlanMonth: null,
      },
    };
    const { rows } = buildEvaluationRows(Array(5).fill(sip), keys);
    expect(rows[0]).toMatchObject({
      programme: 'SIP',
      sip_violence_related: 'true',
      violence_forms: 'economic',
      sip_need_identified_month: '2026-02',
      sip_kallelse_month: '2026-03',
      sip_first_agreed_plan_month: '',
      priority_history: '',
      incidents: 0,
    });
  });

  it('generalises and leaves out by the k-anonymity rule, keys unique, ordered by key', () => {
    const facts = [
      ...Array<CaseFacts>(3).fill(base),
      ...Array<CaseFacts>(2).fill({ ...base, municipalityCode: '1881' }),
      { ...base, programme: 'SIP' },
    ];
    const random = ['f', 'a', 'c', 'e', 'b', 'd'];
    const result = buildEvaluationRows(facts, () => random.shift() as string);
    expect(result.rowsGeneralised).toBe(5);
    expect(result.rowsLeftOut).toBe(1);
    expect(result.rows.map((r) => [r.case_key, r.area, r.area_level])).toEqual([
      ['a', '18', 'county'],
      ['b', '18', 'county'],
      ['c', '18', 'county'],
      ['e', '18', 'county'],
      ['f', '18', 'county'],
    ]);
  });

  it('writes CSV with the header, the rows and a summary section, and JSON with the same', () => {
    const { rows } = buildEvaluationRows(Array(5).fill(tryggaHem), keys);
    const summary = {
      madeInMonth: '2026-12',
      programmes: ['TRYGGA_HEM'],
      from: '2026-01',
      to: '2026-12',
      municipalityCodes: [],
      k: 5,
      casesSelected: 6,
      rowsPublished: 5,
      rowsGeneralised: 0,
      rowsLeftOut: 1,
    };
    const lines = evaluationCsv(rows, summary).split('\r\n');
    expect(lines[0]).toBe(EVALUATION_EXPORT_COLUMNS.join(','));
    expect(lines[1].split(',')).toHaveLength(EVALUATION_EXPORT_COLUMNS.length);
    expect(lines.slice(6)).toEqual([
      '',
      'summary,value',
      'made_in_month,2026-12',
      'programmes,TRYGGA_HEM',
      'period_from,2026-01',
      'period_to,2026-12',
      'municipality_codes,',
      'k,5',
      'cases_selected,6',
      'rows_published,5',
      'rows_generalised,0',
      'rows_left_out,1',
      '',
    ]);
    const empty = evaluationCsv([], { ...summary, rowsPublished: 0, casesSelected: 0 });
    expect(empty.split('\r\n').slice(0, 3)).toEqual([
      EVALUATION_EXPORT_COLUMNS.join(','),
      '',
      'summary,value',
    ]);
    const json = JSON.parse(evaluationJson(rows, summary)) as { rows: unknown[]; summary: unknown };
    expect(json.rows).toHaveLength(5);
    expect(json.summary).toEqual(summary);
  });
});
