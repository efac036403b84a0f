/**
 * At most `limit` tasks at a time; the rest wait their turn in arrival order. A submitted Bundle is
 * parsed, validated and copied several times over while it is handled, so the number handled at once is
 * what bounds the process's memory; waiting ones are not refused, their bodies stay unread until then.
 */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for their turn. */
  readonly waiting: number;
}

export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`a limiter needs a limit of 1 or more, got ${limit}`);
  let active = 0;
  const queue: (() => void)[] = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < limit) active += 1;
      // A finishing task hands its place straight to the next one, so `active` stays the same.
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await task();
      } finally {
        const next = queue.shift();
        if (next) next();
        else active -= 1;
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
