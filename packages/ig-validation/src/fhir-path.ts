/**
 * Just enough path walking for Medplum's issue expressions: `Claim.item.extension`,
 * `Bundle.entry[3].resource.patient`, `MedicationRequest.medication[x]`. Arrays along the way are
 * flattened; `[n]` picks one element; `name[x]` collects every `nameSomething` choice. And the guide's
 * FHIRPath expressions parsed once for Medplum's evaluator.
 */
import { parseFhirPath } from '@medplum/core';
import { isObject } from './json.ts';

type FhirPathAtom = ReturnType<typeof parseFhirPath>;

// Expressions come from the loaded profiles: a bounded set. Medplum's evalFhirPath parses a string on
// every call; these are parsed once and the tree passed instead.
const parsedExpressions = new Map<string, FhirPathAtom>();

/** The FHIRPath expression parsed by Medplum, once; throws as its parser does, on every call. */
export function parsedFhirPath(expression: string): FhirPathAtom {
  let ast = parsedExpressions.get(expression);
  if (!ast) {
    ast = parseFhirPath(expression);
    parsedExpressions.set(expression, ast);
  }
  return ast;
}

interface PathSegment {
  name: string;
  /** `[n]` picks one item; `x` collects the choices `nameSomething` */
  index?: number | 'x';
}

// Paths come from profiles and issue expressions: a bounded set, each parsed once.
const parsedPaths = new Map<string, PathSegment[] | null>();

function segmentsOf(path: string): PathSegment[] | null {
  let segments = parsedPaths.get(path);
  if (segments === undefined) {
    segments = [];
    for (const segment of path.split('.')) {
      const match = /^([^[]+)(?:\[(\d+|x)\])?$/.exec(segment);
      if (!match) {
        segments = null;
        break;
      }
      const [, name = '', index] = match;
      segments.push(index === undefined ? { name } : { name, index: index === 'x' ? 'x' : Number(index) });
    }
    parsedPaths.set(path, segments);
  }
  return segments;
}

/** The items of an array, or the value itself. */
function pushItems(value: unknown, into: unknown[]): void {
  if (!Array.isArray(value)) into.push(value);
  else for (const item of value) into.push(item);
}

function step(value: unknown, { name, index }: PathSegment, into: unknown[]): void {
  if (!isObject(value)) return;
  if (index === 'x') {
    for (const key in value) {
      if (key.length > name.length && key.startsWith(name) && /[A-Z]/.test(key.charAt(name.length))) {
        pushItems(value[key], into);
      }
    }
    return;
  }
  const child = value[name];
  if (child === undefined) return;
  if (index === undefined) {
    pushItems(child, into);
    return;
  }
  const picked = Array.isArray(child) ? child[index] : index === 0 ? child : undefined;
  if (picked !== undefined) into.push(picked);
}

/** Every value at a path relative to `value` (`category.coding`; `$this` is the value itself). */
export function childValues(value: unknown, path: string): unknown[] {
  if (path === '$this' || path === '') return [value];
  const segments = segmentsOf(path);
  if (!segments) return [];
  let current: unknown[] = [value];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const item of current) step(item, segment, next);
    current = next;
  }
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
    if (!isObject(value)) return false;
    // The pattern's own keys in Object.entries order, without making the entries
    for (const key in pattern) {
      if (Object.hasOwn(pattern, key) && !matchesPattern(value[key], pattern[key])) return false;
    }
    return true;
  }
  return value === pattern;
}
