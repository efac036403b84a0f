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

/** The instances of the element `id` in one resource; undefined when a slice on the way cannot be told apart. */
export type InstanceFinder = (id: string) => ElementInstance[] | undefined;

/** An element id of a profile, split once: the position of its parent's id, and its last segment. */
interface IdEntry {
  id: string;
  /** -1 for the root (an id without a dot) */
  parent: number;
  segment: Segment;
  /** The sliced element (`Claim.identifier` of `Claim.identifier:acpt_no`) */
  slicedId: string;
  /** For a slice: its test (null when its discriminators cannot be applied), made on first use */
  test?: SliceTest | null;
}

/**
 * The element ids looked up in a profile's resources, each at a position, so that a resource's instances
 * are kept in an array rather than a map by id. Ids are added as they are first looked up.
 */
class IdTable {
  readonly entries: IdEntry[] = [];
  private readonly positions = new Map<string, number>();

  positionOf(id: string): number {
    let position = this.positions.get(id);
    if (position === undefined) {
      const dot = id.lastIndexOf('.');
      const parent = dot < 0 ? -1 : this.positionOf(id.slice(0, dot));
      const [segment = { name: id }] = dot < 0 ? [] : segmentsOf(id.slice(dot + 1));
      const slicedId = dot < 0 ? id : `${id.slice(0, dot)}.${segment.name}`;
      position = this.entries.length;
      this.entries.push({ id, parent, segment, slicedId });
      this.positions.set(id, position);
    }
    return position;
  }
}

const idTables = new WeakMap<Map<string, ElementLike>, IdTable>();

function idTableOf(index: Map<string, ElementLike>): IdTable {
  let table = idTables.get(index);
  if (!table) {
    table = new IdTable();
    idTables.set(index, table);
  }
  return table;
}

/** The slice's test, built once per profile index; undefined when its discriminators cannot be applied. */
function sliceTestOf(entry: IdEntry, index: Map<string, ElementLike>): SliceTest | undefined {
  if (entry.test === undefined)
    entry.test = buildSliceTest(entry.slicedId, entry.segment.slice ?? '', index) ?? null;
  return entry.test ?? undefined;
}

// Shared by every absent element: frozen, as callers only read it
const NO_INSTANCES = Object.freeze([]) as unknown as ElementInstance[];

/** The children of the parent instances at one segment (`name`, `name:slice`, `value[x]`). */
function childInstances(
  parents: ElementInstance[],
  entry: IdEntry,
  index: Map<string, ElementLike>,
): ElementInstance[] | undefined {
  const segment = entry.segment;
  // Most of a profile's elements are absent from a resource: nothing to look for under no parent.
  if (parents.length === 0 && segment.slice === undefined) return NO_INSTANCES;
  const test = segment.slice === undefined ? undefined : sliceTestOf(entry, index);
  if (segment.slice !== undefined && !test) return undefined;
  const next: ElementInstance[] = [];
  const name = segment.name;
  for (const parent of parents) {
    const object = parent.value;
    if (!isObject(object)) continue;
    if (name.endsWith('[x]')) {
      const stem = name.slice(0, -3);
      for (const key of Object.keys(object)) {
        const first = key.charCodeAt(stem.length);
        if (key.startsWith(stem) && first >= 65 && first <= 90) {
          const choiceType = choiceTypeName(key.slice(stem.length));
          addItems(
            next,
            object[key],
            `${parent.path}.${stem}.ofType(${choiceType})`,
            choiceType,
            test,
            choiceType,
          );
        }
      }
    } else if (object[name] !== undefined) {
      addItems(next, object[name], `${parent.path}.${name}`, `${parent.base}.${name}`, test);
    }
  }
  return next;
}

/** The instances a value makes at a path (each item of an array, at its index) that pass the slice's test. */
function addItems(
  into: ElementInstance[],
  value: unknown,
  path: string,
  base: string,
  test: SliceTest | undefined,
  choiceType?: string,
): void {
  if (!Array.isArray(value)) {
    if (!test || test(value)) into.push(instance(value, path, base, choiceType));
    return;
  }
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) continue; // a hole, which forEach skipped
    const item: unknown = value[i];
    if (!test || test(item)) into.push(instance(item, `${path}[${i}]`, base, choiceType));
  }
}

function instance(
  value: unknown,
  path: string,
  base: string,
  choiceType: string | undefined,
): ElementInstance {
  return choiceType ? { value, path, base, choiceType } : { value, path, base };
}

/**
 * Finds element instances in one resource (snapshot element ids such as `Claim.supportingInfo:weight`),
 * walking each id's parent once however many ids share it: a profile's rules name hundreds of elements.
 */
export function instanceFinder(resource: unknown, index: Map<string, ElementLike>): InstanceFinder {
  const table = idTableOf(index);
  // By id position: undefined when not looked for yet, null when a slice cannot be told apart
  const found: (ElementInstance[] | null | undefined)[] = [];
  const findAt = (position: number): ElementInstance[] | null => {
    let instances = found[position];
    if (instances === undefined) {
      const entry = table.entries[position] as IdEntry;
      if (entry.parent < 0) instances = [{ value: resource, path: entry.id, base: entry.id }];
      else {
        const parents = findAt(entry.parent);
        instances = parents ? (childInstances(parents, entry, index) ?? null) : null;
      }
      found[position] = instances;
    }
    return instances;
  };
  return (id) => findAt(table.positionOf(id)) ?? undefined;
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
