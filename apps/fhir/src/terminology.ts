import type { GuideResources } from '@openpas/guide-package';
import { createTerminology, type Terminology } from '@openpas/terminology';
import type { Logger } from './logger.ts';

const built = new WeakMap<GuideResources, Terminology>();

/**
 * The terminology services over the loaded guides' CodeSystems and ValueSets, built once per process for
 * the same packages (test servers share them) and warmed at start: every code system's substring index
 * and every value set's composition are ready before the first request. The log says what it cost.
 */
export function terminologyFor(resources: GuideResources, logger: Logger): Terminology {
  let terminology = built.get(resources);
  if (terminology) return terminology;
  const started = performance.now();
  const rss = process.memoryUsage().rss;
  terminology = createTerminology([...resources.ofType('CodeSystem'), ...resources.ofType('ValueSet')]);
  terminology.warm();
  logger.info(
    {
      ...terminology.counts,
      ms: Math.round(performance.now() - started),
      rssMiB: Math.round((process.memoryUsage().rss - rss) / 2 ** 20),
    },
    'terminology loaded',
  );
  built.set(resources, terminology);
  return terminology;
}
