import { randomUUID } from 'node:crypto';
import type { SqlRunner } from '@openpas/db';
import { openTargetForSuite, testTargets } from '@openpas/db/testing';
import type { Resource } from '@openpas/fhir-model';
import { describe, expect, it } from 'vitest';
import { createResources, newResourceRows, newRowsChunks, readResource } from '../repository/resources.ts';
import {
  drawnSequence,
  fillNotificationsAtCommit,
  numberAtCommitInsert,
  numbersUsedUp,
  sweepUnreadNumbers,
} from './number-at-commit.ts';

const targets = await testTargets();

/** The two placeholders a mark stands in (6 and 8 digits), as the workflow makes them. */
const placeholdersOf = (mark: string) => [
  { placeholder: `${mark}w6`, width: 6 },
  { placeholder: `${mark}w8`, width: 8 },
];

describe.each(targets)('acceptance numbers drawn at commit on $name', (target) => {
  const opened = openTargetForSuite(target);

  /** One submission's shape: a resource holding the placeholder, written with the request for its number. */
  async function submit(tx: SqlRunner, counter: string, maxSequence = 999_999) {
    const mark = `pending${randomUUID().replaceAll('-', '')}`;
    const id = randomUUID();
    await createResources(
      tx,
      [
        {
          resourceType: 'Claim',
          id,
          identifier: [{ value: `N-${mark}w6` }, { use: 'usual', value: `file-${mark}w8` }],
        } as Resource,
      ],
      {
        owner: null,
        keepId: true,
        alongside: (first) =>
          numberAtCommitInsert(
            {
              counter,
              mark,
              placeholders: placeholdersOf(mark),
              maxSequence,
              resources: [
                {
                  resourceType: 'Claim',
                  id,
                  values: [
                    { path: ['identifier', '0', 'value'], text: `N-${mark}w6` },
                    { path: ['identifier', '1', 'value'], text: `file-${mark}w8` },
                  ],
                },
              ],
              audits: [
                {
                  action: 'C',
                  subtype: 'submit-test',
                  outcome: 0,
                  resourceType: 'Claim',
                  resourceId: id,
                  detail: { number: `N-${mark}w6` },
                },
              ],
            },
            first,
          ),
      },
    );
    return { mark, id };
  }

  it('fills the outbox rows a submission queues after asking for its number', async () => {
    const counter = 'acceptance:20261207:0101090517';
    let outboxId = '';
    const { mark } = await opened.sql.transaction(async (tx) => {
      const asked = await submit(tx, counter);
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO notification_outbox (subscription_id, endpoint, payload)
         VALUES ('s1', 'https://hospital.example/hook', $1::jsonb) RETURNING id::text AS id`,
        [JSON.stringify({ resourceType: 'ClaimResponse', preAuthRef: `N-${asked.mark}w6` })],
      );
      outboxId = String(row?.id);
      await fillNotificationsAtCommit(tx, asked.mark, [outboxId]);
      return asked;
    });
    expect(await drawnSequence(opened.sql, mark)).toBe(1);
    const [row] = await opened.sql.query<{ payload: unknown }>(
      'SELECT payload::text AS payload FROM notification_outbox WHERE id = $1::bigint',
      [outboxId],
    );
    expect(JSON.parse(String(row?.payload))).toEqual({
      resourceType: 'ClaimResponse',
      preAuthRef: 'N-000001',
    });
  });

  const tokens = (id: string) =>
    opened.sql.query<{ code: string }>(
      `SELECT code FROM search_token WHERE resource_type = 'Claim' AND resource_id = $1 AND lower(code) LIKE 'n-%'`,
      [id],
    );

  it('numbers 20 parallel submissions of one counter 1 to 20 and fills every row that held the placeholder', async () => {
    const counter = 'acceptance:20261205:0101090517';
    const submissions = await Promise.all(
      Array.from({ length: 20 }, () => opened.sql.transaction((tx) => submit(tx, counter))),
    );
    const sequences = await Promise.all(submissions.map(({ mark }) => drawnSequence(opened.sql, mark)));
    expect([...sequences].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
    for (const [n, { id, mark }] of submissions.entries()) {
      const digits = String(sequences[n]).padStart(6, '0');
      const resource = (await readResource(opened.sql, 'Claim', id))?.resource as {
        identifier: { value: string }[];
      };
      expect(resource.identifier[0]?.value).toBe(`N-${digits}`);
      expect(resource.identifier[1]?.value).toBe(`file-00${digits}`);
      const [version] = await opened.sql.query<{ content: unknown }>(
        `SELECT content::text AS content FROM fhir_resource_version WHERE resource_type = 'Claim' AND id = $1`,
        [id],
      );
      expect(String(version?.content)).toContain(`N-${digits}`);
      expect(String(version?.content)).not.toContain(mark);
      expect((await tokens(id)).map((row) => row.code.toLowerCase())).toEqual([`n-${digits}`]);
      const [audit] = await opened.sql.query<{ detail: unknown }>(
        `SELECT detail::text AS detail FROM audit_event WHERE subtype = 'submit-test' AND resource_id = $1`,
        [id],
      );
      expect(JSON.parse(String(audit?.detail))).toEqual({ number: `N-${digits}` });
    }
    // Read once: the pending rows are gone.
    await expect(drawnSequence(opened.sql, submissions[0]?.mark ?? '')).rejects.toThrow('no drawn number');
  });

  it('reaches the index rows it sets through their index, never by reading a whole table', async () => {
    // The draw's plans are kept for the connection's life, made while the tables are small here: without the
    // setting that keeps sequential scans out of the draw, those plans read search_string whole at every
    // commit, however large it grows. SET CONSTRAINTS … IMMEDIATE fires the draw before the commit, so this
    // transaction's own counts show how it read.
    const counts = (tx: SqlRunner) =>
      tx.query<{ relname: string; seq: unknown; idx: unknown }>(
        `SELECT relname, seq_scan AS seq, idx_scan AS idx FROM pg_stat_xact_user_tables
         WHERE relname IN ('search_token', 'search_string') ORDER BY relname`,
      );
    const { mark, before, after } = await opened.sql.transaction(async (tx) => {
      const before = await counts(tx);
      // The plan a connection keeps once it has run the draw a few times: made for any types and ids.
      await tx.execute('SET LOCAL plan_cache_mode = force_generic_plan');
      const { mark } = await submit(tx, 'acceptance:20261210:0101090517');
      await tx.execute('SET CONSTRAINTS ALL IMMEDIATE');
      return { mark, before, after: await counts(tx) };
    });
    await drawnSequence(opened.sql, mark);
    // The embedded database keeps its counts for the session, not the transaction: what the draw added.
    const added = after.map(({ relname, seq, idx }) => {
      const earlier = before.find((row) => row.relname === relname);
      return {
        relname,
        seq: Number(seq) - Number(earlier?.seq ?? 0),
        idx: Number(idx) > Number(earlier?.idx ?? 0),
      };
    });
    expect(added).toEqual([
      { relname: 'search_string', seq: 0, idx: true },
      { relname: 'search_token', seq: 0, idx: true },
    ]);
  });

  /** Every index row of a resource, without its id, in a stable order. */
  async function indexRows(resourceType: string, id: string): Promise<string[]> {
    const rows = await opened.sql.query<{ row: string }>(
      `SELECT 'token ' || param || ' ' || coalesce(system, '') || ' ' || coalesce(code, '') || ' ' || coalesce(text, '') AS row
         FROM search_token WHERE resource_type = $1 AND resource_id = $2
       UNION ALL SELECT 'string ' || param || ' ' || value FROM search_string WHERE resource_type = $1 AND resource_id = $2
       UNION ALL SELECT 'date ' || param || ' ' || start::text || ' ' || "end"::text FROM search_date
         WHERE resource_type = $1 AND resource_id = $2
       UNION ALL SELECT 'reference ' || param || ' ' || target_type || '/' || target_id FROM search_reference
         WHERE resource_type = $1 AND resource_id = $2
       UNION ALL SELECT 'number ' || param || ' ' || value::text FROM search_number WHERE resource_type = $1 AND resource_id = $2`,
      [resourceType, id],
    );
    return rows.map(({ row }) => row).sort();
  }

  it('writes the new resources held for the commit once, with the digits in place, as createResources writes them', async () => {
    const counter = 'acceptance:20261208:0101090517';
    const bundleOf = (id: string, number: string): Resource =>
      ({
        resourceType: 'Bundle',
        id,
        type: 'collection',
        identifier: { system: 'https://example.org/receipt', value: number },
        timestamp: '2026-12-06T10:00:00+08:00',
        entry: [
          {
            fullUrl: 'https://example.org/Claim/1',
            resource: { resourceType: 'Claim', id: '1', identifier: [{ value: number }] },
          },
        ],
      }) as Resource;
    const write = (tx: SqlRunner) => {
      const mark = `pending${randomUUID().replaceAll('-', '')}`;
      const id = randomUUID();
      const held = newResourceRows([bundleOf(id, `N-${mark}w6`)], { owner: null, keepId: true });
      // No other resource: the request for the number is the statement's only write.
      return createResources(tx, [], {
        owner: null,
        alongside: (first) =>
          numberAtCommitInsert(
            {
              counter,
              mark,
              placeholders: placeholdersOf(mark),
              maxSequence: 999_999,
              resources: [],
              created: newRowsChunks(held.rows),
              audits: [],
            },
            first,
          ),
      }).then(() => ({ mark, id }));
    };
    let rolledBack = '';
    await expect(
      opened.sql.transaction(async (tx) => {
        rolledBack = (await write(tx)).id;
        throw new Error('the submission failed after it was stored');
      }),
    ).rejects.toThrow('failed after');
    const { mark, id } = await opened.sql.transaction(write);
    expect(await drawnSequence(opened.sql, mark)).toBe(1);
    expect(await readResource(opened.sql, 'Bundle', rolledBack)).toBeNull();

    const stored = await readResource(opened.sql, 'Bundle', id);
    expect(stored?.versionId).toBe(1);
    expect(stored?.resource).toMatchObject({
      identifier: { value: 'N-000001' },
      entry: [{ resource: { identifier: [{ value: 'N-000001' }] } }],
      meta: { versionId: '1' },
    });
    const [version] = await opened.sql.query<{ content: unknown; method: string }>(
      `SELECT content::text AS content, method FROM fhir_resource_version WHERE resource_type = 'Bundle' AND id = $1`,
      [id],
    );
    expect(version?.method).toBe('create');
    expect(JSON.parse(String(version?.content))).toEqual(stored?.resource);
    // The same index rows as the Bundle written by the application with the number already known.
    const twin = randomUUID();
    await opened.sql.transaction((tx) =>
      createResources(tx, [bundleOf(twin, 'N-000001')], { owner: null, keepId: true }),
    );
    const rows = await indexRows('Bundle', id);
    expect(rows).toContain('token identifier https://example.org/receipt N-000001 ');
    expect(rows).toEqual(await indexRows('Bundle', twin));
  });

  it('sweeps the drawn numbers nobody read once they are old, and leaves the case and the newer rows', async () => {
    const counter = 'acceptance:20261209:0101090517';
    const unread = await opened.sql.transaction((tx) => submit(tx, counter));
    const answering = await opened.sql.transaction((tx) => submit(tx, counter));
    await opened.sql.execute(
      `UPDATE pending_acceptance SET created_at = now() - interval '1 hour' WHERE mark = $1`,
      [unread.mark],
    );
    expect(await sweepUnreadNumbers(opened.sql)).toBe(1);
    await expect(drawnSequence(opened.sql, unread.mark)).rejects.toThrow('no drawn number');
    expect(await drawnSequence(opened.sql, answering.mark)).toBe(2);
    const claim = (await readResource(opened.sql, 'Claim', unread.id))?.resource as {
      identifier: { value: string }[];
    };
    expect(claim.identifier[0]?.value).toBe('N-000001');
  });

  it('gives the number back when the submission rolls back, and refuses the commit once the numbers are used up', async () => {
    const counter = 'acceptance:20261206:0101090517';
    const first = await opened.sql.transaction((tx) => submit(tx, counter, 2));
    expect(await drawnSequence(opened.sql, first.mark)).toBe(1);
    await expect(
      opened.sql.transaction(async (tx) => {
        await submit(tx, counter, 2);
        throw new Error('the submission failed after it was stored');
      }),
    ).rejects.toThrow('failed after');
    const second = await opened.sql.transaction((tx) => submit(tx, counter, 2));
    expect(await drawnSequence(opened.sql, second.mark)).toBe(2);

    const audits = async () =>
      Number(
        (
          await opened.sql.query<{ n: unknown }>(
            `SELECT count(*) AS n FROM audit_event WHERE subtype = 'submit-test'`,
          )
        )[0]?.n,
      );
    const before = await audits();
    let refusedId = '';
    const refused = await opened.sql
      .transaction(async (tx) => {
        refusedId = (await submit(tx, counter, 2)).id;
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(numbersUsedUp(refused)).toBe('sequence 3 must be an integer from 1 to 2');
    expect(await readResource(opened.sql, 'Claim', refusedId)).toBeNull();
    expect(await audits()).toBe(before);
    const [row] = await opened.sql.query<{ value: unknown }>(
      'SELECT value FROM sequence_counter WHERE name = $1',
      [counter],
    );
    expect(Number(row?.value)).toBe(2);
  });
});
