import { describe, expect, it } from 'vitest';
import { runAtFixedRate } from './fixed-rate.ts';

/** A clock that moves only when the scheduler sleeps. */
function virtualClock() {
  let time = 0;
  return {
    now: () => time,
    sleep: async (ms: number) => {
      time += ms;
    },
  };
}

describe('runAtFixedRate', () => {
  it('starts rate × duration flows, each at its own time', async () => {
    const clock = virtualClock();
    const startedAt: number[] = [];
    const outcome = await runAtFixedRate({
      ratePerSecond: 10,
      durationMs: 1000,
      maxInFlight: 100,
      ...clock,
      run: async () => {
        startedAt.push(clock.now());
      },
    });
    expect(startedAt).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(outcome).toEqual({ started: 10, completed: 10, failed: 0, skipped: 0, failures: [] });
  });

  it('counts failures and keeps their messages', async () => {
    const outcome = await runAtFixedRate({
      ratePerSecond: 4,
      durationMs: 1000,
      maxInFlight: 100,
      ...virtualClock(),
      run: async (index) => {
        if (index % 2 === 1) throw new Error(`flow ${index} refused`);
      },
    });
    expect(outcome).toMatchObject({ started: 4, completed: 2, failed: 2 });
    expect(outcome.failures).toEqual(['flow 1 refused', 'flow 3 refused']);
  });

  it('skips starts while maxInFlight flows are still running, and waits for them at the end', async () => {
    const release: (() => void)[] = [];
    const running = runAtFixedRate({
      ratePerSecond: 10,
      durationMs: 1000,
      maxInFlight: 3,
      ...virtualClock(),
      run: () => new Promise<void>((done) => release.push(done)),
    });
    await new Promise((done) => setTimeout(done, 10));
    expect(release).toHaveLength(3);
    for (const done of release) done();
    expect(await running).toEqual({ started: 3, completed: 3, failed: 0, skipped: 7, failures: [] });
  });
});
