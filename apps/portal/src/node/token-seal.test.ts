import { describe, expect, it } from 'vitest';
import { seal, unseal } from './token-seal.ts';

describe('sealed session tokens', () => {
  const tokens = { access: 'eyJ.access', refresh: 'r-123' };

  it('open with the same secret and hide the tokens from a database reader', () => {
    const sealed = seal('secret-one', tokens);
    expect(sealed).not.toContain('access');
    expect(sealed).not.toContain('r-123');
    expect(unseal('secret-one', sealed)).toEqual(tokens);
  });

  it('do not open with another secret, nor after any change', () => {
    const sealed = seal('secret-one', tokens);
    expect(unseal('secret-two', sealed)).toBeNull();
    const parts = sealed.split('.');
    const body = parts[3] ?? '';
    const flipped = `${body.slice(0, -1)}${body.endsWith('A') ? 'B' : 'A'}`;
    expect(unseal('secret-one', [parts[0], parts[1], parts[2], flipped].join('.'))).toBeNull();
    expect(unseal('secret-one', 'not-sealed')).toBeNull();
  });

  it('seal the same tokens differently each time', () => {
    expect(seal('s', tokens)).not.toBe(seal('s', tokens));
  });
});
