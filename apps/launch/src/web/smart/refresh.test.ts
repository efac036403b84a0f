import { describe, expect, it } from 'vitest';
import { REFRESH_MARGIN_SECONDS, refreshDelay } from './refresh.ts';

describe('when the app refreshes its access token', () => {
  it('refreshes the margin before expiry for a token of five minutes', () => {
    expect(refreshDelay(1_000 + 300, 1_000)).toBe((300 - REFRESH_MARGIN_SECONDS) * 1000);
  });
  it('refreshes half-way through a token shorter than twice the margin', () => {
    expect(refreshDelay(1_000 + 40, 1_000)).toBe(20_000);
  });
  it('refreshes at once (after a second) when the token has already expired', () => {
    expect(refreshDelay(900, 1_000)).toBe(1_000);
  });
});
