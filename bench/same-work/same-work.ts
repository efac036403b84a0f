// Record and replay: a copy of the app (a "twin", same settings) is started with its database reached
// through the recording proxy, sent the scenario's request three times, and stopped; the last request's
// statements (compared with the one before for per-request values) and answer become the same-work
// server's script, which is then loaded exactly like the app.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type LoadResult, runLoad, startServer, stopServer } from '../lib/processes.ts';
import { describePlan, planOf, type Wave } from './plan.ts';
import { type RecordedStatement, startRecorder } from './recorder.ts';
import { align, findVolatile, type Kind, shapeOf } from './volatile.ts';

export interface SameWorkSource {
  /** The app's PostgreSQL database */
  databaseUrl: string;
  /** Starts another instance of the app that serves the scenario's request, its database at `databaseUrl` */
  twin(databaseUrl: string): Promise<{ origin: string; stop(): Promise<void> }>;
}

export interface SameWorkConfig {
  databaseUrl: string;
  poolSize: number;
  waves: Wave[];
  /** What the app ran after it had answered (write-behind): replayed after the answer too */
  after: Wave[];
  volatile: [string, Kind][];
  recordedAt: number;
  response: { status: number; headers: Record<string, string>; body: string };
}

interface OneRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

type SetupRequest = (request: object, context: object) => Partial<OneRequest>;

/** `count` requests as the load worker would send them (a request module builds each, e.g. a fresh assertion). */
async function requestsFor(load: Record<string, unknown>, count: number): Promise<OneRequest[]> {
  const url = new URL(String(load.url));
  // The twin listens elsewhere but is told the app's host, so it sees the request the app sees (e.g. a
  // client assertion's audience, checked against the endpoint's URL).
  const headers = { ...(load.headers as Record<string, string>), host: url.host };
  const base: OneRequest = {
    method: String(load.method ?? 'GET'),
    path: `${url.pathname}${url.search}`,
    headers,
    ...(typeof load.body === 'string' ? { body: load.body } : {}),
  };
  if (typeof load.requestModule !== 'string') return Array.from({ length: count }, () => base);
  const module = (await import(load.requestModule)) as {
    createRequestFactory(options: Record<string, unknown>): Promise<SetupRequest>;
  };
  const setup = await module.createRequestFactory({ ...(load.requestOptions as object), count });
  return Array.from({ length: count }, () => {
    const one = { ...base, ...setup({}, {}) } as OneRequest;
    return { ...one, headers: { ...one.headers, host: url.host } };
  });
}

function send(origin: string, one: OneRequest): Promise<Answer> {
  return new Promise((done, fail) => {
    const call = httpRequest(
      `${origin}${one.path}`,
      { method: one.method, headers: one.headers },
      (reply) => {
        const chunks: Buffer[] = [];
        reply.on('data', (chunk: Buffer) => chunks.push(chunk));
        reply.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(reply.headers))
            if (value !== undefined && !SKIPPED_HEADERS.has(name))
              headers[name] = Array.isArray(value) ? value.join(', ') : value;
          done({ status: reply.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
      },
    );
    call.on('error', fail);
    call.end(one.body);
  });
}

const SKIPPED_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/** Waits until neither side of the proxy has said anything for `ms` (write-behind statements included). */
async function quiet(lastActivity: () => number, ms: number): Promise<void> {
  const limit = performance.now() + 5_000;
  while (performance.now() - lastActivity() < ms && performance.now() < limit)
    await new Promise((done) => setTimeout(done, ms / 4));
}

/**
 * The statements of `last` that the other recordings also ran (same text, same order): a background job
 * of the app's (an outbox poll, say) that happened to run during one recording is left out.
 */
export function commonStatements(
  others: readonly RecordedStatement[][],
  last: readonly RecordedStatement[],
): RecordedStatement[] {
  let kept = new Set(last.map((_, index) => index));
  for (const other of others) {
    const pairs = align(
      other.map((statement) => shapeOf(statement.text)),
      last.map((statement) => shapeOf(statement.text)),
    );
    const seen = new Set(pairs.map(([, j]) => j));
    kept = new Set([...kept].filter((index) => seen.has(index)));
  }
  return last.filter((_, index) => kept.has(index));
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export interface Recorded {
  configPath: string;
  statements: number;
  waves: number;
  volatile: number;
}

export async function recordSameWork(
  name: string,
  source: SameWorkSource,
  load: Record<string, unknown>,
): Promise<Recorded> {
  const recorder = await startRecorder(source.databaseUrl);
  const twin = await source.twin(recorder.url).catch(async (error) => {
    await recorder.stop();
    throw error;
  });
  const rounds: { statements: RecordedStatement[]; answer: Answer; at: number; answeredAt: number }[] = [];
  try {
    // The first request warms the twin's caches; the other three are compared.
    for (const one of await requestsFor(load, 4)) {
      await quiet(recorder.lastActivity, 200);
      recorder.take();
      const answer = await send(twin.origin, one);
      const answeredAt = performance.now();
      await quiet(recorder.lastActivity, 200);
      rounds.push({ statements: recorder.take(), answer, at: Date.now(), answeredAt });
    }
  } finally {
    await twin.stop();
    await recorder.stop();
  }
  if (process.env.BENCH_SAME_WORK_DEBUG)
    for (const round of rounds)
      process.stderr.write(
        `same-work round: ${round.statements.map((statement) => (process.env.BENCH_SAME_WORK_DEBUG === 'full' ? oneLine(statement.text) : oneLine(statement.text).slice(0, 60))).join(' | ')}\n`,
      );
  const [first, earlier, last] = rounds.slice(-3);
  if (!first || !earlier || !last) throw new Error('no recording');
  if (last.answer.status >= 400)
    throw new Error(
      `the app answered ${last.answer.status} while recording: ${last.answer.body.toString().slice(0, 200)}`,
    );
  const statements = commonStatements([first.statements, earlier.statements], last.statements);
  const leftOut = last.statements.filter((statement) => !statements.includes(statement));
  const volatile = findVolatile(earlier.statements, statements);
  const waves = planOf(statements.filter((statement) => statement.start < last.answeredAt));
  const after = planOf(statements.filter((statement) => statement.start >= last.answeredAt));
  const config: SameWorkConfig = {
    databaseUrl: source.databaseUrl,
    poolSize: Number(process.env.OPENPAS_DB_POOL_SIZE ?? 10),
    waves,
    after,
    volatile: [...volatile],
    recordedAt: last.at,
    response: {
      status: last.answer.status,
      headers: last.answer.headers,
      body: last.answer.body.toString('base64'),
    },
  };
  const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  const configPath = join(tmpdir(), `openpas-same-work-${slug}-${process.pid}.json`);
  writeFileSync(configPath, JSON.stringify(config));
  const results = resolve(import.meta.dirname, '../results/same-work');
  mkdirSync(results, { recursive: true });
  const fresh = [...volatile].map(([token, kind]) => `--   ${kind}: ${token.slice(0, 60)}`).join('\n');
  writeFileSync(
    join(results, `${slug}.sql`),
    `-- ${name}: the statements of one request (${last.answer.status}, ${last.answer.body.length} bytes)\n` +
      `-- values made fresh on each replay:\n${fresh || '--   none'}\n${describePlan(waves)}` +
      (after.length ? `-- after the answer:\n${describePlan(after)}` : '') +
      leftOut
        .map(
          (statement) => `-- left out (not in every recording): ${oneLine(statement.text).slice(0, 300)}\n`,
        )
        .join(''),
  );
  return {
    configPath,
    statements: statements.length,
    waves: waves.length,
    volatile: [...volatile.values()].filter((kind) => kind !== 'number').length,
  };
}

/** Loads the same-work server replaying `configPath` exactly as the scenario's load does the app. */
export async function measureSameWork(
  configPath: string,
  load: Record<string, unknown>,
  options: { connections: number; durationSeconds: number },
): Promise<LoadResult> {
  const { port, child } = await startServer(resolve(import.meta.dirname, 'server.ts'), {
    SAME_WORK_CONFIG: configPath,
  });
  try {
    const url = new URL(String(load.url));
    url.host = `127.0.0.1:${port}`;
    return await runLoad({ ...options, ...load, url: url.toString() });
  } finally {
    await stopServer(child);
  }
}
