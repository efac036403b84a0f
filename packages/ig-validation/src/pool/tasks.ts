/**
 * The work the guide layer does, as messages a worker thread can take: the same function answers in a
 * worker (worker.ts) and in the calling thread (inThreadGuideValidator), so both give the same issues.
 */
import { getPriority } from 'node:os';
import type { ImplementationGuide } from '../guide.ts';
import type { ValidationIssue } from '../issue.ts';
import { validateResourceAgainstGuide, validateWithGuide } from '../validate.ts';

/**
 * A task's resource travels to a worker thread as JSON text (`json`), parsed there: for the 97 kB
 * Bundle-bun-1, stringify 0.13 ms here and parse 0.15 ms there, against 0.30 ms for a structured clone of
 * the object (postMessage's), of which the event loop paid the serialising half or more.
 */
export type GuideTask =
  | { kind: 'bundle'; bundle: unknown }
  | { kind: 'bundle'; json: string }
  | { kind: 'resource'; resource: unknown; profile?: string }
  | { kind: 'resource'; json: string; profile?: string }
  | { kind: 'ping' };

/** The task for a worker thread: its resource as JSON text. */
export function asJsonTask(task: GuideTask): GuideTask {
  if (task.kind === 'bundle' && 'bundle' in task)
    return { kind: 'bundle', json: JSON.stringify(task.bundle) };
  if (task.kind === 'resource' && 'resource' in task) {
    const json = JSON.stringify(task.resource);
    return task.profile === undefined
      ? { kind: 'resource', json }
      : { kind: 'resource', json, profile: task.profile };
  }
  return task;
}

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
      return validateWithGuide('json' in task ? parsed(task.json) : task.bundle, guide);
    case 'resource':
      return validateResourceAgainstGuide(
        'json' in task ? parsed(task.json) : task.resource,
        guide,
        task.profile,
      );
    case 'ping':
      return { threadId, profiles: guide.profiles.size, priority: getPriority(0) };
  }
}

/** JSON.stringify of a value that is not JSON (undefined) gives undefined, sent as no text. */
function parsed(json: string | undefined): unknown {
  return json === undefined ? undefined : JSON.parse(json);
}
