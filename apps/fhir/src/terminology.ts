import type { GuideResources } from '@openpas/guide-package';
import { createTerminology, type Terminology } from '@openpas/terminology';
import type { Logger } from './logger.ts';

/**
 * The terminology services over the loaded guides' CodeSystems and ValueSets, warmed at start: every code
 * system's substring index and every value set's composition are ready before the first request. The log
 * says what it cost.
 */
export function buildTerminology(resources: GuideResources, logger: Logger): Terminology {
  const started = performance.now();
  const rss = process.memoryUsage().rss;
  const terminology = createTerminology([...resources.ofType('CodeSystem'), ...resources.ofType('ValueSet')]);
  terminology.warm();
  logger.info(
    {
      ...terminology.counts,
      ms: Math.round(performance.now() - started),
      rssMiB: Math.round((process.memoryUsage().rss - rss) / 2 ** 20),
    },
    'terminology loaded',
  );
  return terminology;
}
