import type { SqlRunner } from '@openpas/db';
import { openTargetForSuite, testTargets } from '@openpas/db/testing';
import { describe, expect, it } from 'vitest';
import { createAuditWriter } from './writer.ts';

const targets = await testTargets();

describe.each(targets)('group-committed audit rows on $name', (target) => {
  const opened = openTargetForSuite(target);

  const count = async (subtype: string) =>
    Number(
      (
        await opened.sql.query<{ n: unknown }>('SELECT count(*) AS n FROM audit_event WHERE subtype = $1', [
          subtype,
        ])
      )[0]?.n,
    );

  it('commits every row before its caller goes on, many rows to a statement under load', async () => {
    let statements = 0;
    const counted: SqlRunner = {
      query: (text, params) => opened.sql.query(text, params),
      execute: (text, params) => {
        statements += 1;
        return opened.sql.execute(text, params);
      },
    };
    const writer = createAuditWriter(counted);
    await Promise.all(
      Array.from({ length: 60 }, async (_, n) => {
        await writer.record({
          action: 'R',
          subtype: 'grouped',
          outcome: 0,
          resourceType: 'Claim',
          resourceId: `c${n}`,
        });
        // Committed by the time the caller continues.
        const rows = await opened.sql.query(
          'SELECT 1 FROM audit_event WHERE subtype = $1 AND resource_id = $2',
          ['grouped', `c${n}`],
        );
        expect(rows).toHaveLength(1);
      }),
    );
    expect(await count('grouped')).toBe(60);
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThan(60);
  });

  it('fails every caller of a batch that could not be written, and goes on writing', async () => {
    let broken = true;
    const flaky: SqlRunner = {
      query: (text, params) => opened.sql.query(text, params),
      execute: (text, params) => {
        if (broken) {
          broken = false;
          return opened.sql.execute('INSERT INTO no_such_table VALUES (1)');
        }
        return opened.sql.execute(text, params);
      },
    };
    const writer = createAuditWriter(flaky);
    const first = writer.record({ action: 'R', subtype: 'flaky', outcome: 0 });
    const later = writer.record({ action: 'R', subtype: 'flaky', outcome: 0 });
    await expect(first).rejects.toThrow();
    await expect(later).resolves.toBeUndefined();
    expect(await count('flaky')).toBe(1);
  });
});
