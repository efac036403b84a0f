import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planOf } from './plan.ts';
import type { RecordedStatement } from './recorder.ts';

const at = (connection: number, text: string, start: number, end: number, status: 'I' | 'T' = 'I') =>
  ({ connection, text, params: [], simple: false, start, end, status }) as RecordedStatement;

test('a transaction is one unit until its connection is idle again; sequential units are waves', () => {
  const waves = planOf([
    at(1, 'SELECT token', 0, 1),
    at(2, 'BEGIN', 2, 3, 'T'),
    at(2, 'INSERT a', 3, 4, 'T'),
    at(2, 'COMMIT', 4, 5),
    at(1, 'INSERT audit', 6, 7),
  ]);
  assert.deepEqual(
    waves.map((wave) => wave.map((unit) => unit.map((statement) => statement.text))),
    [[['SELECT token']], [['BEGIN', 'INSERT a', 'COMMIT']], [['INSERT audit']]],
  );
});

test('units that overlapped in time on different connections share a wave', () => {
  const waves = planOf([at(1, 'SELECT a', 0, 5), at(2, 'SELECT b', 1, 4), at(1, 'SELECT c', 6, 7)]);
  assert.deepEqual(
    waves.map((wave) => wave.length),
    [2, 1],
  );
});
