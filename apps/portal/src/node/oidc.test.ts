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
      '',
      null,
    ]) {
      expect(safeReturnPath(value)).toBe('/');
    }
  });
});
