import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RecordedStatement } from './recorder.ts';
import { commonStatements } from './same-work.ts';
import { align, findVolatile, freshValue, kindOf, replacerFor } from './volatile.ts';

const statement = (text: string, ...values: string[]) => ({
  text,
  params: values.map((value) => ({ value })),
  simple: false,
});

test('values that changed between two recordings are volatile, with their kinds; the rest are not', () => {
  const earlier = [
    statement('SELECT client', 'bench'),
    statement(
      'INSERT jti',
      '{"6f1c2a52-8b0e-4c8e-9d5e-2b7f1c0a9e11"}',
      '{"at":"2026-12-05T10:00:00.000Z","token":"aaaaaaaaaaaaaaaaaaaaaa"}',
    ),
  ];
  const later = [
    statement('SELECT client', 'bench'),
    statement(
      'INSERT jti',
      '{"0a6f7c1e-3d2b-4f7a-8e9c-5b4a3c2d1e0f"}',
      '{"at":"2026-12-05T10:00:01.000Z","token":"bbbbbbbbbbbbbbbbbbbbbb"}',
    ),
  ];
  assert.deepEqual(
    [...findVolatile(earlier, later)],
    [
      ['0a6f7c1e-3d2b-4f7a-8e9c-5b4a3c2d1e0f', 'uuid'],
      ['2026-12-05T10:00:01.000Z', 'time'],
      ['bbbbbbbbbbbbbbbbbbbbbb', 'random'],
    ],
  );
});

test('a uuid without dashes inside a placeholder is a token of its own', () => {
  assert.deepEqual(
    [
      ...findVolatile(
        [statement('UPDATE', 'FHR0517pendingf6e735f0e0f247b98fed3b4973ba9455w6')],
        [statement('UPDATE', 'FHR0517pending0123456789abcdef0123456789abcdefw6')],
      ),
    ],
    [['0123456789abcdef0123456789abcdef', 'random']],
  );
});

test('fresh values keep their shape; timestamps move by the time since the recording', () => {
  assert.equal(kindOf('1764930000'), 'epoch');
  assert.equal(kindOf('42'), 'number');
  assert.match(freshValue('0a6f7c1e-3d2b-4f7a-8e9c-5b4a3c2d1e0f', 'uuid', 0), /^[0-9a-f-]{36}$/);
  assert.equal(freshValue('2026-12-05T10:00:00.000Z', 'time', 1500), '2026-12-05T10:00:01.500Z');
  assert.equal(freshValue('2026-12-05 10:00:00+00', 'time', 0), '2026-12-05T10:00:00.000Z');
  assert.equal(freshValue('1764930000', 'epoch', 5000), '1764930005');
  assert.match(freshValue('deadbeefdeadbeefdeadbeef', 'random', 0), /^[0-9a-f]{24}$/);
  assert.equal(freshValue('1234', 'number', 0), '1234');
});

test('a replayed request swaps each volatile value for the same fresh one everywhere, and anew next time', () => {
  const token = 'bbbbbbbbbbbbbbbbbbbbbb';
  const next = replacerFor(new Map([[token, 'random' as const]]), Date.now());
  const replace = next();
  const first = replace(`{"${token}"}`);
  assert.notEqual(first, `{"${token}"}`);
  assert.equal(replace(`x ${token}`), `x ${first.slice(2, -2)}`);
  assert.notEqual(next()(`{"${token}"}`), first);
});

test('statements are aligned by text; a background statement in one recording only is left out', () => {
  assert.deepEqual(align(['a', 'b', 'c'], ['a', 'x', 'c']), [
    [0, 0],
    [2, 2],
  ]);
  const at = (text: string) => ({
    connection: 0,
    text,
    params: [],
    simple: false,
    start: 0,
    end: 0,
    status: 'I',
  });
  const kept = commonStatements([[at('SELECT token'), at('INSERT audit')] as RecordedStatement[]], [
    at('UPDATE outbox'),
    at('SELECT token'),
    at('INSERT audit'),
  ] as RecordedStatement[]);
  assert.deepEqual(
    kept.map((statement) => statement.text),
    ['SELECT token', 'INSERT audit'],
  );
});
