import {
  type SipMeasureDto,
  SipMeasureStatus,
  type SipPlanDiffDto,
  SipResponsibleKind,
} from '@samsyn/common';
import { changedFields, diffRows } from './sip-diff';

const measure: SipMeasureDto = {
  id: 'm1',
  description: 'Boendestöd',
  responsibleKind: SipResponsibleKind.Municipality,
  organisation: { id: 'k', name: 'Örebro kommun' },
  unit: null,
  actorName: null,
  startDate: '2026-02-01',
  endDate: '2026-05-01',
  status: SipMeasureStatus.Planned,
};

const empty = { added: [], removed: [], changed: [] };

describe('changedFields', () => {
  it('names only the fields that differ, with both values', () => {
    expect(
      changedFields(measure, { ...measure, status: SipMeasureStatus.Ongoing, endDate: null }),
    ).toEqual([
      { field: 'endDate', before: '2026-05-01', after: null },
      { field: 'status', before: 'planned', after: 'ongoing' },
    ]);
    expect(changedFields(measure, measure)).toEqual([]);
  });

  it('sees when a goal stops being in the person’s own words', () => {
    expect(
      changedFields(
        { id: 'g', text: 'Eget boende', ownWords: true },
        {
          id: 'g',
          text: 'Eget boende',
          ownWords: false,
        },
      ),
    ).toEqual([{ field: 'ownWords', before: 'true', after: 'false' }]);
  });
});

describe('diffRows', () => {
  it('lists added, removed and changed items per section, then huvudansvar and follow-up', () => {
    const diff: SipPlanDiffDto = {
      from: { id: 'v1', number: 1 },
      to: { id: 'v2', number: 2 },
      needs: { ...empty, added: [{ id: 'n2', text: 'Arbete' }] },
      goals: empty,
      measures: {
        added: [],
        removed: [{ ...measure, id: 'm2', description: 'Påverkansprogram' }],
        changed: [
          { before: measure, after: { ...measure, status: SipMeasureStatus.Ongoing } },
          // A "change" without a visible difference is not listed.
          { before: measure, after: measure },
        ],
      },
      leadPrincipal: {
        before: { id: 'r', name: 'Region Örebro län' },
        after: { id: 'k', name: 'Örebro kommun' },
      },
      followUpDate: { before: '2026-03-01', after: '2026-06-01' },
    };
    expect(diffRows(diff).map((r) => [r.section, r.change, r.title, r.fields.length])).toEqual([
      ['needs', 'added', 'Arbete', 0],
      ['measures', 'removed', 'Påverkansprogram', 0],
      ['measures', 'changed', 'Boendestöd', 1],
      ['leadPrincipal', 'changed', 'Örebro kommun', 1],
      ['followUpDate', 'changed', '2026-06-01', 1],
    ]);
  });

  it('is empty when nothing changed', () => {
    expect(
      diffRows({
        from: null,
        to: { id: 'v1', number: 1 },
        needs: empty,
        goals: empty,
        measures: empty,
        leadPrincipal: null,
        followUpDate: null,
      }),
    ).toEqual([]);
  });
});
