import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './oidc.ts';

describe('safeReturnPath', () => {
  it('keeps a path of the portal', () => {
    expect(safeReturnPath('/developer/apps?tab=2')).toBe('/developer/apps?tab=2');
  });

  it('refuses anything that would leave the portal', () => {
    for (const value of [
      'https://evil.example',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      '/\t/evil.example.com',
      '/%09/evil.example.com'.replace('%09', '\t'),
      '/\n/evil.example.com',
      '/\r\n/evil.example.com',
      '/ /evil.example.com',
      '/x\\..\\..\\evil',
      `/${'a'.repeat(3000)}`,
      '',
      null,
    ]) {
      expect(safeReturnPath(value)).toBe('/');
    }
  });

  it('percent-encodes what it keeps, so a Location header carries only ASCII', () => {
    expect(safeReturnPath('/apps/診所?q=藥')).toBe('/apps/%E8%A8%BA%E6%89%80?q=%E8%97%A5');
    expect(safeReturnPath('/a/../b?x=1#top')).toBe('/b?x=1#top');
  });
});
