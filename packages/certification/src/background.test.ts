import { describe, expect, it } from 'vitest';
import { loggable } from './background.ts';

describe('what a failed run logs', () => {
  it('keeps no query string, fragment or second line of an error', () => {
    const error = new Error(
      'page.goto: net::ERR_ABORTED at http://127.0.0.1:4000/callback?code=SECRET&state=abc#x\nCall log: code=SECRET',
    );
    expect(loggable(error)).toBe('page.goto: net::ERR_ABORTED at http://127.0.0.1:4000/callback?…');
    expect(loggable('plain')).toBe('plain');
  });
});
