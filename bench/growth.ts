// ./openpas bench growth — fhir-search and fhir-read at several numbers of stored claims on PostgreSQL
// (BENCH_GROWTH_SIZES, default 10000,100000,1000000), each in a fresh database bulk-filled as fhir-read's
// and fhir-search's fixture is. Writes results/growth.json, the search's EXPLAIN (ANALYZE, BUFFERS) at
// each size to results/explain-fhir-search-growth.txt and draws results/growth.svg.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { measureBareNode } from './lib/baseline.ts';
import { writeGrowthChart } from './lib/charts.ts';
import { startFhirWorld } from './lib/fhir-fixture.ts';
import { summarizePlan } from './lib/plan-summary.ts';
import { runLoad } from './lib/processes.ts';
import type { GrowthResult, GrowthSize } from './lib/results.ts';
import { revision } from './lib/revision.ts';
import { explainSearch, SEARCH } from './lib/search-explain.ts';
import { parseSizes } from './lib/sizes.ts';
import { growthAgainstLog } from './lib/trend.ts';

const root = resolve(import.meta.dirname);
const results = join(root, 'results');
const sizes = parseSizes(process.env.BENCH_GROWTH_SIZES ?? '10000,100000,1000000');
const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const say = (line: string) => process.stderr.write(`growth: ${line}\n`);
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

/** Fails now rather than measuring fast 404s: the path answers 200 (a search with at least one match). */
async function expectAnswer(url: string, token: string, search = false): Promise<void> {
  const reply = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = (await reply.json()) as { entry?: { search?: { mode?: string } }[] };
  const found = body.entry?.filter((entry) => entry.search?.mode === 'match').length ?? 0;
  if (reply.status !== 200 || (search && found === 0))
    throw new Error(
      `${url} answered ${reply.status} with ${found} matches: ${JSON.stringify(body).slice(0, 300)}`,
    );
}

mkdirSync(results, { recursive: true });
say(`bare node (${durationSeconds} s)`);
const bareNode = await measureBareNode(connections, durationSeconds);
const measured: GrowthSize[] = [];
const plans: string[] = [];
for (const claims of sizes) {
  const started = performance.now();
  say(`${claims} claims: filling a fresh database`);
  const world = await startFhirWorld(claims);
  try {
    const readySeconds = seconds(started);
    say(
      `${claims} claims: bulk insert ${world.bulkSeconds} s, ready in ${readySeconds} s; loads of ${durationSeconds} s`,
    );
    const headers = { authorization: `Bearer ${world.token}`, accept: 'application/fhir+json' };
    const searchUrl = `${world.base}/${SEARCH}`;
    const readUrl = `${world.base}/ClaimResponse/br-${Math.floor(claims / 2)}`;
    await expectAnswer(searchUrl, world.token, true);
    await expectAnswer(readUrl, world.token);
    const search = await runLoad({ url: searchUrl, headers, connections, durationSeconds });
    const read = await runLoad({ url: readUrl, headers, connections, durationSeconds });
    const rss = world.memory();
    // After the loads: the plan and buffers of the search as it runs warm, which is what the loads saw.
    const plan = await explainSearch(world.databaseUrl, SEARCH);
    plans.push(`### ${claims} claims (after the loads)\n\n${plan}\n`);
    measured.push({
      claims,
      bulkSeconds: world.bulkSeconds,
      readySeconds,
      search,
      read,
      plan: summarizePlan(plan),
      rss,
    });
    say(
      `${claims} claims: search ${Math.round(search.rps)} req/s p99 ${search.p99} ms, read ${Math.round(read.rps)} req/s p99 ${read.p99} ms`,
    );
  } finally {
    await world.stop();
  }
}

const result: GrowthResult = {
  commit: revision(root),
  at: new Date().toISOString(),
  database: 'postgresql',
  durationSeconds,
  connections,
  search: SEARCH,
  bareNode,
  sizes: measured,
  againstLog: {
    searchP99: growthAgainstLog(measured.map((size) => ({ n: size.claims, value: size.search.p99 }))),
    readP99: growthAgainstLog(measured.map((size) => ({ n: size.claims, value: size.read.p99 }))),
    searchBuffers: growthAgainstLog(measured.map((size) => ({ n: size.claims, value: size.plan.buffers }))),
  },
};
writeFileSync(join(results, 'growth.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(
  join(results, 'explain-fhir-search-growth.txt'),
  `${SEARCH}\n(commit ${result.commit}, ${result.at})\n\n${plans.join('\n')}`,
);
const charts = await writeGrowthChart(result, results);

console.table(
  measured.flatMap((size) =>
    (['search', 'read'] as const).map((kind) => ({
      scenario: `fhir-${kind}`,
      claims: size.claims,
      'req/s': Math.round(size[kind].rps),
      'p50 ms': size[kind].p50,
      'p99 ms': size[kind].p99,
      'ratio to bare node': (size[kind].rps / bareNode.rps).toFixed(3),
      errors: size[kind].errors + size[kind].non2xx + size[kind].timeouts,
      'plan buffers': kind === 'search' ? size.plan.buffers : '',
      'seq scans': kind === 'search' ? size.plan.seqScans.join(', ') || 'none' : '',
      'bulk insert s': size.bulkSeconds,
      'RSS MiB after': Object.entries(size.rss)
        .map(([app, mib]) => `${app} ${mib}`)
        .join(', '),
    })),
  ),
);
for (const [measure, steps] of Object.entries(result.againstLog)) {
  for (const step of steps)
    say(`${measure} at ${step.n}: ×${step.ratio} of the smallest size, log n ×${step.logRatio}`);
}
say(
  `bare node ${Math.round(bareNode.rps)} req/s; wrote growth.json, explain-fhir-search-growth.txt, ${charts.map((file) => file.split('/').pop()).join(', ')}`,
);
