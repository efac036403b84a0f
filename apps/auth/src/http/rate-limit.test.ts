import { describe, expect, it } from 'vitest';
import { TokenRateLimiter } from './rate-limit.ts';

describe('the token endpoint rate limit', () => {
  it('lets a client spend its budget, then refuses with 429 until time refills it', () => {
    let now = 0;
    const limiter = new TokenRateLimiter(3, () => now);
    for (let i = 0; i < 3; i += 1) limiter.consume('a');
    expect(() => limiter.consume('a')).toThrow(
      expect.objectContaining({ statusCode: 429, error: 'invalid_request' }),
    );
    now += 20_000; // a third of a minute brings back one request
    expect(() => limiter.consume('a')).not.toThrow();
    expect(() => limiter.consume('a')).toThrow();
  });

  it('keeps one budget per client', () => {
    const limiter = new TokenRateLimiter(1, () => 0);
    limiter.consume('a');
    expect(() => limiter.consume('b')).not.toThrow();
    expect(() => limiter.consume('a')).toThrow();
  });
});
