// ./openpas bench — runs the bare node:http baseline and every scenario in bench/scenarios, prints a table
// and writes bench/results/latest.json. Scenarios are reported as a ratio to the baseline of the same run.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { measureBareNode } from './lib/baseline.ts';
import { type LoadResult, runLoad } from './lib/processes.ts';
import { revision } from './lib/revision.ts';

export interface Scenario {
  name: string;
  /** Another scenario of the same run this one is judged against (e.g. the bare oidc-provider) */
  compareTo?: string;
  /**
   * Starts what the scenario measures; returns the load spec, a stop function and, for our own apps, the
   * RSS of each app process (read after the load: performance.md's memory bar)
   */
  setup(): Promise<{
    load: Record<string, unknown>;
    database?: string;
    memory?: () => Record<string, number>;
    stop(): Promise<void>;
  }>;
}

const root = resolve(import.meta.dirname);
const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const only = process.argv.slice(2);

async function loadScenarios(): Promise<Scenario[]> {
  const dir = join(root, 'scenarios');
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
  const modules = await Promise.all(
    files.map(async (file) => (await import(join(dir, file))) as { scenarios: Scenario[] }),
  );
  const scenarios = modules.flatMap((module) => module.scenarios);
  return scenarios.filter(
    (scenario) =>
      only.length === 0 ||
      only.some(
        (name) =>
          scenario.name === name || scenario.compareTo === name || scenario.name.startsWith(`${name} `),
      ),
  );
}

const commit = revision(root);

type Row = LoadResult & {
  scenario: string;
  database: string;
  ratio: number;
  versus?: string;
  versusRatio?: number;
  /** MiB by app, after the load */
  rss?: Record<string, number>;
};

// BENCH_BEFORE=<another checkout, dependencies installed>: every scenario also runs with that checkout's
// apps, right before this one's, and is reported as "<scenario> @before" beside it.
const before = process.env.BENCH_BEFORE ? resolve(process.env.BENCH_BEFORE) : undefined;
const beforeCommit = before ? revision(before) : undefined;

const base = await measureBareNode(connections, durationSeconds);
const rows: Row[] = [{ scenario: 'bare-node', database: '-', ...base, ratio: 1 }];

async function measure(scenario: Scenario, name: string): Promise<void> {
  process.stderr.write(`bench: ${name}\n`);
  const { load, database, memory, stop } = await scenario.setup();
  try {
    const result = await runLoad({ connections, durationSeconds, ...load });
    const rss = memory?.();
    const against = rows.find((row) => row.scenario === scenario.compareTo);
    rows.push({
      scenario: name,
      database: database ?? '-',
      ...result,
      ratio: result.rps / base.rps,
      ...(against ? { versus: against.scenario, versusRatio: result.rps / against.rps } : {}),
      ...(rss ? { rss } : {}),
    });
  } finally {
    await stop();
  }
}

for (const scenario of await loadScenarios()) {
  if (before && !scenario.name.startsWith('bare')) {
    process.env.BENCH_APPS_ROOT = before;
    try {
      await measure(scenario, `${scenario.name} @${beforeCommit}`);
    } finally {
      delete process.env.BENCH_APPS_ROOT;
    }
  }
  await measure(scenario, scenario.name);
}

console.table(
  rows.map((row) => ({
    scenario: row.scenario,
    database: row.database,
    'req/s': Math.round(row.rps),
    'p50 ms': row.p50,
    'p99 ms': row.p99,
    'ratio to bare node': row.ratio.toFixed(3),
    'ratio to its bar': row.versusRatio === undefined ? '' : `${row.versusRatio.toFixed(2)}× ${row.versus}`,
    errors: row.errors + row.non2xx + row.timeouts,
    'RSS MiB after': Object.entries(row.rss ?? {})
      .map(([app, mib]) => `${app} ${mib}`)
      .join(', '),
  })),
);
mkdirSync(join(root, 'results'), { recursive: true });
writeFileSync(
  join(root, 'results', 'latest.json'),
  `${JSON.stringify({ commit, ...(beforeCommit ? { before: beforeCommit } : {}), at: new Date().toISOString(), durationSeconds, connections, rows }, null, 2)}\n`,
);
