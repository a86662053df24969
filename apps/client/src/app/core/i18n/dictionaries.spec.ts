import { ErrorCode } from '@samsyn/common';
import { en } from './en';
import { sv } from './sv';
import { DICTIONARIES, LOCALE_NAMES, interpolate, isLocale, translate } from './translate';

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
