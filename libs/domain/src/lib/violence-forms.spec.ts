import { ViolenceForm } from '@samsyn/common';
import { sipViolenceForms } from './violence-forms';

describe('sipViolenceForms (D11, issue 15)', () => {
  const recorded = [ViolenceForm.Psychological];

  it('takes the forms given, in order, on a violence-related case', () => {
    expect(
      sipViolenceForms({
        violenceRelated: true,
        given: [ViolenceForm.Economic, ViolenceForm.Physical],
        recorded,
      }),
    ).toEqual([ViolenceForm.Physical, ViolenceForm.Economic]);
    expect(sipViolenceForms({ violenceRelated: true, given: [], recorded })).toEqual([]);
  });

  it('keeps the recorded forms when none are given', () => {
    expect(sipViolenceForms({ violenceRelated: true, given: undefined, recorded })).toEqual(
      recorded,
    );
  });

  it('clears them when the case is no longer violence-related', () => {
    expect(sipViolenceForms({ violenceRelated: false, given: undefined, recorded })).toEqual([]);
    expect(sipViolenceForms({ violenceRelated: false, given: [], recorded })).toEqual([]);
  });

  it('refuses forms on a case that is not violence-related', () => {
    expect(
      sipViolenceForms({ violenceRelated: false, given: [ViolenceForm.Sexual], recorded: [] }),
    ).toBe('notViolenceRelated');
  });
});
