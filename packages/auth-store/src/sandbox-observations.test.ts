import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestOf, entropyBits } from './sandbox-observations.ts';

describe('the entropy estimate of a state', () => {
  it('puts 32 random bytes in base64url and a UUID above 122 bits', () => {
    expect(entropyBits(randomBytes(32).toString('base64url'))).toBeGreaterThanOrEqual(122);
    expect(entropyBits(randomBytes(16).toString('hex'))).toBeGreaterThanOrEqual(122);
    expect(entropyBits(randomUUID())).toBeGreaterThanOrEqual(122);
  });

  it('puts counters, words and repeated characters far below', () => {
    expect(entropyBits('')).toBe(0);
    expect(entropyBits('12345')).toBeLessThan(20);
    expect(entropyBits('state')).toBeLessThan(30);
    expect(entropyBits('a'.repeat(64))).toBeLessThan(70);
  });

  it('keeps codes and states as digests, never in clear', () => {
    expect(digestOf('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });
});
