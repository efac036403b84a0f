// ./openpas bench soak — the whole flow at a fixed rate for a while (performance.md's soak): a hospital's
// backend client gets a token, submits the official request Bundle (Bundle-bun-1), finds its ClaimResponse,
// and the payer's reviewer decides it ($decide). BENCH_SOAK_RATE flows a second (default 5) for
// BENCH_SOAK_MINUTES (default 10); per step count, errors, p50, p99 and p99 per BENCH_SOAK_BUCKET_SECONDS
// window (default 60); the auth server's and the FHIR API's RSS every BENCH_SOAK_SAMPLE_SECONDS (default 5).
// Writes results/soak.json and draws results/soak-p99.svg and results/soak-rss.svg.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase } from '@openpas/db';
import type { Platform } from '../apps/fhir/test/harness.ts';
import { userTokens } from '../apps/fhir/test/user-tokens.ts';
import { writeSoakCharts } from './lib/charts.ts';
import { startFhirWorld } from './lib/fhir-fixture.ts';
import { runAtFixedRate } from './lib/fixed-rate.ts';
import { perBucket, type Sample, summarize } from './lib/latency.ts';
import { cpuSeconds } from './lib/memory.ts';
import { summarizePlan } from './lib/plan-summary.ts';
import { SOAK_STEPS, type SoakResult, type SoakStep } from './lib/results.ts';
import { revision } from './lib/revision.ts';
import { explainSearch } from './lib/search-explain.ts';
import { type FlowContext, runFlow } from './lib/soak-flow.ts';
import { slope } from './lib/trend.ts';

const root = resolve(import.meta.dirname);
const results = join(root, 'results');
const ratePerSecond = Number(process.env.BENCH_SOAK_RATE ?? 5);
const minutes = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
const bucketSeconds = Number(process.env.BENCH_SOAK_BUCKET_SECONDS ?? 60);
const sampleSeconds = Number(process.env.BENCH_SOAK_SAMPLE_SECONDS ?? 5);
const warmup = Number(process.env.BENCH_SOAK_WARMUP ?? 10);
const maxInFlight = Number(process.env.BENCH_SOAK_MAX_IN_FLIGHT ?? 100);
const analyzeSeconds = Number(process.env.BENCH_SOAK_ANALYZE_SECONDS ?? 60);
const say = (line: string) => process.stderr.write(`soak: ${line}\n`);

const HOSPITAL_SCOPES = 'system/Bundle.crs system/ClaimResponse.rs system/Claim.rs';
const REVIEW_SCOPES = 'openid fhirUser user/ClaimResponse.rus user/Claim.rs';
// The reviewer's access token lives AUTH_ACCESS_TOKEN_TTL (300 s by default): sign in again well before.
const REVIEWER_REFRESH_MS = 4 * 60_000;
const bundle = readFileSync(resolve(root, '../../shared/twpas/examples/Bundle-bun-1.json'), 'utf8');

mkdirSync(results, { recursive: true });
say(`starting the apps on a fresh PostgreSQL database`);
const world = await startFhirWorld(0, {
  client: { nhiCode: '0101090517', scopes: HOSPITAL_SCOPES },
  // One client asks for a token every flow: the per-client token rate limit is not what is measured.
  authEnv: { AUTH_TOKEN_RATE_PER_MINUTE: '10000000' },
});
const db = await openDatabase({ url: world.databaseUrl });
const analyzer = await standInForAutoAnalyze(world.databaseUrl);
const users = await userTokens(
  db,
  { issuer: world.issuer, base: world.base } as Platform,
  'bench-soak-review',
  REVIEW_SCOPES,
);
const signIn = () => users.token(REVIEW_SCOPES, { username: 'reviewer' });
let reviewerToken = await signIn();
const refresh = setInterval(() => {
  signIn().then(
    (token) => {
      reviewerToken = token;
    },
    (error: unknown) => say(`the reviewer's sign-in failed: ${String(error)}`),
  );
}, REVIEWER_REFRESH_MS);

const samples = new Map<SoakStep, Sample[]>(SOAK_STEPS.map((step) => [step, []]));
const flowSamples: Sample[] = [];
const rss: SoakResult['rss'] = [];
let origin = performance.now();
let recording = false;
let lastClaim: string | undefined;
const context: FlowContext = {
  issuer: world.issuer,
  base: world.base,
  hospital: { ...world.client, scopes: HOSPITAL_SCOPES },
  bundle,
  reviewerToken: () => reviewerToken,
  get origin() {
    return origin;
  },
  record(step, sample) {
    if (recording) samples.get(step)?.push(sample);
  },
};

try {
  say(`warming up with ${warmup} flows one after another`);
  for (let i = 0; i < warmup; i += 1) await runFlow(context);

  const pids = world.pids();
  const cpuBefore = Object.fromEntries(Object.entries(pids).map(([app, pid]) => [app, cpuSeconds(pid) ?? 0]));
  const sampleMemory = () => {
    const at = Math.round((performance.now() - origin) / 100) / 10;
    for (const [app, mib] of Object.entries(world.memory())) rss.push({ at, app, mib });
  };
  say(`${ratePerSecond} flows/s for ${minutes} min`);
  origin = performance.now();
  recording = true;
  sampleMemory();
  const sampler = setInterval(sampleMemory, sampleSeconds * 1000);
  const outcome = await runAtFixedRate({
    ratePerSecond,
    durationMs: minutes * 60_000,
    maxInFlight,
    run: async () => {
      const started = performance.now();
      let ok = false;
      try {
        lastClaim = (await runFlow(context)).claimId;
        ok = true;
      } finally {
        flowSamples.push({ at: started - origin, ms: performance.now() - started, ok });
      }
    },
  });
  clearInterval(sampler);
  sampleMemory();
  recording = false;
  const cpu = Object.fromEntries(
    Object.entries(pids).map(([app, pid]) => [app, (cpuSeconds(pid) ?? 0) - (cpuBefore[app] ?? 0)]),
  );

  // The search step's plan once every case of the run is stored: does it stay an index lookup?
  const search = `ClaimResponse?request=Claim/${lastClaim}`;
  const plan = lastClaim ? await explainSearch(world.databaseUrl, search) : undefined;
  if (plan)
    writeFileSync(
      join(results, 'explain-soak-search.txt'),
      `${search}\n(after ${outcome.completed} flows at ${ratePerSecond}/s)\n\n${plan}\n`,
    );

  const steps = Object.fromEntries(
    SOAK_STEPS.map((step) => [step, summarize(samples.get(step) ?? [])]),
  ) as SoakResult['steps'];
  const buckets = Object.fromEntries(
    SOAK_STEPS.map((step) => [step, perBucket(samples.get(step) ?? [], bucketSeconds * 1000)]),
  ) as SoakResult['buckets'];
  const perMinute = (bucket: number) => ((bucket + 1) * bucketSeconds) / 60;
  const apps = [...new Set(rss.map((sample) => sample.app))];
  const result: SoakResult = {
    commit: revision(root),
    at: new Date().toISOString(),
    database: 'postgresql',
    ratePerSecond,
    minutes,
    bucketSeconds,
    statistics: analyzer.statistics,
    flows: {
      started: outcome.started,
      completed: outcome.completed,
      failed: outcome.failed,
      skipped: outcome.skipped,
    },
    flow: summarize(flowSamples),
    steps,
    buckets,
    rss,
    drift: {
      p99PerMinute: Object.fromEntries(
        SOAK_STEPS.map((step) => [
          step,
          round(
            slope(
              buckets[step]
                .filter((bucket) => bucket.count > 0)
                .map((bucket) => ({ x: perMinute(bucket.bucket), y: bucket.p99 })),
            ),
          ),
        ]),
      ) as SoakResult['drift']['p99PerMinute'],
      rssPerMinute: Object.fromEntries(
        apps.map((app) => [
          app,
          round(
            slope(
              rss
                .filter((sample) => sample.app === app)
                .map((sample) => ({ x: sample.at / 60, y: sample.mib })),
            ),
          ),
        ]),
      ),
    },
    ...(plan ? { searchPlan: summarizePlan(plan) } : {}),
    failures: outcome.failures,
    cpuMsPerFlow: Object.fromEntries(
      Object.entries(cpu).map(([app, seconds]) => [
        app,
        round((seconds * 1000) / Math.max(1, outcome.started)),
      ]),
    ),
  };
  writeFileSync(join(results, 'soak.json'), `${JSON.stringify(result, null, 2)}\n`);
  const charts = await writeSoakCharts(result, results);

  const first = (step: SoakStep) => buckets[step].find((bucket) => bucket.count > 0)?.p99 ?? 0;
  const last = (step: SoakStep) => buckets[step].findLast((bucket) => bucket.count > 0)?.p99 ?? 0;
  console.table([
    ...SOAK_STEPS.map((step) => ({
      step,
      count: steps[step].count,
      errors: steps[step].errors,
      'p50 ms': steps[step].p50,
      'p99 ms': steps[step].p99,
      'p99 first → last window': `${first(step)} → ${last(step)}`,
      'p99 drift ms/min': result.drift.p99PerMinute[step],
    })),
    {
      step: 'flow (all four)',
      count: result.flow.count,
      errors: outcome.failed + outcome.skipped,
      'p50 ms': result.flow.p50,
      'p99 ms': result.flow.p99,
      'p99 first → last window': '',
      'p99 drift ms/min': '',
    },
  ]);
  const memory = apps
    .map((app) => {
      const series = rss.filter((sample) => sample.app === app);
      return `${app} ${series[0]?.mib} → ${series.at(-1)?.mib} MiB (${result.drift.rssPerMinute[app]} MiB/min)`;
    })
    .join(', ');
  const cpuLine = Object.entries(result.cpuMsPerFlow)
    .map(([app, ms]) => `${app} ${ms} ms`)
    .join(', ');
  console.log(
    `soak: ${outcome.completed}/${outcome.started} flows completed at ${ratePerSecond}/s for ${minutes} min, ` +
      `${outcome.failed} failed, ${outcome.skipped} skipped (over ${maxInFlight} in flight); RSS ${memory}; CPU a flow ${cpuLine}`,
  );
  if (result.searchPlan)
    say(
      `the search step's plan at the end: ${result.searchPlan.executionMs} ms, ${result.searchPlan.buffers} buffers, sequential scans: ${result.searchPlan.seqScans.join(', ') || 'none'} (explain-soak-search.txt)`,
    );
  for (const failure of outcome.failures.slice(0, 5)) say(`failure: ${failure}`);
  say(`wrote soak.json, ${charts.map((file) => file.split('/').pop()).join(', ')}`);
} finally {
  await analyzer.stop();
  clearInterval(refresh);
  await users.close();
  await db.close();
  await world.stop();
}

/**
 * The test PostgreSQL here may run with autovacuum off, so nothing would refresh the planner's statistics
 * as the cases pile up (from an empty database): the plans would be chosen for empty tables, as production
 * never sees them. Then ANALYZE runs every BENCH_SOAK_ANALYZE_SECONDS (autovacuum's naptime; 0: never).
 */
async function standInForAutoAnalyze(url: string): Promise<{ statistics: string; stop(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ autovacuum: string }>('SHOW autovacuum');
  const needed = rows[0]?.autovacuum !== 'on' && analyzeSeconds > 0;
  const statistics =
    rows[0]?.autovacuum === 'on'
      ? 'autovacuum on'
      : needed
        ? `autovacuum off: ANALYZE every ${analyzeSeconds} s in its place`
        : 'autovacuum off, no ANALYZE during the run';
  say(statistics);
  let running = Promise.resolve();
  const timer = needed
    ? setInterval(() => {
        running = running.then(() => client.query('ANALYZE').then(() => undefined));
      }, analyzeSeconds * 1000)
    : undefined;
  return {
    statistics,
    async stop() {
      clearInterval(timer);
      await running;
      await client.end();
    },
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
