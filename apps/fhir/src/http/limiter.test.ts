import { describe, expect, it } from 'vitest';
import { createLimiter } from './limiter.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

function gate(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('createLimiter', () => {
  it('runs at most `limit` tasks at once and the rest in arrival order', async () => {
    const limiter = createLimiter(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, gate);
    const tasks = gates.map((gate, n) =>
      limiter.run(async () => {
        started.push(n);
        running += 1;
        most = Math.max(most, running);
        await gate.promise;
        running -= 1;
        return n;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect([limiter.active, limiter.waiting]).toEqual([2, 3]);
    gates[1]?.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect([limiter.active, limiter.waiting]).toEqual([0, 0]);
  });

  it('gives the place of a failed task to the next one', async () => {
    const limiter = createLimiter(1);
    const failed = limiter.run(async () => {
      throw new Error('bad Bundle');
    });
    const next = limiter.run(async () => 'next');
    await expect(failed).rejects.toThrow('bad Bundle');
    expect(await next).toBe('next');
    expect(limiter.active).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => createLimiter(0)).toThrow(/limit of 1 or more/);
  });
});

describe('createLimiter.acquire', () => {
  it('holds a place until released, once, however often release is called', async () => {
    const limiter = createLimiter(1);
    const release = await limiter.acquire();
    let second = false;
    const next = limiter.acquire().then((done) => {
      second = true;
      return done;
    });
    await tick();
    expect(second).toBe(false);
    release();
    release();
    (await next)();
    expect([limiter.active, limiter.waiting]).toEqual([0, 0]);
  });
});
