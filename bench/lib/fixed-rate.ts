// An open-loop load: a new flow starts every 1/rate seconds whether or not the earlier ones finished, so a
// slow server shows as latency (not as a politely lower rate). In-flight flows are capped; a start that
// would pass the cap is skipped and counted.

export interface FixedRateOptions {
  ratePerSecond: number;
  durationMs: number;
  maxInFlight: number;
  run(index: number): Promise<void>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface FixedRateOutcome {
  started: number;
  completed: number;
  failed: number;
  /** Starts not made because maxInFlight flows were still running */
  skipped: number;
  /** The first failures' messages */
  failures: string[];
}

const KEPT_FAILURES = 20;

export async function runAtFixedRate(options: FixedRateOptions): Promise<FixedRateOutcome> {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const interval = 1000 / options.ratePerSecond;
  const outcome: FixedRateOutcome = { started: 0, completed: 0, failed: 0, skipped: 0, failures: [] };
  const running = new Set<Promise<void>>();
  const start = now();
  for (let index = 0; index * interval < options.durationMs; index += 1) {
    // Each start is due at its own time from the beginning, so a late timer does not shift the rest.
    const wait = start + index * interval - now();
    if (wait > 0) await sleep(wait);
    if (running.size >= options.maxInFlight) {
      outcome.skipped += 1;
      continue;
    }
    outcome.started += 1;
    const flow: Promise<void> = options
      .run(index)
      .then(
        () => {
          outcome.completed += 1;
        },
        (error: unknown) => {
          outcome.failed += 1;
          if (outcome.failures.length < KEPT_FAILURES)
            outcome.failures.push(error instanceof Error ? error.message : String(error));
        },
      )
      .finally(() => running.delete(flow));
    running.add(flow);
  }
  await Promise.all(running);
  return outcome;
}
