/**
 * The work the guide layer does, as messages a worker thread can take: the same function answers in a
 * worker (worker.ts) and in the calling thread (inThreadGuideValidator), so both give the same issues.
 */
import { getPriority } from 'node:os';
import type { ImplementationGuide } from '../guide.ts';
import type { ValidationIssue } from '../issue.ts';
import { validateResourceAgainstGuide, validateWithGuide } from '../validate.ts';

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
