/**
 * The instances of a StructureDefinition element inside a resource, found by its snapshot id: each
 * segment is followed through arrays, choice elements (`value[x]`) and slices — a slice keeps the items
 * its discriminators select (value/pattern by the slice's fixed or pattern value, type, profile, an
 * extension's url). Each instance carries its FHIRPath from the resource root, with array indexes and
 * `ofType()` for choices: `Claim.supportingInfo[0].value.ofType(Quantity)`.
 */
import { childValues, matchesPattern } from './fhir-path.ts';
import type { ElementLike } from './guide.ts';
import { isObject, list } from './json.ts';

export interface ElementInstance {
  value: unknown;
  /** FHIRPath from the resource, e.g. `Patient.identifier[0]`. */
  path: string;
  /** The element path without slices, for typed FHIRPath evaluation, e.g. `Patient.identifier`. */
  base: string;
  /** The FHIR type of the value when the element is a choice (`Quantity` for `valueQuantity`). */
  choiceType?: string;
}

interface Segment {
  name: string;
  slice?: string;
}

function segmentsOf(id: string): Segment[] {
  return id.split('.').map((part) => {
    const colon = part.indexOf(':');
    return colon < 0 ? { name: part } : { name: part.slice(0, colon), slice: part.slice(colon + 1) };
  });
}

function fixedOrPattern(element: ElementLike | undefined): unknown {
  if (!element) return undefined;
  const key = Object.keys(element).find((k) => k.startsWith('fixed') || k.startsWith('pattern'));
  return key === undefined ? undefined : element[key];
}

const PRIMITIVES = new Set([
  'base64Binary',
  'boolean',
  'canonical',
  'code',
  'date',
  'dateTime',
  'decimal',
  'id',
  'instant',
  'integer',
  'markdown',
  'oid',
  'positiveInt',
  'string',
  'time',
  'unsignedInt',
  'uri',
  'url',
  'uuid',
]);

/** `Quantity` for `valueQuantity`, `dateTime` for `effectiveDateTime`. */
function choiceTypeName(suffix: string): string {
  const lowered = suffix.charAt(0).toLowerCase() + suffix.slice(1);
  return PRIMITIVES.has(lowered) ? lowered : suffix;
}

/** A predicate selecting the items of a slice, or undefined when its discriminators cannot be applied. */
type SliceTest = (item: unknown) => boolean;

function discriminatorTest(
  type: string,
  path: string,
  slice: ElementLike,
  index: Map<string, ElementLike>,
): SliceTest | undefined {
  if (type === 'value' || type === 'pattern') {
    // The expected value sits on the slice's child element at the discriminator path (or a parent of it).
    const parts = path === '$this' ? [] : path.split('.');
    for (let n = parts.length; n >= 0; n -= 1) {
      const prefix = parts.slice(0, n).join('.');
      const element = index.get(prefix ? `${slice.id}.${prefix}` : slice.id);
      let expected = fixedOrPattern(element);
      if (expected === undefined && prefix === 'url' && slice.type?.[0]?.code === 'Extension') {
        expected = slice.type[0].profile?.[0];
      }
      if (expected === undefined) continue;
      return (item) => childValues(item, prefix || '$this').some((value) => matchesPattern(value, expected));
    }
    return undefined;
  }
  if (type === 'profile') {
    const profiles = (slice.type ?? []).flatMap((t) => t.profile ?? []);
    if (profiles.length === 0) return undefined;
    return (item) =>
      childValues(item, path).some(
        (value) =>
          isObject(value) &&
          isObject(value.meta) &&
          list(value.meta.profile).some((p) => typeof p === 'string' && profiles.includes(p)),
      );
  }
  return undefined;
}

function buildSliceTest(
  slicedId: string,
  sliceName: string,
  index: Map<string, ElementLike>,
): SliceTest | undefined {
  const sliced = index.get(slicedId);
  const slice = index.get(`${slicedId}:${sliceName}`);
  const discriminators = sliced?.slicing?.discriminator ?? [];
  if (!slice || discriminators.length === 0) return undefined;
  const tests: SliceTest[] = [];
  for (const { type, path } of discriminators) {
    const test = discriminatorTest(type, path, slice, index);
    if (!test) return undefined;
    tests.push(test);
  }
  return (item) => tests.every((test) => test(item));
}

const sliceTests = new WeakMap<Map<string, ElementLike>, Map<string, SliceTest | undefined>>();

/** The slice's test, built once per profile index. */
function sliceTest(
  slicedId: string,
  sliceName: string,
  index: Map<string, ElementLike>,
): SliceTest | undefined {
  let tests = sliceTests.get(index);
  if (!tests) {
    tests = new Map();
    sliceTests.set(index, tests);
  }
  const key = `${slicedId}:${sliceName}`;
  if (!tests.has(key)) tests.set(key, buildSliceTest(slicedId, sliceName, index));
  return tests.get(key);
}

/** The instances of the element `id` in one resource; undefined when a slice on the way cannot be told apart. */
export type InstanceFinder = (id: string) => ElementInstance[] | undefined;

/** The children of the parent instances at one segment (`name`, `name:slice`, `value[x]`). */
function childInstances(
  parents: ElementInstance[],
  parentId: string,
  segment: Segment,
  index: Map<string, ElementLike>,
): ElementInstance[] | undefined {
  // Most of a profile's elements are absent from a resource: nothing to look for under no parent.
  if (parents.length === 0 && segment.slice === undefined) return [];
  const slicedId = `${parentId}.${segment.name}`;
  const test = segment.slice === undefined ? undefined : sliceTest(slicedId, segment.slice, index);
  if (segment.slice !== undefined && !test) return undefined;
  const next: ElementInstance[] = [];
  for (const parent of parents) {
    if (!isObject(parent.value)) continue;
    const base = `${parent.base}.${segment.name}`;
    const found: { key: string; value: unknown; choiceType?: string }[] = [];
    if (segment.name.endsWith('[x]')) {
      const stem = segment.name.slice(0, -3);
      for (const [key, value] of Object.entries(parent.value)) {
        if (key.startsWith(stem) && /^[A-Z]/.test(key.slice(stem.length)))
          found.push({ key, value, choiceType: choiceTypeName(key.slice(stem.length)) });
      }
    } else if (parent.value[segment.name] !== undefined) {
      found.push({ key: segment.name, value: parent.value[segment.name] });
    }
    for (const { value, choiceType } of found) {
      const name = choiceType ? `${segment.name.slice(0, -3)}.ofType(${choiceType})` : segment.name;
      const items = Array.isArray(value) ? value : [value];
      items.forEach((item, i) => {
        if (test && !test(item)) return;
        next.push({
          value: item,
          path: `${parent.path}.${name}${Array.isArray(value) ? `[${i}]` : ''}`,
          base: choiceType ?? base,
          ...(choiceType ? { choiceType } : {}),
        });
      });
    }
  }
  return next;
}

interface ParsedId {
  parentId: string;
  segment: Segment;
}

// Snapshot element ids are a bounded set: each split into parent and last segment once.
const parsedIds = new Map<string, ParsedId | null>();

function parsedId(id: string): ParsedId | null {
  let parsed = parsedIds.get(id);
  if (parsed === undefined) {
    const dot = id.lastIndexOf('.');
    const [segment] = dot < 0 ? [] : segmentsOf(id.slice(dot + 1));
    parsed = segment ? { parentId: id.slice(0, dot), segment } : null;
    parsedIds.set(id, parsed);
  }
  return parsed;
}

/**
 * Finds element instances in one resource (snapshot element ids such as `Claim.supportingInfo:weight`),
 * walking each id's parent once however many ids share it: a profile's rules name hundreds of elements.
 */
export function instanceFinder(resource: unknown, index: Map<string, ElementLike>): InstanceFinder {
  const found = new Map<string, ElementInstance[] | undefined>();
  const find: InstanceFinder = (id) => {
    if (found.has(id)) return found.get(id);
    let instances: ElementInstance[] | undefined;
    if (id.lastIndexOf('.') < 0) {
      instances = [{ value: resource, path: id, base: id }];
    } else {
      const parsed = parsedId(id);
      const parents = parsed ? find(parsed.parentId) : undefined;
      if (parents && parsed) instances = childInstances(parents, parsed.parentId, parsed.segment, index);
    }
    found.set(id, instances);
    return instances;
  };
  return find;
}

/**
 * Every instance of the element `id` (a snapshot element id such as `Claim.supportingInfo:weight`) in the
 * resource; `undefined` when a slice on the way cannot be told apart by its discriminators.
 */
export function elementInstances(
  resource: unknown,
  id: string,
  index: Map<string, ElementLike>,
): ElementInstance[] | undefined {
  return instanceFinder(resource, index)(id);
}
