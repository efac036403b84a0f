// expand (performance.md): ValueSet/$expand of the NHI medication list (45,036 codes) with a 4-letter filter,
// a page of 20 and the total, as a drug picker asks it. Any valid token may expand; the bench hospital's is used.
import { startFhirWorld } from '../lib/fhir-fixture.ts';
import type { Scenario } from '../run.ts';

const FILTER = process.env.BENCH_EXPAND_FILTER ?? 'tabl';
const PATH = `ValueSet/$expand?url=${encodeURIComponent('https://nhicore.nhi.gov.tw/pas/ValueSet/nhi-medication')}&filter=${FILTER}&count=20`;

export const scenarios: Scenario[] = [
  {
    name: 'expand',
    async setup() {
      const world = await startFhirWorld(0, { env: { FHIR_GUIDE_VALIDATION: 'off' } });
      return {
        load: {
          url: `${world.base}/${PATH}`,
          headers: { authorization: `Bearer ${world.token}`, accept: 'application/fhir+json' },
        },
        database: `postgresql, filter "${FILTER}"`,
        memory: world.memory,
        sameWork: world.sameWork,
        stop: world.stop,
      };
    },
  },
];
