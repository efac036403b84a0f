// fhir-read and fhir-search (performance.md) over N stored claims (BENCH_CLAIMS, default 100,000).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startFhirWorld } from '../lib/fhir-fixture.ts';
import { explainSearch, SEARCH } from '../lib/search-explain.ts';
import type { Scenario } from '../run.ts';

const claims = Number(process.env.BENCH_CLAIMS ?? 100_000);

async function explain(databaseUrl: string): Promise<void> {
  const text = await explainSearch(databaseUrl, SEARCH);
  writeFileSync(
    resolve(import.meta.dirname, '../results/explain-fhir-search.txt'),
    `${SEARCH}\n(${claims} claims)\n\n${text}\n`,
  );
}

function scenario(name: string, path: (world: { base: string }) => string, withExplain: boolean): Scenario {
  return {
    name,
    async setup() {
      const world = await startFhirWorld(claims);
      if (withExplain) await explain(world.databaseUrl);
      return {
        load: {
          url: `${world.base}/${path(world)}`,
          headers: { authorization: `Bearer ${world.token}`, accept: 'application/fhir+json' },
        },
        database: `postgresql, ${claims} claims`,
        memory: world.memory,
        pids: world.pids,
        sameWork: world.sameWork,
        stop: world.stop,
      };
    },
  };
}

const SHARED_TWPAS = resolve(import.meta.dirname, '../../../shared/twpas');

/**
 * POST the official 28-entry request Bundle (../shared/twpas/examples/Bundle-bun-1.json), as a hospital
 * does: as a plain start validates it (the built-in TWPAS rules and the bundled guide's, in its worker
 * threads), or with the built-in rules alone (FHIR_GUIDE_VALIDATION=off).
 */
function bundleSubmit(name: string, withGuide: boolean): Scenario {
  return {
    name,
    async setup() {
      const body = readFileSync(resolve(SHARED_TWPAS, 'examples/Bundle-bun-1.json'), 'utf8');
      const world = await startFhirWorld(0, withGuide ? {} : { env: { FHIR_GUIDE_VALIDATION: 'off' } });
      return {
        load: {
          url: `${world.base}/Bundle`,
          method: 'POST',
          headers: {
            authorization: `Bearer ${world.token}`,
            'content-type': 'application/fhir+json',
            accept: 'application/fhir+json',
          },
          body,
        },
        // The settings, not the layers: a checkout before the guide shipped has the built-in rules only.
        database: withGuide ? 'postgresql, plain start' : 'postgresql, FHIR_GUIDE_VALIDATION=off',
        memory: world.memory,
        pids: world.pids,
        sameWork: world.sameWork,
        stop: world.stop,
      };
    },
  };
}

export const scenarios: Scenario[] = [
  scenario('fhir-read', () => 'ClaimResponse/br-4242', false),
  scenario('fhir-search', () => SEARCH, true),
  bundleSubmit('bundle-submit', true),
  bundleSubmit('bundle-submit-builtin', false),
];
