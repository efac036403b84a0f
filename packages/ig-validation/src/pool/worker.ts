/**
 * A worker thread of the guide pool (guide-pool.ts): lowers its own scheduling priority, loads the
 * guide's packages once, when the thread starts, then answers GuideTasks. A package that cannot be read
 * fails every task with the reason, so the pool's start-up check reports it.
 */
import { getPriority, setPriority } from 'node:os';
import { threadId } from 'node:worker_threads';
import { workerData } from 'piscina';
import { type ImplementationGuide, loadImplementationGuide } from '../guide.ts';
import { type GuideTask, runGuideTask } from './tasks.ts';

const { paths, niceIncrement } = workerData as { paths: string[]; niceIncrement: number };

// On Linux a thread's nice value is its own (setpriority with 0 means the calling thread), so the
// event loop keeps its share of the cores when Bundles queue for validation. Lowering one's priority
// needs no privilege; where the system refuses, the thread keeps the process's.
try {
  setPriority(0, Math.min(19, getPriority(0) + niceIncrement));
} catch {
  // the thread runs at the process's priority
}

let guide: ImplementationGuide | undefined;
let failure: unknown;
try {
  guide = loadImplementationGuide(paths);
} catch (error) {
  failure = error;
}

export default function handle(task: GuideTask) {
  if (!guide) throw failure;
  return runGuideTask(guide, task, threadId);
}
