import { openTargetForSuite, testTargets } from '@openpas/db/testing';
import { describe, expect, it } from 'vitest';
import { PAIR_FREE_FAILURES, reserveAttempt } from './sign-in-throttle.ts';

const targets = await testTargets();

describe.each(targets)('the sign-in throttle under concurrency on $name', (target) => {
  const opened = openTargetForSuite(target);

  // Requests take their time when they arrive and then queue for the account's lock, so they are counted
  // in another order than they came: an earlier arrival counted after a later one must still be counted.
  it('counts the free attempts of concurrent requests whose clocks are out of order, five rounds', async () => {
    for (let round = 0; round < 5; round += 1) {
      const arrived = Date.now();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          reserveAttempt(
            opened.sql,
            { username: `racer-${round}`, source: { kind: 'address', id: '203.0.113.9' }, known: false },
            new Date(arrived + ((i * 7) % 10)),
          ),
        ),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(PAIR_FREE_FAILURES);
    }
  });
});
