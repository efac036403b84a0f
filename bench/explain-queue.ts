// EXPLAIN (ANALYZE, BUFFERS) of the payer queue's search over N cases (node bench/explain-queue.ts [N]):
// the page and the count, as the FHIR API builds them, written to results/explain-review-queue.txt.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { queueFilters, queueSearchPath } from '@openpas/api/review-queue';
import { openDatabase } from '@openpas/db';
import { createThrowawayDatabase } from '@openpas/db/testing';
import { buildSearchSql, parseSearch, searchParameter, seedSandbox } from '@openpas/fhir-store';
import { fillQueue } from './lib/queue-cases.ts';

const cases = Number(process.argv[2] ?? 100_000);
const throwaway = await createThrowawayDatabase();
try {
  const db = await openDatabase({ url: throwaway.url });
  await seedSandbox(db);
  await db.close();
  await fillQueue(throwaway.url, cases);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: throwaway.url });
  await client.connect();
  const out: string[] = [];
  // The hospital filter names the Organization the workbench found by its code first.
  const hospital = await client.query<{ id: string }>(
    `SELECT resource_id AS id FROM search_token
     WHERE resource_type = 'Organization' AND param = 'identifier' AND code = '0131020016'`,
  );
  const requestors = hospital.rows.map((row) => `Organization/${row.id}`);
  for (const filters of [{}, { hospital: '0131020016' }, { drug: 'KC00958209' }]) {
    const path = queueSearchPath(queueFilters.parse(filters), 'hospital' in filters ? requestors : []);
    const [type = '', query = ''] = path.split('?');
    const request = parseSearch(type, new URLSearchParams(query), searchParameter, { lenient: false });
    const sql = buildSearchSql(request, {} as never, 0);
    for (const [label, text, params] of [
      ['page', sql.sql, sql.params],
      ['count', sql.countSql, sql.countParams],
    ] as const) {
      const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params as unknown[]);
      out.push(
        `### ${path} — ${label}\n${plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n')}\n`,
      );
    }
  }
  await client.end();
  const file = resolve(import.meta.dirname, 'results/explain-review-queue.txt');
  writeFileSync(file, `${cases} cases\n\n${out.join('\n')}`);
  process.stdout.write(`${file}\n`);
} finally {
  await throwaway.drop();
}
