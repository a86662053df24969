import {
  FollowUpActivity,
  IndicatorId,
  type IndicatorTableDto,
  OrganisationType,
} from '@samsyn/common';
import { followUpReportCsv } from './follow-up-report-csv';
import { type FollowUpReport, indicatorBlocks } from './follow-up-report-model';
import { followUpReportPdf } from './follow-up-report-pdf';

const share = (year: string, cells: IndicatorTableDto['cells'][number], total: number | object) =>
  ({
    id: IndicatorId.SipShare,
    unit: 'count',
    rowKind: 'period',
    chart: 'bar',
    rows: [year],
    columns: ['with_sip', 'without_sip'],
    cells: [cells],
    rowTotals: [total],
  }) as IndicatorTableDto;

const forms = (physical: number, digital: number): IndicatorTableDto => ({
  id: IndicatorId.ViolenceForms,
  unit: 'count',
  rowKind: 'violence_form',
  chart: 'bar',
  rows: ['physical', 'digital'],
  columns: ['cases'],
  cells: [[physical], [digital]],
  rowTotals: null,
});

const days = (median: number | null): IndicatorTableDto => ({
  id: IndicatorId.SipDays,
  unit: 'days',
  rowKind: 'period',
  chart: 'line',
  rows: ['2025'],
  columns: ['to_summons', 'to_agreed_plan'],
  cells: [[median, null]],
  rowTotals: null,
});

function report(lang: 'sv' | 'en' = 'sv'): FollowUpReport {
  return {
    lang,
    year: 2025,
    yearThrough: '2025-12-31',
    yearOngoing: false,
    comparisonYear: 2024,
    madeOn: '2026-02-01',
    agreement: {
      id: 'a1',
      title: 'Överenskommelse om samverkan',
      kind: 'region_municipality',
      validFrom: '2024-03-01',
      validUntil: null,
      parties: [
        { id: 'o1', name: 'Region Örebro län', type: OrganisationType.Region },
        { id: 'o2', name: 'Örebro kommun', type: OrganisationType.Municipality },
      ],
      followUps: [
        { label: 'Uppföljning', dueOn: '2025-03-01', done: true, doneOn: '2025-03-02' },
        { label: 'Årlig uppföljning', dueOn: '2026-03-01', done: false, doneOn: null },
      ],
    },
    sipDeadlines: { summonsDaysAfterDischargeReady: 3, firstMeetingDaysAfterRequest: 14 },
    indicators: [
      {
        current: share('2025', [7, { hidden: 'small' }], { hidden: 'secondary' }),
        previous: share('2024', [12, 8], 20),
      },
      { current: days(2), previous: days(null) },
      { current: forms(21, 0), previous: forms(9, 0) },
    ],
    activity: [
      {
        partyId: 'o1',
        counts: {
          [FollowUpActivity.CasesOpened]: 0,
          [FollowUpActivity.CasesClosed]: 0,
          [FollowUpActivity.SipMeetingsCalled]: 6,
          [FollowUpActivity.SipPlansAgreed]: { hidden: 'small' },
        },
      },
      {
        partyId: 'o2',
        counts: {
          [FollowUpActivity.CasesOpened]: 13,
          [FollowUpActivity.CasesClosed]: { hidden: 'small' },
          [FollowUpActivity.SipMeetingsCalled]: 0,
          [FollowUpActivity.SipPlansAgreed]: 0,
        },
      },
    ],
  };
}

const blocksOf = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .replace(/\r\n$/, '')
    .split('\r\n\r\n')
    .map((b) => b.split('\r\n').map((l) => l.split(';')));

describe('the follow-up report', () => {
  it('puts each indicator beside last year, small counts as "< 5" and "x"', () => {
    const blocks = indicatorBlocks(report());
    expect(blocks[0]).toEqual({
      id: IndicatorId.SipShare,
      title: 'Våldsärenden med och utan SIP',
      header: ['Indikator', '2025', '2024'],
      lines: [
        ['Med SIP', '7', '12'],
        ['Utan SIP', '< 5', '8'],
        ['Totalt', 'x', '20'],
      ],
    });
    expect(blocks[1].lines).toEqual([
      ['Dagar till kallelse', '2', null],
      ['Dagar till överenskommen plan', null, null],
    ]);
    expect(blocks[2].header[0]).toBe('Våldsform');
    expect(blocks[2].lines).toEqual([
      ['Fysiskt våld', '21', '9'],
      ['Digitalt våld', '0', '0'],
    ]);
  });

  it('says a year not yet over runs to its last day counted', () => {
    const r = { ...report('en'), year: 2026, yearThrough: '2026-06-30', yearOngoing: true };
    expect(indicatorBlocks(r)[0].header).toEqual(['Indicator', '2026 to 2026-06-30', '2024']);
  });

  it('as CSV: every section, the figures as the blocks say, and an empty assessment', () => {
    const csv = followUpReportCsv(report());
    expect(csv.startsWith('\uFEFFUppföljningsrapport 2025\r\n')).toBe(true);
    const blocks = blocksOf(csv);
    const titled = (title: string) => {
      const found = blocks.find((b) => b[0][0] === title);
      if (!found) throw new Error(`no block ${title}`);
      return found;
    };
    expect(titled('Parter').slice(1)).toEqual([
      ['Organisation', 'Typ'],
      ['Region Örebro län', 'Region'],
      ['Örebro kommun', 'Kommun'],
    ]);
    expect(titled('Giltighet').slice(1)).toEqual([
      ['Gäller från', '2024-03-01'],
      ['Gäller till och med', 'tills vidare'],
    ]);
    expect(titled('Uppföljningsdatum').slice(2)).toEqual([
      ['Uppföljning', '2025-03-01', 'ja (2025-03-02)'],
      ['Årlig uppföljning', '2026-03-01', 'nej'],
    ]);
    expect(titled('Våldsärenden med och utan SIP').slice(1)).toEqual([
      ['Indikator', '2025', '2024'],
      ['Med SIP', '7', '12'],
      ['Utan SIP', '< 5', '8'],
      ['Totalt', 'x', '20'],
    ]);
    expect(
      titled('Dagar från identifierat behov till kallelse och överenskommen plan (median)')[2],
    ).toEqual(['Dagar till kallelse', '2', '']);
    expect(titled('Aktivitet per part').slice(1)).toEqual([
      [
        'Organisation',
        'Öppnade ärenden',
        'Avslutade ärenden',
        'Kallade SIP-möten',
        'Överenskomna SIP-planer',
      ],
      ['Region Örebro län', '0', '0', '6', '< 5'],
      ['Örebro kommun', '13', '< 5', '0', '0'],
    ]);
    expect(
      titled('Styrgruppens bedömning')
        .slice(1)
        .every((l) => l[1] === ''),
    ).toBe(true);
    expect(titled('Styrgruppens bedömning').length).toBeGreaterThan(2);
  });

  it('in English', () => {
    const blocks = blocksOf(followUpReportCsv(report('en')));
    expect(blocks[0][0]).toEqual(['Follow-up report 2025']);
    expect(blocks.map((b) => b[0][0])).toEqual(
      expect.arrayContaining([
        'Parties',
        'Validity',
        'Activity per party',
        "The steering group's assessment",
      ]),
    );
  });

  it('with nothing to report is still a whole file: headers, no figures', async () => {
    const empty: FollowUpReport = {
      ...report(),
      agreement: { ...report().agreement, followUps: [] },
      indicators: [],
      activity: [],
    };
    const blocks = blocksOf(followUpReportCsv(empty));
    expect(blocks.find((b) => b[0][0] === 'Aktivitet per part')?.length).toBe(2);
    const pdf = await followUpReportPdf(empty);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
