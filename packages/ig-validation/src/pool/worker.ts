/**
 * A worker thread of the guide pool (guide-pool.ts): loads the guide's packages once, when the thread
 * starts, then answers GuideTasks. A package that cannot be read fails every task with the reason, so
 * the pool's start-up check reports it.
 */
import { threadId } from 'node:worker_threads';
import { workerData } from 'piscina';
import { type ImplementationGuide, loadImplementationGuide } from '../guide.ts';
import { type GuideTask, runGuideTask } from './tasks.ts';

const { paths } = workerData as { paths: string[] };

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
