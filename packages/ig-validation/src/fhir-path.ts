/**
 * Just enough path walking for Medplum's issue expressions: `Claim.item.extension`,
 * `Bundle.entry[3].resource.patient`, `MedicationRequest.medication[x]`. Arrays along the way are
 * flattened; `[n]` picks one element; `name[x]` collects every `nameSomething` choice.
 */
import { isObject } from './json.ts';

function step(value: unknown, segment: string): unknown[] {
  const match = /^([^[]+)(?:\[(\d+|x)\])?$/.exec(segment);
  if (!match || !isObject(value)) return [];
  const [, name = '', index] = match;
  if (index === 'x') {
    return Object.entries(value)
      .filter(
        ([key]) => key.startsWith(name) && key.length > name.length && /[A-Z]/.test(key.charAt(name.length)),
      )
      .flatMap(([, v]) => (Array.isArray(v) ? v : [v]));
  }
  const child = value[name];
  if (child === undefined) return [];
  const items: unknown[] = Array.isArray(child) ? child : [child];
  if (index === undefined) return items;
  const picked = items[Number(index)];
  return picked === undefined ? [] : [picked];
}

/** Every value at a path relative to `value` (`category.coding`; `$this` is the value itself). */
export function childValues(value: unknown, path: string): unknown[] {
  if (path === '$this' || path === '') return [value];
  let current: unknown[] = [value];
  for (const segment of path.split('.')) current = current.flatMap((item) => step(item, segment));
  return current;
}

/** Every value at the path; the first segment names the resource type and is skipped. */
export function valuesAt(root: unknown, path: string): unknown[] {
  const dot = path.indexOf('.');
  return dot < 0 ? [root] : childValues(root, path.slice(dot + 1));
}

/**
 * FHIR pattern semantics: every property of the pattern appears in the value with a matching value;
 * every element of a pattern array matches some element of the value array.
 */
export function matchesPattern(value: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) {
    return Array.isArray(value) && pattern.every((p) => value.some((v) => matchesPattern(v, p)));
  }
  if (isObject(pattern)) {
    return isObject(value) && Object.entries(pattern).every(([key, p]) => matchesPattern(value[key], p));
  }
  return value === pattern;
}
