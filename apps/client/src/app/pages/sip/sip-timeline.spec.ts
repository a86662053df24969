import {
  type SipMeasureDto,
  SipMeasureStatus,
  SipResponsibleKind,
  type SipTimelineDto,
} from '@samsyn/common';
import { layoutTimeline } from './sip-timeline';

const measure = (
  id: string,
  startDate: string,
  endDate: string | null,
  kind = SipResponsibleKind.Region,
): SipMeasureDto => ({
  id,
  description: `Insats ${id}`,
  responsibleKind: kind,
  organisation: null,
  unit: null,
  actorName: null,
  startDate,
  endDate,
  status: SipMeasureStatus.Planned,
});

describe('layoutTimeline (D12)', () => {
  it('has nothing to lay out without measures', () => {
    expect(layoutTimeline({ lanes: [], overlaps: [], from: null, to: null })).toBeNull();
  });

  it('puts every agency on one axis from the first start to the last end', () => {
    const timeline: SipTimelineDto = {
      lanes: [
        {
          key: 'region',
          label: 'Region Örebro län',
          responsibleKind: SipResponsibleKind.Region,
          measures: [measure('a', '2026-01-01', '2026-01-10')],
        },
        {
          key: 'kommun',
          label: 'Örebro kommun',
          responsibleKind: SipResponsibleKind.Municipality,
          measures: [measure('b', '2026-01-06', '2026-01-20', SipResponsibleKind.Municipality)],
        },
      ],
      overlaps: [{ measureIds: ['a', 'b'], from: '2026-01-06', to: '2026-01-10' }],
      from: '2026-01-01',
      to: '2026-01-20',
    };
    const layout = layoutTimeline(timeline)!;
    expect(layout.from).toBe('2026-01-01');
    expect(layout.to).toBe('2026-01-20');
    // 20 days on the axis: a starts at 0 and lasts 10 days, b starts on day 5 and lasts 15.
    expect(layout.lanes.map((l) => l.bars.map((b) => [b.offset, b.width]))).toEqual([
      [[0, 50]],
      [[25, 75]],
    ]);
    expect(layout.lanes[0].bars[0].overlapsWith).toEqual(['Insats b']);
    expect(layout.lanes[1].bars[0].overlapsWith).toEqual(['Insats a']);
    expect(layout.overlapCount).toBe(1);
    expect(layout.ticks).toEqual([{ date: '2026-01-01', offset: 0 }]);
  });

  it('runs open-ended measures to the end of an axis that reaches a month past the last date', () => {
    const timeline: SipTimelineDto = {
      lanes: [
        {
          key: 'actor:Försäkringskassan',
          label: 'Försäkringskassan',
          responsibleKind: SipResponsibleKind.Other,
          measures: [
            measure('a', '2026-01-31', '2026-02-09', SipResponsibleKind.Other),
            measure('b', '2026-02-09', null, SipResponsibleKind.Other),
          ],
        },
      ],
      overlaps: [],
      from: '2026-01-31',
      to: null,
    };
    const layout = layoutTimeline(timeline)!;
    // 2026-01-31 … 2026-02-09 is 10 days, plus 30 open days: a 40-day axis.
    expect(layout.to).toBe('2026-03-11');
    const [a, b] = layout.lanes[0].bars;
    expect([a.offset, a.width, a.openEnded]).toEqual([0, 25, false]);
    expect([b.offset, b.offset + b.width, b.openEnded]).toEqual([22.5, 100, true]);
    expect(layout.ticks.map((t) => t.date)).toEqual(['2026-02-01', '2026-03-01']);
    expect(b.overlapsWith).toEqual([]);
  });
});
