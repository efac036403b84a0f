// The second baseline (performance.md, "the same work with nothing else"): a bare node:http server on a
// pg.Pool of the app's size that answers every request by replaying the statements the app ran for one
// recorded request — same texts, same protocol, same transactions, fresh values where the app made fresh
// ones — and sends back the bytes the app answered. No framework, no validation, no parsing of the
// request, rows left as the driver's text.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import pg from 'pg';
import type { Unit } from './plan.ts';
import type { SameWorkConfig } from './same-work.ts';
import { replacerFor } from './volatile.ts';

const config = JSON.parse(readFileSync(process.env.SAME_WORK_CONFIG ?? '', 'utf8')) as SameWorkConfig;
const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize });
const body = Buffer.from(config.response.body, 'base64');
const headers = { ...config.response.headers, 'content-length': String(body.length) };
const nextReplacer = replacerFor(new Map(config.volatile), config.recordedAt);
// Column values stay the driver's text: the answer is fixed, so nothing reads them.
const asText = { getTypeParser: () => (value: string) => value };

type Replace = (value: string) => string;
type Queryable = Pick<pg.PoolClient, 'query'>;

function run(on: Queryable, statement: Unit[number], replace: Replace) {
  if (statement.simple) return on.query({ text: statement.text, rowMode: 'array', types: asText });
  const values = statement.params.map((param) =>
    param.value === null
      ? null
      : param.binary
        ? Buffer.from(replace(param.value), 'base64')
        : replace(param.value),
  );
  return on.query({ text: statement.text, values, rowMode: 'array', types: asText });
}

async function runUnit(unit: Unit, replace: Replace): Promise<void> {
  const [only] = unit;
  if (unit.length === 1 && only) {
    await run(pool, only, replace);
    return;
  }
  const client = await pool.connect();
  try {
    for (const statement of unit) await run(client, statement, replace);
    client.release();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    throw error;
  }
}

let reported = false;

const server = createServer((request, response) => {
  request.resume();
  request.on('end', async () => {
    const replace = nextReplacer();
    try {
      for (const wave of config.waves) await Promise.all(wave.map((unit) => runUnit(unit, replace)));
      response.writeHead(config.response.status, headers);
      response.end(body);
      for (const wave of config.after) await Promise.all(wave.map((unit) => runUnit(unit, replace)));
    } catch (error) {
      if (!reported) {
        reported = true;
        process.stderr.write(`same-work: replay failed: ${(error as Error).message}\n`);
      }
      if (!response.headersSent) {
        response.writeHead(500);
        response.end();
      }
    }
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`listening ${address.port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
