import { describe, expect, it } from 'vitest';
import { openTargetForSuite } from '../testing/open-target.ts';
import { testTargets } from '../testing/targets.ts';
import { nextSequence } from './next-sequence.ts';

const targets = await testTargets();

describe.each(targets)('named counters on $name', (target) => {
  const opened = openTargetForSuite(target);

  it('hand out every number once, also to 20 parallel transactions', async () => {
    const values = await Promise.all(
      Array.from({ length: 20 }, () =>
        opened.sql.transaction((tx) => nextSequence(tx, 'acceptance:20261123:0101090517')),
      ),
    );
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect(await nextSequence(opened.sql, 'acceptance:20261123:0131020016')).toBe(1);
  });

  it('gives back the number of a transaction that rolls back: the committed numbers have no gap', async () => {
    const name = 'acceptance:20261124:0101090517';
    expect(await opened.sql.transaction((tx) => nextSequence(tx, name))).toBe(1);
    await expect(
      opened.sql.transaction(async (tx) => {
        expect(await nextSequence(tx, name)).toBe(2);
        throw new Error('the submission failed after its number was taken');
      }),
    ).rejects.toThrow('failed after');
    expect(await opened.sql.transaction((tx) => nextSequence(tx, name))).toBe(2);
  });
});
