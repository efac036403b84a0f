// review-queue (issue 13): the payer reviewer's queue — the FHIR search the portal's workbench makes for a
// page of open cases ordered by when the decision is due, with the Claims and hospitals included — over
// BENCH_QUEUE_CASES cases (default 100,000), as the payer's backend client (the payer sees every case).
import { hospitalReferencesOf, hospitalSearchPath, queueSearchPath } from '@openpas/api/review-queue';
import { startFhirWorld } from '../lib/fhir-fixture.ts';
import { fillQueue } from '../lib/queue-cases.ts';
import type { Scenario } from '../run.ts';

const cases = Number(process.env.BENCH_QUEUE_CASES ?? 100_000);
const PAYER_SCOPES = 'system/ClaimResponse.rs system/Claim.rs system/Organization.rs';

function queueScenario(name: string, filters: Parameters<typeof queueSearchPath>[0]): Scenario {
  return {
    name,
    async setup() {
      const filled = performance.now();
      const world = await startFhirWorld(0, {
        client: { nhiCode: 'A21030000I', scopes: PAYER_SCOPES },
        prepare: (url) => fillQueue(url, cases),
      });
      process.stderr.write(
        `bench: ${cases} cases ready in ${((performance.now() - filled) / 1000).toFixed(0)} s\n`,
      );
      // The workbench finds a filtered hospital's Organization first (one small search), then pages the queue.
      let requestors: string[] = [];
      if (filters.hospital) {
        const found = await fetch(`${world.base}/${hospitalSearchPath(filters.hospital)}`, {
          headers: { authorization: `Bearer ${world.token}`, accept: 'application/fhir+json' },
        });
        requestors = hospitalReferencesOf((await found.json()) as Parameters<typeof hospitalReferencesOf>[0]);
      }
      return {
        load: {
          url: `${world.base}/${queueSearchPath(filters, requestors)}`,
          headers: { authorization: `Bearer ${world.token}`, accept: 'application/fhir+json' },
        },
        database: `postgresql, ${cases} cases`,
        memory: world.memory,
        sameWork: world.sameWork,
        stop: world.stop,
      };
    },
  };
}

export const scenarios: Scenario[] = [
  queueScenario('review-queue', { status: 'open' }),
  queueScenario('review-queue-filtered', { status: 'open', hospital: '0131020016' }),
];
