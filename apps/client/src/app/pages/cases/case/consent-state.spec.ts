import type { ConsentDto, ConsentState } from '@samsyn/common';
import { translate } from '../../../core/i18n/dictionaries';
import { labelKey } from '../../../core/i18n/labels';
import { canSupersede, canWithdraw, consentTone, sortConsents } from './consent-state';

const STATES: ConsentState[] = ['active', 'pending', 'expired', 'withdrawn', 'superseded'];

const consent = (id: string, state: ConsentState, recordedAt: string) =>
  ({ id, state, recordedAt }) as ConsentDto;

describe('consent state', () => {
  it.each<[ConsentState, string, string]>([
    ['active', 'Gäller', 'In force'],
    ['pending', 'Ej börjat gälla', 'Not yet in force'],
    ['expired', 'Utgånget', 'Expired'],
    ['withdrawn', 'Återkallat', 'Withdrawn'],
    ['superseded', 'Ersatt', 'Superseded'],
  ])('names %s in words in both languages', (state, sv, en) => {
    const key = labelKey('consentState', state);
    expect(key).not.toBeNull();
    expect(translate('sv', key!)).toBe(sv);
    expect(translate('en', key!)).toBe(en);
  });

  it('gives every state a tone and unknown states a neutral one', () => {
    expect(STATES.map(consentTone)).toEqual(['positive', 'warning', 'muted', 'danger', 'muted']);
    expect(consentTone('something_new')).toBe('muted');
  });

  it('offers withdrawal only for consents in force or about to be', () => {
    expect(STATES.filter((state) => canWithdraw({ state }))).toEqual(['active', 'pending']);
  });

  it('offers to replace only the current record of a chain', () => {
    expect(STATES.filter((state) => canSupersede({ state }))).toEqual([
      'active',
      'pending',
      'expired',
    ]);
  });

  it('lists consents in force first, then newest first', () => {
    const sorted = sortConsents([
      consent('old-withdrawn', 'withdrawn', '2026-01-01T10:00:00Z'),
      consent('active', 'active', '2026-01-02T10:00:00Z'),
      consent('new-superseded', 'superseded', '2026-02-01T10:00:00Z'),
      consent('pending', 'pending', '2026-01-03T10:00:00Z'),
    ]);
    expect(sorted.map((c) => c.id)).toEqual([
      'active',
      'pending',
      'new-superseded',
      'old-withdrawn',
    ]);
  });
});
