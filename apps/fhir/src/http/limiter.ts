/**
 * At most `limit` holders at a time; the rest wait their turn in arrival order. A submitted Bundle is
 * parsed, validated and copied several times over while it is handled, so the number handled at once is
 * what bounds the process's memory; waiting ones are not refused, their bodies stay unread until then.
 */
export interface Limiter {
  /** Waits for a place; call the returned function (once) to give it up. */
  acquire(): Promise<() => void>;
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Places taken now. */
  readonly active: number;
  /** Callers waiting for a place. */
  readonly waiting: number;
}

export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`a limiter needs a limit of 1 or more, got ${limit}`);
  let active = 0;
  const queue: (() => void)[] = [];
  function release(): void {
    // A leaving holder hands its place straight to the next one, so `active` stays the same.
    const next = queue.shift();
    if (next) next();
    else active -= 1;
  }
  async function acquire(): Promise<() => void> {
    if (active < limit) active += 1;
    else await new Promise<void>((resolve) => queue.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  }
  return {
    acquire,
    async run<T>(task: () => Promise<T>): Promise<T> {
      const done = await acquire();
      try {
        return await task();
      } finally {
        done();
      }
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}
