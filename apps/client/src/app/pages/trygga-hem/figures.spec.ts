import { countText } from './figures.page';

describe('countText (small-cell rule, D6)', () => {
  it('shows a hidden count as below the threshold', () => {
    expect(countText(null, 5)).toEqual({ shown: '<5', hidden: true });
  });

  it('shows zero and real counts as they are', () => {
    expect(countText(0, 5)).toEqual({ shown: '0', hidden: false });
    expect(countText(12, 5)).toEqual({ shown: '12', hidden: false });
  });
});
