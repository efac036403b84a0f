/**
 * Fixed and pattern values, checked at the element that carries them (Medplum reports a wrong one at a
 * path without array indexes, or at the slice it no longer fits):
 * - every instance of an element with `fixed[x]` must equal it, with `pattern[x]` must contain it
 *   (rule `ig.fixed-value`, at the instance: `Claim.insurance[0].sequence`);
 * - a required slice (min ≥ 1) told apart by values that has too few items: when an item of the sliced
 *   element differs from the slice only in some of its fixed or pattern values, each of those is named
 *   at that item (rule `ig.slice-value`, e.g. `Patient.identifier[0].type.coding[0].code`), so the
 *   value that moved the item out of its slice is the one reported.
 */
import { type InstanceFinder, instanceFinder } from './element-instances.ts';
import { matchesPattern } from './fhir-path.ts';
import type { ElementLike } from './guide.ts';
import { issue, type ValidationIssue } from './issue.ts';
import { isObject } from './json.ts';

export const IG_FIXED_VALUE_RULE = 'ig.fixed-value';
export const IG_SLICE_VALUE_RULE = 'ig.slice-value';

export interface FixedValue {
  elementId: string;
  /** `fixedCode`, `patternCodeableConcept`, … */
  kind: string;
  value: unknown;
}

export interface RequiredSlice {
  /** The slice, e.g. `Patient.identifier:idCardNumber` */
  sliceId: string;
  /** The sliced element, e.g. `Patient.identifier` */
  slicedId: string;
  /** Its minimum cardinality (0 for a slice of a closed slicing that is only checked for membership) */
  min: number;
  /** The fixed and pattern values inside the slice, by path relative to an item (`type.coding.code`; '' the item) */
  values: { relative: string; kind: string; value: unknown }[];
}

export function fixedValueKey(element: ElementLike): string | undefined {
  return Object.keys(element).find((key) => /^(fixed|pattern)[A-Z]/.test(key));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]))
    );
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => deepEqual(a[key], b[key]));
  }
  return a === b;
}

export function meetsFixedValue(value: unknown, kind: string, expected: unknown): boolean {
  return kind.startsWith('fixed') ? deepEqual(value, expected) : matchesPattern(value, expected);
}

/** The fixed and pattern values of a snapshot, and its required slices told apart by values. */
export function fixedValueRules(elements: readonly ElementLike[]): {
  fixedValues: FixedValue[];
  requiredSlices: RequiredSlice[];
  closedSlicings: ClosedSlicing[];
} {
  const fixedValues: FixedValue[] = [];
  const requiredSlices: RequiredSlice[] = [];
  const slicesBySliced = new Map<string, RequiredSlice[]>();
  const closed = new Set(
    elements
      .filter((e) => (e.slicing as { rules?: string } | undefined)?.rules === 'closed')
      .map((e) => e.id),
  );
  for (const element of elements) {
    const kind = fixedValueKey(element);
    if (kind) fixedValues.push({ elementId: element.id, kind, value: element[kind] });
    const last = element.id.lastIndexOf(':');
    if (!element.sliceName || last < 0 || element.id.indexOf('.', last) >= 0) continue;
    const values = elements.flatMap((inner) => {
      const innerKind = fixedValueKey(inner);
      if (!innerKind) return [];
      if (inner.id === element.id) return [{ relative: '', kind: innerKind, value: inner[innerKind] }];
      if (!inner.id.startsWith(`${element.id}.`)) return [];
      const relative = inner.id.slice(element.id.length + 1);
      return relative.includes(':') ? [] : [{ relative, kind: innerKind, value: inner[innerKind] }];
    });
    const slice = { sliceId: element.id, slicedId: element.id.slice(0, last), min: element.min ?? 0, values };
    slicesBySliced.set(slice.slicedId, [...(slicesBySliced.get(slice.slicedId) ?? []), slice]);
    if (values.length > 0 && slice.min >= 1) requiredSlices.push(slice);
  }
  const closedSlicings = [...closed].map((slicedId) => ({
    slicedId,
    slices: slicesBySliced.get(slicedId) ?? [],
  }));
  return { fixedValues, requiredSlices, closedSlicings };
}

/** A slicing whose items must each fall in one of its slices. */
export interface ClosedSlicing {
  slicedId: string;
  slices: RequiredSlice[];
}

/** The values at a relative element path below `value`, each with its FHIRPath (indexes, ofType for choices). */
function valuesBelow(value: unknown, path: string, relative: string): { value: unknown; path: string }[] {
  if (relative === '') return [{ value, path }];
  let current = [{ value, path }];
  for (const name of relative.split('.')) {
    const next: { value: unknown; path: string }[] = [];
    for (const parent of current) {
      if (!isObject(parent.value)) continue;
      const found: [string, unknown][] = name.endsWith('[x]')
        ? Object.entries(parent.value)
            .filter(([key]) => key.startsWith(name.slice(0, -3)) && /^[A-Z]/.test(key.slice(name.length - 3)))
            .map(([key, v]) => [`${name.slice(0, -3)}.ofType(${key.slice(name.length - 3)})`, v])
        : parent.value[name] === undefined
          ? []
          : [[name, parent.value[name]]];
      for (const [step, child] of found) {
        if (!Array.isArray(child)) next.push({ value: child, path: `${parent.path}.${step}` });
        else
          for (const [i, item] of child.entries())
            next.push({ value: item, path: `${parent.path}.${step}[${i}]` });
      }
    }
    current = next;
  }
  return current;
}

interface Mismatch {
  path: string;
  relative: string;
  value: unknown;
}

/** Of items and slices, the pair whose values differ least (most matching on a tie), with what differs. */
function closest(
  items: readonly { value: unknown; path: string }[],
  slices: readonly RequiredSlice[],
): { slice: RequiredSlice; wrong: Mismatch[] } | undefined {
  let best: { slice: RequiredSlice; wrong: Mismatch[]; matched: number } | undefined;
  for (const item of items) {
    for (const slice of slices) {
      const wrong: Mismatch[] = [];
      let matched = 0;
      for (const expected of slice.values) {
        const found = valuesBelow(item.value, item.path, expected.relative);
        if (found.length === 0) continue;
        const bad = found.filter((f) => !meetsFixedValue(f.value, expected.kind, expected.value));
        if (bad.length < found.length) matched++;
        else if (bad[0])
          wrong.push({ path: bad[0].path, relative: expected.relative, value: expected.value });
      }
      if (wrong.length === 0) continue;
      if (
        !best ||
        wrong.length < best.wrong.length ||
        (wrong.length === best.wrong.length && matched > best.matched)
      )
        best = { slice, wrong, matched };
    }
  }
  return best && { slice: best.slice, wrong: best.wrong };
}

/**
 * The issues of a resource against the fixed and pattern values of one profile; `at` turns an instance
 * path (`Claim.insurance[0].sequence`) into the resource's place (inside a Bundle).
 */
export function checkFixedValues(
  resource: unknown,
  profile: string,
  rules: {
    index: Map<string, ElementLike>;
    fixedValues: FixedValue[];
    requiredSlices: RequiredSlice[];
    closedSlicings: ClosedSlicing[];
  },
  at: (path: string) => string,
  find: InstanceFinder = instanceFinder(resource, rules.index),
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const fixed of rules.fixedValues) {
    for (const instance of find(fixed.elementId) ?? []) {
      if (meetsFixedValue(instance.value, fixed.kind, fixed.value)) continue;
      const expected = JSON.stringify(fixed.value);
      issues.push(
        issue(
          IG_FIXED_VALUE_RULE,
          'value',
          at(instance.path),
          `${fixed.elementId} 須為 ${expected}（${profile} 的 ${fixed.kind}）`,
          `${fixed.elementId} must be ${expected} (${fixed.kind} of ${profile})`,
        ),
      );
    }
  }
  const memberPaths = (slicedId: string): Set<string> | undefined => {
    const paths = new Set<string>();
    for (const sibling of rules.closedSlicings.find((c) => c.slicedId === slicedId)?.slices ??
      rules.requiredSlices.filter((r) => r.slicedId === slicedId)) {
      const found = find(sibling.sliceId);
      if (!found) return undefined;
      for (const instance of found) paths.add(instance.path);
    }
    return paths;
  };
  const report = (slice: RequiredSlice, wrong: Mismatch[], why: 'min' | 'closed') => {
    for (const miss of wrong) {
      const expected = JSON.stringify(miss.value);
      const element = miss.relative ? `${slice.sliceId}.${miss.relative}` : slice.sliceId;
      issues.push(
        issue(
          IG_SLICE_VALUE_RULE,
          'value',
          at(miss.path),
          why === 'min'
            ? `${profile} 需要 ${slice.sliceId}（至少 ${slice.min} 個）；此項的 ${element} 須為 ${expected}`
            : `${slice.slicedId} 的切片是封閉的（${profile}）：此項不屬於任何切片；要成為 ${slice.sliceId}，${element} 須為 ${expected}`,
          why === 'min'
            ? `${profile} needs ${slice.min} of ${slice.sliceId}; this item's ${element} must be ${expected} to be one`
            : `${slice.slicedId} is closed in ${profile}: this item fits no slice; to be ${slice.sliceId}, ${element} must be ${expected}`,
        ),
      );
    }
  };
  for (const slice of rules.requiredSlices) {
    const inSlice = find(slice.sliceId);
    if (!inSlice || inSlice.length >= slice.min) continue;
    // The item in no other slice that is closest to this one: the fewest of its values differ.
    const members = memberPaths(slice.slicedId) ?? new Set<string>();
    const items = (find(slice.slicedId) ?? []).filter((i) => !members.has(i.path));
    const best = closest(items, [slice]);
    if (best) report(slice, best.wrong, 'min');
  }
  for (const slicing of rules.closedSlicings) {
    const members = memberPaths(slicing.slicedId);
    if (!members || slicing.slices.length === 0) continue;
    for (const item of find(slicing.slicedId) ?? []) {
      if (members.has(item.path)) continue;
      const best = closest(
        [item],
        slicing.slices.filter((s) => s.values.length > 0),
      );
      if (best) report(best.slice, best.wrong, 'closed');
      else
        issues.push(
          issue(
            IG_SLICE_VALUE_RULE,
            'structure',
            at(item.path),
            `${slicing.slicedId} 的切片是封閉的（${profile}）：此項不屬於任何切片`,
            `${slicing.slicedId} is closed in ${profile}: this item fits no slice`,
          ),
        );
    }
  }
  return issues;
}
