/**
 * The work the guide layer does, as messages a worker thread can take: the same function answers in a
 * worker (worker.ts) and in the calling thread (inThreadGuideValidator), so both give the same issues.
 */
import { getPriority } from 'node:os';
import type { ImplementationGuide } from '../guide.ts';
import type { ValidationIssue } from '../issue.ts';
import { validateResourceAgainstGuide, validateWithGuide } from '../validate.ts';

/**
 * A task's resource travels to a worker thread as itself (postMessage's structured clone), not as JSON text:
 * a Bundle's text is one string, and Bundle-bun-1's (92,000 characters, some Chinese, so two bytes each) is
 * past V8's largest ordinary object (128 KiB). Such a string goes to the large-object space, whose memory
 * is mapped afresh for each one; on this 2-core VM that costs ~0.6 ms of page faults every time. Writing the
 * text and making the worker's copy of it took 1.2–1.4 ms of the process's CPU a Bundle, the structured
 * clone of the object (many small objects) 0.35–0.38 ms (a worker answering 400 Bundles each way).
 */
export type GuideTask =
  | { kind: 'bundle'; bundle: unknown }
  | { kind: 'resource'; resource: unknown; profile?: string }
  | { kind: 'ping' };

export interface GuidePing {
  threadId: number;
  profiles: number;
  /** The thread's nice value */
  priority: number;
}

export function runGuideTask(
  guide: ImplementationGuide,
  task: GuideTask,
  threadId: number,
): ValidationIssue[] | GuidePing {
  switch (task.kind) {
    case 'bundle':
      return validateWithGuide(task.bundle, guide);
    case 'resource':
      return validateResourceAgainstGuide(task.resource, guide, task.profile);
    case 'ping':
      return { threadId, profiles: guide.profiles.size, priority: getPriority(0) };
  }
}
