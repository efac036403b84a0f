// Which recorded values must be fresh on every replay. Two recordings of the same request are compared:
// a value that changed between them (a uuid, a token, a jti hash, a timestamp) was made per request by the
// app, so the replay makes a new one of the same kind each time (random ids and tokens of the same shape,
// timestamps moved by the time since the recording); a value that stayed the same is replayed as recorded.
import { randomBytes, randomUUID } from 'node:crypto';
import type { PlannedStatement } from './plan.ts';

export type Kind = 'uuid' | 'time' | 'epoch' | 'number' | 'random' | 'bytes';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const TIME = '\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}(?::?\\d{2})?)?';
const TOKEN = new RegExp(`${UUID}|${TIME}|[A-Za-z0-9_-]{16,}|\\d+`, 'g');

/** Long hex runs (a uuid without dashes) inside a longer word are tokens of their own. */
const HEX_RUN = /([0-9a-f]{24,})/;

export function tokensOf(text: string): string[] {
  return (text.match(TOKEN) ?? []).flatMap((token) =>
    HEX_RUN.test(token) ? token.split(HEX_RUN).filter(Boolean) : [token],
  );
}

export function kindOf(token: string): Kind {
  if (new RegExp(`^${UUID}$`).test(token)) return 'uuid';
  if (new RegExp(`^${TIME}$`).test(token)) return 'time';
  if (/^\d{10}$|^\d{13}$/.test(token)) return 'epoch';
  if (/^\d+$/.test(token)) return 'number';
  return 'random';
}

/**
 * A statement's text with its numbers masked: the app's search SQL names its aliases from a counter (x7,
 * then x10 in the next request), so two recordings of one request differ there and nowhere else.
 */
export const shapeOf = (text: string) => text.replace(/\d+/g, '#');

/** Pairs of indexes of statements with the same text, in order (a longest common subsequence). */
export function align(a: readonly string[], b: readonly string[]): [number, number][] {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) {
      const row = table[i] as number[];
      row[j] =
        a[i] === b[j]
          ? ((table[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((table[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (((table[i + 1] as number[])[j] as number) >= ((table[i] as number[])[j + 1] as number)) i++;
    else j++;
  }
  return pairs;
}

/**
 * The values of `later` that differ from the same place in `earlier`, with their kinds. Binary parameters
 * that differ are volatile as a whole (their base64 text is the key).
 */
export function findVolatile(
  earlier: readonly PlannedStatement[],
  later: readonly PlannedStatement[],
): Map<string, Kind> {
  const volatile = new Map<string, Kind>();
  const pairs = align(
    earlier.map((statement) => shapeOf(statement.text)),
    later.map((statement) => shapeOf(statement.text)),
  );
  for (const [i, j] of pairs) {
    const before = earlier[i]?.params ?? [];
    const after = later[j]?.params ?? [];
    after.forEach((param, k) => {
      const old = before[k];
      if (!old || param.value === null || old.value === null || param.value === old.value) return;
      if (param.binary) {
        volatile.set(param.value, 'bytes');
        return;
      }
      const was = tokensOf(old.value);
      const now = tokensOf(param.value);
      now.forEach((token, t) => {
        if (t < was.length && was[t] !== token && token.length >= 4) volatile.set(token, kindOf(token));
      });
    });
  }
  return volatile;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function randomLike(token: string): string {
  const alphabet = /^[0-9a-f]+$/.test(token)
    ? '0123456789abcdef'
    : /^[0-9A-F]+$/.test(token)
      ? '0123456789ABCDEF'
      : BASE64URL;
  const bytes = randomBytes(token.length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

/** A fresh value of the same kind; `shiftMs` is the time since the recording. */
export function freshValue(token: string, kind: Kind, shiftMs: number): string {
  switch (kind) {
    case 'uuid': {
      const id = randomUUID();
      return token === token.toUpperCase() ? id.toUpperCase() : id;
    }
    case 'time': {
      const at = Date.parse(token.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
      return Number.isNaN(at) ? token : new Date(at + shiftMs).toISOString();
    }
    case 'epoch':
      return String(Number(token) + (token.length === 10 ? Math.round(shiftMs / 1000) : Math.round(shiftMs)));
    case 'bytes':
      return randomBytes(Buffer.from(token, 'base64').length).toString('base64');
    case 'random':
      return randomLike(token);
    case 'number':
      // Counters and sizes: a random number could break what they count, so they are replayed as recorded.
      return token;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * For each replayed request, a function that swaps every volatile value in a parameter for its fresh
 * counterpart — the same fresh value wherever the recorded one appears in that request.
 */
export function replacerFor(volatile: ReadonlyMap<string, Kind>, recordedAt: number) {
  const tokens = [...volatile.keys()].filter((token) => volatile.get(token) !== 'number');
  if (tokens.length === 0) return () => (value: string) => value;
  const pattern = new RegExp(
    tokens
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|'),
    'g',
  );
  return () => {
    const shift = Date.now() - recordedAt;
    const fresh = new Map<string, string>();
    return (value: string) =>
      value.replace(pattern, (token) => {
        let next = fresh.get(token);
        if (next === undefined) {
          next = freshValue(token, volatile.get(token) ?? 'random', shift);
          fresh.set(token, next);
        }
        return next;
      });
  };
}
