import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('sandbox');
    expect(stored).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(await verifyPassword('sandbox', stored)).toBe(true);
    expect(await verifyPassword('Sandbox', stored)).toBe(false);
  });

  it('salts every hash, so equal passwords give different hashes', async () => {
    expect(await hashPassword('sandbox')).not.toBe(await hashPassword('sandbox'));
  });

  it.each([
    ['empty', ''],
    ['plain text', 'sandbox'],
    ['another scheme', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA'],
    ['short hash', '$scrypt$ln=15,r=8,p=1$c2FsdHNhbHRzYWx0$aGFzaA'],
  ])('never verifies a malformed stored hash (%s)', async (_name, stored) => {
    expect(await verifyPassword('sandbox', stored)).toBe(false);
  });
});
