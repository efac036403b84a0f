/**
 * The guide layer behind one interface, whichever thread runs it: a pool of worker threads
 * (startGuidePool), which keeps the event loop free while Bundles are validated, or the calling thread
 * (inThreadGuideValidator), for tools and tests.
 */
import { availableParallelism, getPriority } from 'node:os';
import { threadId } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { type ImplementationGuide, loadImplementationGuide } from '../guide.ts';
import type { ValidationIssue } from '../issue.ts';
import { type GuidePing, type GuideTask, runGuideTask } from './tasks.ts';

export interface GuideValidator {
  /** Threads validating (1 in the calling thread) */
  threads: number;
  /** Their nice value, the least of them (higher runs after the event loop) */
  threadPriority: number;
  /** A Bundle against the guide (validateWithGuide) */
  validateBundle(bundle: unknown): Promise<ValidationIssue[]>;
  /** One resource against `profile`, or the guide's profiles its meta.profile names (validateResourceAgainstGuide) */
  validateResource(resource: unknown, profile?: string): Promise<ValidationIssue[]>;
  /** Lets running validations finish, then stops the threads */
  close(): Promise<void>;
}

/** The guide layer in the calling thread. */
export function inThreadGuideValidator(guide: ImplementationGuide): GuideValidator {
  const run = async (task: GuideTask) => runGuideTask(guide, task, threadId) as ValidationIssue[];
  return {
    threads: 1,
    threadPriority: getPriority(0),
    validateBundle: (bundle) => run({ kind: 'bundle', bundle }),
    validateResource: (resource, profile) =>
      run(profile ? { kind: 'resource', resource, profile } : { kind: 'resource', resource }),
    close: async () => {},
  };
}

/**
 * Half the cores by default, at least one. A submission's other work (the event loop, PostgreSQL, the
 * collector's threads) needs about twice the guide's CPU: a thread per core left the guide threads
 * competing with it for every core, and on 2 cores measured 32 ms of the FHIR process's CPU a Bundle
 * against 24 ms with one thread (bench/README.md).
 */
export function defaultGuideThreads(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

/**
 * How much lower than the process the guide threads run by default: validation is the bulk of a
 * submission's CPU, and at equal priority it takes the cores from the event loop, which every other
 * request (and the submission's own writes) waits on.
 */
export const GUIDE_THREAD_NICE_INCREMENT = 10;

/**
 * The guide threads' young generation (V8's two semi-spaces and its new large-object space, 3 × the semi-space),
 * larger than V8's default (16 MiB semi-spaces on 64-bit): a Bundle's validation makes megabytes of
 * short-lived objects, and with room for several Bundles' worth most die before a scavenge would have
 * to copy them.
 */
export const GUIDE_THREAD_YOUNG_GENERATION_MB = 192;

/**
 * Starts `threads` worker threads that each load the FHIR packages at `paths` once (see
 * loadImplementationGuide), and resolves when every one has loaded them; rejects (the pool stopped)
 * when one cannot, so a wrong path stops a server at start-up. The threads run `niceIncrement` lower
 * than the process (GUIDE_THREAD_NICE_INCREMENT; 0 for the same priority).
 */
export async function startGuidePool(options: {
  paths: readonly string[];
  threads?: number;
  niceIncrement?: number;
}): Promise<GuideValidator> {
  const threads = Math.max(1, options.threads ?? defaultGuideThreads());
  const niceIncrement = options.niceIncrement ?? GUIDE_THREAD_NICE_INCREMENT;
  // Each thread that has loaded the guide, with its nice value.
  const loaded = new Map<number, number>();
  const pool = new Piscina({
    filename: new URL('./worker.ts', import.meta.url).href,
    workerData: { paths: [...options.paths], niceIncrement },
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    resourceLimits: { maxYoungGenerationSizeMb: GUIDE_THREAD_YOUNG_GENERATION_MB },
  });
  try {
    // Every thread loads the guide as it starts; the pool is handed out once each has answered, so the
    // first requests do not wait for a load. Pings go to the threads that are ready.
    const deadline = Date.now() + 120_000;
    while (loaded.size < threads) {
      if (Date.now() > deadline)
        throw new Error(`guide pool: ${loaded.size} of ${threads} threads loaded the guide in 120 s`);
      const pings = (await Promise.all(
        Array.from({ length: threads }, () => pool.run({ kind: 'ping' } satisfies GuideTask)),
      )) as GuidePing[];
      for (const ping of pings) loaded.set(ping.threadId, ping.priority);
      if (loaded.size < threads) await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } catch (error) {
    await pool.destroy();
    throw error;
  }
  let closed = false;
  const run = async (task: GuideTask) => {
    if (closed) throw new Error('the guide pool is closed');
    return (await pool.run(task)) as ValidationIssue[];
  };
  return {
    threads,
    // The highest any thread runs at (the least nice), so that one left at the process's shows.
    threadPriority: Math.min(...loaded.values()),
    validateBundle: (bundle) => run({ kind: 'bundle', bundle }),
    validateResource: (resource, profile) =>
      run(profile ? { kind: 'resource', resource, profile } : { kind: 'resource', resource }),
    close: async () => {
      closed = true;
      await pool.close();
    },
  };
}

/** Loads the guide in the calling thread (cached) and validates there. */
export function inThreadGuide(paths: readonly string[]): GuideValidator {
  return inThreadGuideValidator(loadImplementationGuide(paths));
}
