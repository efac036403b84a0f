import { describe, expect, it } from 'vitest';
import { FIRST_POLL_MS, LAST_POLL_MS, pollDelay } from './backoff.ts';

describe('how often a case page asks for news', () => {
  it('starts every two seconds and doubles while nothing changes', () => {
    expect([0, 1, 2, 3].map(pollDelay)).toEqual([FIRST_POLL_MS, 4_000, 8_000, 16_000]);
  });
  it('never waits longer than a minute', () => {
    expect(pollDelay(20)).toBe(LAST_POLL_MS);
  });
});
