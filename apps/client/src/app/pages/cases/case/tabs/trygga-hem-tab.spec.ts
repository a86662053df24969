import {
  type RiskAssessmentDto,
  OrganisationType,
  RiskInstrument,
  RiskLevel,
} from '@samsyn/common';
import { groupAssessments } from './trygga-hem-tab';

const assessment = (
  id: string,
  org: string,
  instrument: RiskInstrument,
  assessedOn: string,
): RiskAssessmentDto => ({
  id,
  organisation: {
    id: org,
    name: org === 'o1' ? 'Polisen' : 'Socialtjänsten',
    type: OrganisationType.Municipality,
  },
  instrument,
  instrumentName: null,
  instrumentVersion: null,
  assessedOn,
  assessor: { id: 'u', displayName: 'U' },
  level: RiskLevel.Medium,
  reviewOn: '2026-12-01',
  reviewDue: false,
  reassessmentRequestedAt: null,
  current: false,
  summary: null,
});

describe('groupAssessments (D5: never merged across agencies or instruments)', () => {
  it('keeps each agency and instrument apart, newest first', () => {
    const groups = groupAssessments([
      assessment('a', 'o1', RiskInstrument.Patriark, '2026-01-01'),
      assessment('b', 'o2', RiskInstrument.Freda, '2026-02-01'),
      assessment('c', 'o1', RiskInstrument.Patriark, '2026-03-01'),
      assessment('d', 'o1', RiskInstrument.SaraSv, '2026-01-15'),
    ]);
    expect(groups.map((g) => [g.organisationName, g.assessments.map((a) => a.id)])).toEqual([
      ['Polisen', ['c', 'a']],
      ['Polisen', ['d']],
      ['Socialtjänsten', ['b']],
    ]);
  });

  it('is empty for no assessments', () => {
    expect(groupAssessments([])).toEqual([]);
  });
});
