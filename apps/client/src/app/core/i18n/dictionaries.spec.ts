import { ErrorCode } from '@samsyn/common';
import { en } from './en';
import { DICTIONARIES, translate } from './dictionaries';
import { sv } from './sv';
import {
  LOCALE_NAMES,
  interpolate,
  isLocale,
  loadDictionary,
  pluralCategory,
  resolveKey,
} from './translate';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have exactly the same keys in Swedish and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
  });

  it.each(Object.entries(DICTIONARIES))(
    '%s has no empty or untrimmed texts',
    (_locale, dictionary) => {
      for (const [key, text] of Object.entries(dictionary)) {
        expect({ key, text: text.trim() }).toEqual({ key, text });
        expect(text.length).toBeGreaterThan(0);
      }
    },
  );

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(sv) as (keyof typeof sv)[]) {
      expect({ key, names: placeholders(en[key]) }).toEqual({ key, names: placeholders(sv[key]) });
    }
  });

  it('give every plural text `.one` and `.other` variants and no plain text under its base', () => {
    const keys = new Set(Object.keys(sv));
    const bases = [...keys].filter((key) => key.endsWith('.one')).map((key) => key.slice(0, -4));
    expect(bases.length).toBeGreaterThan(10);
    for (const base of bases) {
      expect({ base, other: keys.has(`${base}.other`), plain: keys.has(base) }).toEqual({
        base,
        other: true,
        plain: false,
      });
      for (const [locale, dictionary] of Object.entries(DICTIONARIES)) {
        // The number itself is shown in the general case.
        expect({ locale, base, text: dictionary[`${base}.other` as keyof typeof sv] }).toEqual({
          locale,
          base,
          text: expect.stringContaining('{count}'),
        });
      }
    }
  });

  it('leave a text untranslated in English only when it reads the same in both languages', () => {
    // Names and words that English readers read as they are (the glossary's terms are
    // explained in English where they stand alone, e.g. "Principal (huvudman)").
    const sameInBoth = new Set([
      'Samsyn',
      'SIP',
      'Trygga hem',
      'Version',
      'Version {n}',
      'Organisation',
      'Start',
      'Period',
      'Status',
      'Text',
      'Region',
      'Person',
      'Team',
      'Journal',
      'Form',
      'Plan',
      'Risk',
      'Instrument',
      'Personnummer',
      'Samordningsnummer',
      'FREDA',
      'SARA:SV',
      'PATRIARK',
      'B-SAFER',
      'OSL 10 kap. 18 c §',
      'OSL 10 kap. 2 §',
      'OSL 10 kap. 21–23 §§',
    ]);
    const untranslated = Object.keys(sv)
      .map((key) => key as keyof typeof sv)
      .filter((key) => en[key] === sv[key] && !sameInBoth.has(sv[key]))
      // Frames that only arrange other texts ("{total}, {unread}") have no words of their own.
      .filter((key) => /\p{L}/u.test(sv[key].replace(/\{\w+\}/g, '')))
      .map((key) => `${key}: ${sv[key]}`);
    expect(untranslated).toEqual([]);
  });

  it('translate every error code the API can send', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(sv).toHaveProperty([`error.${code}`]);
    }
  });

  it('name each language in that language', () => {
    expect(LOCALE_NAMES).toEqual({ sv: 'Svenska', en: 'English' });
  });
});

describe('translate', () => {
  it('looks up the text in the chosen language', () => {
    expect(translate('sv', 'nav.cases')).toBe('Mina ärenden');
    expect(translate('en', 'nav.cases')).toBe('My cases');
  });
});

describe('plurals', () => {
  it.each([
    ['sv', 0, 'other'],
    ['sv', 1, 'one'],
    ['sv', 2, 'other'],
    ['sv', 5, 'other'],
    ['en', 0, 'other'],
    ['en', 1, 'one'],
    ['en', 2, 'other'],
    ['en', 5, 'other'],
  ] as const)('%s: %p is %p', (locale, count, category) => {
    expect(pluralCategory(locale, count)).toBe(category);
  });

  it.each([
    ['sv', 0, '0 ärenden hittades.'],
    ['sv', 1, '1 ärende hittades.'],
    ['sv', 2, '2 ärenden hittades.'],
    ['sv', 5, '5 ärenden hittades.'],
    ['en', 0, '0 cases found.'],
    ['en', 1, '1 case found.'],
    ['en', 2, '2 cases found.'],
    ['en', 5, '5 cases found.'],
  ] as const)('%s, %p: %p', (locale, count, text) => {
    expect(translate(locale, 'cases.resultCount', { count })).toBe(text);
  });

  it('agrees the noun with the count in both languages', () => {
    expect(translate('sv', 'th.group.itemCount', { count: 1 })).toBe('1 ärende på dagordningen');
    expect(translate('sv', 'th.group.itemCount', { count: 3 })).toBe('3 ärenden på dagordningen');
    expect(translate('sv', 'sip.timeline.overlaps', { count: 1 })).toBe(
      '1 överlappning mellan olika aktörers insatser.',
    );
    expect(translate('en', 'agreements.days', { count: 1 })).toBe('1 day');
    expect(translate('en', 'agreements.days', { count: 14 })).toBe('14 days');
    expect(translate('sv', 'notifications.bell', { count: 1 })).toBe('Aviseringar, 1 oläst');
    expect(translate('sv', 'notifications.bell', { count: 2 })).toBe('Aviseringar, 2 olästa');
  });

  it('composes texts with two counts from one plural text each', () => {
    const summary = (locale: 'sv' | 'en', total: number, pending: number) =>
      translate(locale, 'sip.inbox.summary', {
        total: translate(locale, 'sip.inbox.total', { count: total }),
        pending: translate(locale, 'sip.inbox.pending', { count: pending }),
      });
    expect(summary('sv', 1, 1)).toBe('1 inbjudan, 1 obesvarad');
    expect(summary('sv', 5, 2)).toBe('5 inbjudningar, 2 obesvarade');
    expect(summary('en', 1, 0)).toBe('1 invitation, 0 unanswered');
  });

  it('accepts a numeric string and falls back to `.other` without a usable count', () => {
    expect(translate('sv', 'cases.resultCount', { count: '1' })).toBe('1 ärende hittades.');
    expect(resolveKey('sv', 'cases.resultCount')).toBe('cases.resultCount.other');
    expect(resolveKey('en', 'cases.resultCount', { count: 'x' })).toBe('cases.resultCount.other');
  });

  it('leaves plain keys alone, whatever the count', () => {
    expect(resolveKey('sv', 'cases.tableCaption', { count: 1 })).toBe('cases.tableCaption');
  });
});

describe('interpolate', () => {
  it('fills named placeholders, including repeated ones and numbers', () => {
    expect(interpolate('{a} och {b}, {a}', { a: 'x', b: 2 })).toBe('x och 2, x');
  });

  it('leaves unknown placeholders visible and text without params unchanged', () => {
    expect(interpolate('Hej {name}', {})).toBe('Hej {name}');
    expect(interpolate('Hej {name}')).toBe('Hej {name}');
  });

  it('does not treat inherited properties as params', () => {
    expect(interpolate('{toString}', {})).toBe('{toString}');
  });
});

describe('isLocale', () => {
  it.each([
    ['sv', true],
    ['en', true],
    ['de', false],
    [null, false],
    [undefined, false],
  ])('%p → %p', (value, expected) => {
    expect(isLocale(value)).toBe(expected);
  });
});

describe('loadDictionary', () => {
  it('gives the Swedish texts and fetches the English ones (a chunk of their own)', async () => {
    await expect(loadDictionary('sv')).resolves.toBe(sv);
    await expect(loadDictionary('en')).resolves.toBe(en);
  });
});
