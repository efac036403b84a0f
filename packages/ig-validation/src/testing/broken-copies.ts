/** Copies of a resource each broken at one place, for tests that compare two validators' answers. */
import type { Json } from './examples.ts';

/** Every key path below the resource (not resourceType), parents before children. */
function* keyPaths(value: unknown, path: (string | number)[] = []): Generator<(string | number)[]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* keyPaths(item, [...path, i]);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'resourceType') continue;
      yield [...path, key];
      yield* keyPaths(child, [...path, key]);
    }
  }
}

const CHANGES = ['removed', 'wrong type', 'emptied', 'extra key'] as const;
type BrokenCopyChange = (typeof CHANGES)[number];

function changed(resource: Json, path: (string | number)[], change: BrokenCopyChange): Json | undefined {
  const key = path.at(-1) as string | number;
  const broken = structuredClone(resource);
  const holder = path.slice(0, -1).reduce<unknown>((at, k) => (at as Json)[k], broken) as Json & unknown[];
  const value = holder[key];
  if (change === 'removed') {
    if (Array.isArray(holder)) holder.splice(key as number, 1);
    else delete holder[key];
  } else if (change === 'wrong type') {
    holder[key] = typeof value === 'string' ? 42 : Array.isArray(value) ? value[0] : 'x';
  } else if (change === 'emptied') {
    holder[key] = Array.isArray(value) ? [] : typeof value === 'object' ? {} : '';
  } else {
    if (typeof key !== 'string') return undefined;
    holder[`${key}Extra`] = 'x';
    holder[`_${key}`] = { extension: [{ url: 'https://example.org/x', valueString: 'y' }] };
  }
  return broken;
}

/**
 * Broken copies of the resource: removed, of the wrong type, emptied, or given an extra key and a
 * primitive extension. With `every`, each change at each place; otherwise one change per place, in turn
 * (a quarter as many copies).
 */
export function* brokenCopies(resource: Json, options: { every?: boolean } = {}): Generator<Json> {
  let turn = 0;
  for (const path of keyPaths(resource)) {
    turn = (turn + 1) % CHANGES.length;
    const changes = options.every ? CHANGES : [CHANGES[turn] as BrokenCopyChange];
    for (const change of changes) {
      const copy = changed(resource, path, change);
      if (copy) yield copy;
    }
  }
}
