import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../connect.ts';
import { testTargets } from '../testing/targets.ts';
import { nextSequence } from './next-sequence.ts';

const targets = await testTargets();

describe.each(targets)('named counters on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => {
    await db?.close();
    await target.dispose();
  });

  it('hand out every number once, also to 20 parallel callers', async () => {
    const values = await Promise.all(
      Array.from({ length: 20 }, () => nextSequence(db.prisma, 'acceptance:20261123:0101090517')),
    );
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect(await nextSequence(db.prisma, 'acceptance:20261123:0131020016')).toBe(1);
  });
});
