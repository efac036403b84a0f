/**
 * A sequence not drawn yet. A submission does all of its work before its hospital's next sequence is
 * drawn (at its commit), so that the counter — locked from the draw until the commit, which is what keeps
 * the numbers gapless — is held for as short a time as possible. Until the draw, every number formed from the sequence
 * (the acceptance number, the default file name) carries a placeholder in its place: a random mark that no
 * request can contain, one placeholder per zero-padded width. `fillSequence` then says what each
 * placeholder becomes, and `filled` applies that to any value (the store applies it to the rows).
 */
import { fail } from './errors.ts';

export const MAX_SEQUENCE = 999_999;

export interface PendingSequence {
  /** Lowercase letters and digits only, so that search normalisation leaves it as it is. */
  readonly mark: string;
}

/** A hospital's sequence of the day, or one still to be drawn. */
export type Sequence = number | PendingSequence;

/** Each placeholder of a pending sequence and the digits it stands for. */
export interface SequenceFill {
  readonly mark: string;
  readonly substitutions: readonly { readonly placeholder: string; readonly value: string }[];
}

/** The widths the sequence is written in: 6 digits in the acceptance number, 8 in the file name. */
const WIDTHS = [6, 8] as const;

export function pendingSequence(
  mark = `pending${globalThis.crypto.randomUUID().replaceAll('-', '')}`,
): PendingSequence {
  if (!/^[a-z0-9]{16,}$/.test(mark))
    throw new Error('a pending sequence mark is 16+ lowercase letters or digits');
  return { mark };
}

function checkSequence(sequence: number): void {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) {
    fail(
      'invalid-sequence',
      `受理序號 ${sequence} 應為 1 至 ${MAX_SEQUENCE} 的整數`,
      `sequence ${sequence} must be an integer from 1 to ${MAX_SEQUENCE}`,
    );
  }
}

function placeholder(pending: PendingSequence, width: number): string {
  return `${pending.mark}w${width}`;
}

/** The sequence zero-padded to `width` digits, or the placeholder that stands for it. */
export function sequenceText(sequence: Sequence, width: (typeof WIDTHS)[number]): string {
  if (typeof sequence !== 'number') return placeholder(sequence, width);
  checkSequence(sequence);
  return String(sequence).padStart(width, '0');
}

/** Each placeholder of `pending` and the width of the digits it stands for (for a database to fill). */
export function placeholdersOf(pending: PendingSequence): { placeholder: string; width: number }[] {
  return WIDTHS.map((width) => ({ placeholder: placeholder(pending, width), width }));
}

/** What the placeholders of `pending` become now that the sequence is drawn (refused beyond 999999). */
export function fillSequence(pending: PendingSequence, sequence: number): SequenceFill {
  return {
    mark: pending.mark,
    substitutions: WIDTHS.map((width) => ({
      placeholder: placeholder(pending, width),
      value: sequenceText(sequence, width),
    })),
  };
}

function fillText(text: string, fill: SequenceFill): string {
  if (!text.includes(fill.mark)) return text;
  let out = text;
  for (const { placeholder: from, value } of fill.substitutions) out = out.replaceAll(from, value);
  return out;
}

/** A copy of a JSON value with every placeholder of `fill` replaced by its digits (the value itself untouched). */
export function filled<T>(value: T, fill: SequenceFill): T {
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return fillText(item, fill);
    if (Array.isArray(item)) return item.map(walk);
    if (item && typeof item === 'object')
      return Object.fromEntries(
        Object.entries(item).map(([key, inner]) => [fillText(key, fill), walk(inner)]),
      );
    return item;
  };
  return walk(value) as T;
}

/** A string of a JSON value that holds placeholders: where it is (keys and array indices) and its text. */
export interface PendingValue {
  readonly path: readonly string[];
  readonly text: string;
}

/**
 * Every string of a JSON value that holds a placeholder of `pending`, with its path, so that a database can
 * set just those values once the sequence is drawn instead of rewriting the whole document. Keys never hold one.
 */
export function pendingValues(value: unknown, pending: PendingSequence): PendingValue[] {
  const found: PendingValue[] = [];
  // One path, grown and shrunk as the walk goes (a Bundle has thousands of values, a few of them pending).
  const path: string[] = [];
  const walk = (item: unknown): void => {
    if (typeof item === 'string') {
      if (item.includes(pending.mark)) found.push({ path: [...path], text: item });
    } else if (Array.isArray(item)) {
      for (let index = 0; index < item.length; index++) {
        path.push(String(index));
        walk(item[index]);
        path.pop();
      }
    } else if (item && typeof item === 'object') {
      for (const key of Object.keys(item)) {
        if (key.includes(pending.mark)) throw new Error('a placeholder is never a key');
        path.push(key);
        walk((item as Record<string, unknown>)[key]);
        path.pop();
      }
    }
  };
  walk(value);
  return found;
}

/**
 * A copy of `value` with each of `values` (found by pendingValues) filled: only the objects and arrays on
 * their paths are copied, the rest is shared with `value`.
 */
export function filledAt<T>(value: T, values: readonly PendingValue[], fill: SequenceFill): T {
  let out: unknown = value;
  for (const { path, text } of values) {
    const set = (node: unknown, depth: number): unknown => {
      if (depth === path.length) return fillText(text, fill);
      const key = path[depth] as string;
      if (Array.isArray(node)) {
        const copy = [...node];
        copy[Number(key)] = set(node[Number(key)], depth + 1);
        return copy;
      }
      const record = node as Record<string, unknown>;
      return { ...record, [key]: set(record[key], depth + 1) };
    };
    out = set(out, 0);
  }
  return out as T;
}
