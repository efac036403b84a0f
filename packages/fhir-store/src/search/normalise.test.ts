import { describe, expect, it } from 'vitest';
import { normaliseSearchString, SEARCH_STRING_MAX_LENGTH, searchStringValue } from './normalise.ts';

describe('normaliseSearchString', () => {
  it.each([
    ['lowercases Latin letters', 'Chen', 'chen'],
    ['removes accents after decomposing', 'José Müller-Ñúñez', 'jose muller-nunez'],
    ['maps full-width letters and punctuation to ASCII', 'ＣＨＥＮ　Ｔａ－ｍｉｎｇ', 'chen ta-ming'],
    ['collapses and trims whitespace of every kind', '  Wang \t\n Da  Ming ', 'wang da ming'],
    ['keeps Chinese characters as they are', '王大明', '王大明'],
    [
      'keeps Chinese text mixed with Latin, lowercasing only the Latin',
      '臺北市 Zhongzheng 區',
      '臺北市 zhongzheng 區',
    ],
    ['maps CJK compatibility ideographs to the unified ones', '\uF900', '豈'],
    ['turns a dotted capital I into a plain i', 'İstanbul', 'istanbul'],
    ['gives an empty string for whitespace only', ' \u3000 ', ''],
  ])('%s', (_name, input, expected) => {
    expect(normaliseSearchString(input)).toBe(expected);
  });
});

describe('searchStringValue', () => {
  it('cuts a long value to the maximum length in code points, never inside a surrogate pair', () => {
    const value = searchStringValue('𠀋'.repeat(SEARCH_STRING_MAX_LENGTH + 5));
    expect(Array.from(value)).toHaveLength(SEARCH_STRING_MAX_LENGTH);
    expect(value).toBe('𠀋'.repeat(SEARCH_STRING_MAX_LENGTH));
  });

  it('leaves a short value as the normaliser gives it', () => {
    expect(searchStringValue(' Dà Míng ')).toBe('da ming');
  });
});
