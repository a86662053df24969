import {
  newSinceReview,
  previousValues,
  reassessmentStillCalledFor,
  repeatFlagAfterChange,
} from './trygga-hem';

const at = (iso: string) => new Date(iso);

describe('newSinceReview (the board’s new incidents)', () => {
  it('counts everything before the first review', () => {
    expect(newSinceReview({ occurredOn: '2025-01-01', recordedAt: at('2025-01-02') }, null)).toBe(
      true,
    );
  });

  it('counts an incident after the review day, or recorded after that day ended', () => {
    const review = '2025-03-10';
    expect(newSinceReview({ occurredOn: '2025-03-11', recordedAt: at('2025-03-11') }, review)).toBe(
      true,
    );
    // Older, but only recorded after the meeting: the group has not seen it.
    expect(
      newSinceReview({ occurredOn: '2025-03-01', recordedAt: at('2025-03-11T08:00:00Z') }, review),
    ).toBe(true);
    expect(
      newSinceReview({ occurredOn: '2025-03-10', recordedAt: at('2025-03-10T12:00:00Z') }, review),
    ).toBe(false);
  });
});

describe('repeatFlagAfterChange (issue 6 §4, D21)', () => {
  const repeat = { occurredOn: '2025-03-12', recordedAt: at('2025-03-12T09:00:00Z'), repeat: true };
  const first = { ...repeat, repeat: false };

  it('lowers the flag when the only repeat incident is removed', () => {
    expect(
      repeatFlagAfterChange({
        current: true,
        becameRepeat: false,
        remaining: [first],
        lastReviewedOn: '2025-03-10',
      }),
    ).toBe(false);
  });

  it('keeps the flag while another new repeat incident remains', () => {
    expect(
      repeatFlagAfterChange({
        current: true,
        becameRepeat: false,
        remaining: [first, repeat],
        lastReviewedOn: '2025-03-10',
      }),
    ).toBe(true);
  });

  it('keeps a reviewed-away flag down: a removal never raises it', () => {
    expect(
      repeatFlagAfterChange({
        current: false,
        becameRepeat: false,
        remaining: [repeat],
        lastReviewedOn: '2025-03-10',
      }),
    ).toBe(false);
  });

  it('raises the flag when a correction makes a new incident a repeat, not a reviewed one', () => {
    const facts = { current: false, becameRepeat: true, lastReviewedOn: '2025-03-10' };
    expect(repeatFlagAfterChange({ ...facts, remaining: [repeat] })).toBe(true);
    const reviewed = { occurredOn: '2025-03-01', recordedAt: at('2025-03-02'), repeat: true };
    expect(repeatFlagAfterChange({ ...facts, remaining: [reviewed] })).toBe(false);
  });
});

describe('reassessmentStillCalledFor (D5)', () => {
  const assessed = at('2025-03-01T10:00:00Z');

  it('stands while an incident recorded after the assessment remains', () => {
    expect(reassessmentStillCalledFor(assessed, [at('2025-03-05T10:00:00Z')])).toBe(true);
  });

  it('falls when only incidents from before the assessment remain, or none', () => {
    expect(reassessmentStillCalledFor(assessed, [at('2025-02-20T10:00:00Z')])).toBe(false);
    expect(reassessmentStillCalledFor(assessed, [])).toBe(false);
  });
});

describe('previousValues (D21)', () => {
  it('returns the earlier value of each changed field only', () => {
    expect(
      previousValues(
        { kind: 'letter', on: '2025-01-01', outcome: null },
        { kind: 'home_visit', on: '2025-01-01', outcome: 'Ej hemma' },
      ),
    ).toEqual({ kind: 'letter', outcome: null });
  });

  it('is empty when nothing changes', () => {
    expect(previousValues({ a: 'x', b: true }, { a: 'x', b: true })).toEqual({});
  });

  it('compares lists by their items, in order', () => {
    expect(
      previousValues({ forms: ['physical', 'digital'] }, { forms: ['physical', 'digital'] }),
    ).toEqual({});
    expect(previousValues({ forms: ['physical'] }, { forms: ['physical', 'digital'] })).toEqual({
      forms: ['physical'],
    });
    expect(
      previousValues({ forms: ['digital', 'physical'] }, { forms: ['physical', 'digital'] }),
    ).toEqual({ forms: ['digital', 'physical'] });
    expect(previousValues<string | readonly string[]>({ forms: [] }, { forms: '' })).toEqual({
      forms: [],
    });
  });
});
