// ./openpas bench — runs the bare node:http baseline and every scenario in bench/scenarios, prints a table
// and writes bench/results/latest.json. Scenarios are reported as a ratio to the baseline of the same run.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { measureBareNode } from './lib/baseline.ts';
import { appCpuSeconds } from './lib/memory.ts';
import { type LoadResult, runLoad } from './lib/processes.ts';
import { revision } from './lib/revision.ts';
import { statementGrowth } from './lib/statement-growth.ts';
import {
  measureSameWork,
  type Recorded,
  recordSameWork,
  type SameWorkSource,
} from './same-work/same-work.ts';

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
    /** The process id of each app, whose CPU time a request the runner reads around the load */
    pids?: () => Record<string, number | undefined>;
    /** How to record the request's statements for the same-work baseline (PostgreSQL scenarios) */
    sameWork?: SameWorkSource;
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
  /** CPU time (ms) a request by app, over the load: comparable below saturation, where req/s is not (BENCH_RATE) */
  cpuMsPerRequest?: Record<string, number>;
  /** The same statements replayed by a bare node:http + pg server (same-work/), and this row's share of it */
  sameWork?: LoadResult & { statements: number; freshValues: number };
  sameWorkRatio?: number;
  /** Why there is no same-work figure */
  sameWorkNote?: string;
};

// BENCH_BEFORE=<another checkout, dependencies installed>: every scenario also runs with that checkout's
// apps, right before this one's, and is reported as "<scenario> @before" beside it.
const before = process.env.BENCH_BEFORE ? resolve(process.env.BENCH_BEFORE) : undefined;
const beforeCommit = before ? revision(before) : undefined;

const base = await measureBareNode(connections, durationSeconds);
const rows: Row[] = [{ scenario: 'bare-node', database: '-', ...base, ratio: 1 }];

async function measure(scenario: Scenario, name: string): Promise<void> {
  process.stderr.write(`bench: ${name}\n`);
  const { load, database, memory, pids, stop, sameWork } = await scenario.setup();
  try {
    let recorded: Recorded | undefined;
    let sameWorkNote: string | undefined;
    if (sameWork && process.env.BENCH_SAME_WORK !== '0') {
      try {
        recorded = await recordSameWork(name, sameWork, load);
      } catch (error) {
        sameWorkNote = `not recorded: ${(error as Error).message}`;
      }
    } else if (!name.startsWith('bare'))
      sameWorkNote = sameWork ? 'BENCH_SAME_WORK=0' : 'none (not PostgreSQL)';
    const cpuBefore = pids ? appCpuSeconds(pids()) : undefined;
    const result = await runLoad({ connections, durationSeconds, ...load });
    const cpuMsPerRequest =
      cpuBefore && pids ? cpuPerRequest(cpuBefore, appCpuSeconds(pids()), result.total) : undefined;
    const rss = memory?.();
    const same = recorded
      ? {
          ...(await measureSameWork(recorded.configPath, load, { connections, durationSeconds })),
          statements: recorded.statements,
          freshValues: recorded.volatile,
        }
      : undefined;
    const against = rows.find((row) => row.scenario === scenario.compareTo);
    rows.push({
      scenario: name,
      database: database ?? '-',
      ...result,
      ratio: result.rps / base.rps,
      ...(against ? { versus: against.scenario, versusRatio: result.rps / against.rps } : {}),
      ...(rss ? { rss } : {}),
      ...(cpuMsPerRequest ? { cpuMsPerRequest } : {}),
      ...(same ? { sameWork: same, sameWorkRatio: result.rps / same.rps } : {}),
      ...(sameWorkNote ? { sameWorkNote } : {}),
    });
  } finally {
    await stop();
  }
}

// BENCH_REPEAT=n: each scenario n times; with BENCH_BEFORE the pairs alternate which checkout goes first
// (before, this; this, before; …), so neither side always inherits the machine as the other left it.
const repeat = Math.max(1, Math.floor(Number(process.env.BENCH_REPEAT ?? 1)));

async function measureBefore(scenario: Scenario): Promise<void> {
  process.env.BENCH_APPS_ROOT = before;
  try {
    await measure(scenario, `${scenario.name} @${beforeCommit}`);
  } finally {
    delete process.env.BENCH_APPS_ROOT;
  }
}

for (const scenario of await loadScenarios()) {
  for (let round = 0; round < repeat; round++) {
    const paired = before !== undefined && !scenario.name.startsWith('bare');
    if (paired && round % 2 === 0) await measureBefore(scenario);
    await measure(scenario, scenario.name);
    if (paired && round % 2 === 1) await measureBefore(scenario);
  }
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
    'ratio to same work': sameWorkCell(row),
    errors: row.errors + row.non2xx + row.timeouts,
    'CPU ms/req': Object.entries(row.cpuMsPerRequest ?? {})
      .map(([app, ms]) => `${app} ${ms.toFixed(3)}`)
      .join(', '),
    'RSS MiB after': Object.entries(row.rss ?? {})
      .map(([app, mib]) => `${app} ${mib}`)
      .join(', '),
  })),
);
if (repeat > 1) console.table(medians(rows));
if (beforeCommit) {
  const grown = statementGrowth(rows, beforeCommit);
  if (grown.length > 0) {
    console.log(`bench: requests that now issue more statements than at ${beforeCommit}:`);
    console.table(grown);
  }
}
mkdirSync(join(root, 'results'), { recursive: true });

/**
 * Per scenario (and database) run more than once: its runs' req/s in order, their median and the median's
 * ratio to @before, and each app's median CPU time a request with its ratio to @before's (lower is less work).
 */
function medians(all: Row[]) {
  const byKey = new Map<string, Row[]>();
  const keyOf = (scenario: string, database: string) => `${scenario}\u0000${database}`;
  for (const row of all) {
    const key = keyOf(row.scenario, row.database);
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  };
  const cpuMedians = (rows: Row[]) => {
    const apps = new Set(rows.flatMap((row) => Object.keys(row.cpuMsPerRequest ?? {})));
    return new Map(
      [...apps].map((app) => [
        app,
        median(
          rows.flatMap((row) => {
            const ms = row.cpuMsPerRequest?.[app];
            return ms === undefined ? [] : [ms];
          }),
        ),
      ]),
    );
  };
  return [...byKey.values()]
    .filter((rows) => rows.length > 1)
    .map((rows) => {
      const { scenario, database } = rows[0] as Row;
      const values = rows.map((row) => row.rps);
      const beforeRows = scenario.includes(' @')
        ? undefined
        : byKey.get(keyOf(`${scenario} @${beforeCommit}`, database));
      const cpu = cpuMedians(rows);
      const beforeCpu = beforeRows ? cpuMedians(beforeRows) : undefined;
      return {
        scenario,
        database,
        'req/s by run': values.map((v) => Math.round(v)).join(' / '),
        'median req/s': Math.round(median(values)),
        'median / @before median': beforeRows
          ? (median(values) / median(beforeRows.map((row) => row.rps))).toFixed(3)
          : '',
        'median CPU ms/req': [...cpu]
          .map(([app, ms]) => {
            const was = beforeCpu?.get(app);
            return `${app} ${ms.toFixed(3)}${was ? ` (${(ms / was).toFixed(3)}× @before)` : ''}`;
          })
          .join(', '),
      };
    });
}

function sameWorkCell(row: Row): string {
  const same = row.sameWork;
  if (!same || row.sameWorkRatio === undefined) return row.sameWorkNote ?? '';
  const failed = same.errors + same.non2xx + same.timeouts;
  return `${row.sameWorkRatio.toFixed(2)}× (${Math.round(same.rps)} req/s, ${same.statements} statements${failed ? `, ${failed} errors` : ''})`;
}
writeFileSync(
  join(root, 'results', 'latest.json'),
  `${JSON.stringify({ commit, ...(beforeCommit ? { before: beforeCommit } : {}), at: new Date().toISOString(), durationSeconds, connections, rows }, null, 2)}\n`,
);

/** Each app's CPU time over the load, in ms a request answered. */
function cpuPerRequest(
  before: Record<string, number>,
  after: Record<string, number>,
  requests: number,
): Record<string, number> | undefined {
  if (requests <= 0) return undefined;
  const out: Record<string, number> = {};
  for (const [app, seconds] of Object.entries(after)) {
    const start = before[app];
    if (start !== undefined) out[app] = ((seconds - start) * 1000) / requests;
  }
  return out;
}
