import { describe, expect, it } from 'vitest';
import { pickLocale } from './locale.ts';

describe('pickLocale', () => {
  it('keeps the language a person chose with the switcher', () => {
    expect(pickLocale('en', 'zh-TW,zh;q=0.9')).toBe('en');
    expect(pickLocale('zh-TW', 'en-US')).toBe('zh-TW');
  });

  it('follows the browser when nothing was chosen, in its order of preference', () => {
    expect(pickLocale(undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(pickLocale(undefined, 'zh-Hant-TW,zh;q=0.9,en;q=0.8')).toBe('zh-TW');
    expect(pickLocale(undefined, 'fr-FR, en;q=0.5, zh-TW;q=0.7')).toBe('zh-TW');
    expect(pickLocale(undefined, 'ja, en;q=0.1')).toBe('en');
  });

  it('ignores an unknown cookie and languages it does not have, falling back to Traditional Chinese', () => {
    expect(pickLocale('de', 'de-DE')).toBe('zh-TW');
    expect(pickLocale(undefined, undefined)).toBe('zh-TW');
    expect(pickLocale(undefined, 'en;q=0')).toBe('zh-TW');
  });
});
