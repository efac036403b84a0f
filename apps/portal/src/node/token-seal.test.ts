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
    // One bit of the ciphertext itself: a changed last character of base64url text can alter only its
    // padding bits and decode to the same bytes.
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    const flipped = body.toString('base64url');
    expect(flipped).not.toBe(parts[3]);
    expect(unseal('secret-one', [parts[0], parts[1], parts[2], flipped].join('.'))).toBeNull();
    expect(unseal('secret-one', 'not-sealed')).toBeNull();
  });

  it('seal the same tokens differently each time', () => {
    expect(seal('s', tokens)).not.toBe(seal('s', tokens));
  });
});
