/**
 * Medplum's `validateResource` (5.2.x, as patched in patches/), made again in one pass that does less work
 * per element: the same checks in the same order, from the same parsed schemas, with Medplum's own FHIRPath
 * engine, regular expressions and comparisons (deepIncludes and isEmpty are copied, without their arrays
 * of keys), so that every answer is equal to Medplum's
 * (test/schema-validator.test.ts compares both on the guide's examples and thousands of broken copies).
 *
 * Medplum wraps every value it passes in a new `{ type, value, path }` object (several times: lookup, path,
 * comparison copies), looks each property up through the type registry and rebuilds per call what depends
 * only on the schema (which keys are choice types, which constraints apply). Here what depends only on the
 * schema is worked out once per schema element, values are wrapped once, and a resource with primitive
 * extensions (`_birthDate`), whose lookups Medplum resolves with boxed primitives, is left to Medplum whole.
 */
import {
  createConstraintIssue,
  createOperationOutcomeIssue,
  createProcessingIssue,
  createStructureIssue,
  deepEquals,
  evalFhirPathTyped,
  fhirTypeToJsType,
  getDataType,
  getNestedProperty,
  getTypedPropertyValue,
  getTypedPropertyValueWithPath,
  HTTP_HL7_ORG,
  isPrimitiveType,
  isReference,
  isResource,
  isResourceType,
  isValidCalendarDate,
  matchDiscriminant,
  parseStructureDefinition,
  toTypedValue,
  UCUM,
  validateResource,
  validationError,
  validationRegexes,
} from '@medplum/core';
import { type ConstraintShortcut, constraintShortcut } from './constraint-shortcuts.ts';
import { parsedFhirPath, plainTypeOf } from './fhir-path.ts';
import { isEmptyValue } from './json.ts';
import { innerMap } from './memo.ts';

type Schema = ReturnType<typeof getDataType>;
type SchemaElement = Schema['elements'][string];
type Constraint = NonNullable<SchemaElement['constraints']>[number];
type SliceDefinition = NonNullable<SchemaElement['slicing']>['slices'][number];
type OperationOutcomeIssue = ReturnType<typeof validateResource>[number];
type Resource = Parameters<typeof validateResource>[0];
type StructureDefinition = Parameters<typeof parseStructureDefinition>[0];

interface Typed {
  type: string;
  value: unknown;
  path: string;
}

/**
 * A value at a key of its parent (an item when `index` is not -1) as a Typed. Its path is read only for
 * issues and by Medplum's own lookups (FHIRPath, getTypedPropertyValueWithPath), so it is made when
 * first read.
 */
class ChildValue implements Typed {
  readonly type: string;
  readonly value: unknown;
  private readonly parent: Typed;
  private readonly key: string;
  private readonly index: number;
  private madePath: string | undefined;

  constructor(type: string, value: unknown, parent: Typed, key: string, index: number) {
    this.type = type;
    this.value = value;
    this.parent = parent;
    this.key = key;
    this.index = index;
  }

  get path(): string {
    this.madePath ??=
      this.index < 0 ? `${this.parent.path}.${this.key}` : `${this.parent.path}.${this.key}[${this.index}]`;
    return this.madePath;
  }
}

type JsonObject = Record<string, unknown>;

const SKIPPED_CONSTRAINTS = new Set(['ele-1', 'dom-3', 'org-1', 'sdf-19']);

const INTEGER_MIN = -2_147_483_648;
const INTEGER_MAX = 2_147_483_647;
const BASE64_MAX_BYTES = 1024 * 1024;
const HL7_SD = `${HTTP_HL7_ORG}/fhir/StructureDefinition/`;
const MEDPLUM_SD = 'https://medplum.com/fhir/StructureDefinition/';

/** A constraint with its shortcut (constraint-shortcuts.ts), looked up on first use: null when none. */
interface PlannedConstraint {
  constraint: Constraint;
  shortcut?: ConstraintShortcut | null;
}

/** What the checks of one schema element need, worked out once. */
interface ElementPlan {
  /** The constraints Medplum evaluates (errors, not skipped) */
  constraints: PlannedConstraint[];
  /**
   * The names that make the element present in an object: a key (after a leading `_`) equal to one, or
   * starting with one that stands for a choice of types (`value` of `value[x]`, for `valueQuantity`).
   * Undefined: always visited.
   */
  presence: { name: string; choice: boolean }[] | undefined;
  referenceTargets: string[] | undefined;
  /**
   * Per slice, the counter of its values: slices of one name share one (Medplum counts by name); -1 for
   * one without a name, never counted.
   */
  sliceCounters: number[];
}

const plans = new WeakMap<SchemaElement | Schema, ElementPlan>();
function planOf(element: SchemaElement | Schema, key = ''): ElementPlan {
  let plan = plans.get(element);
  if (!plan) {
    const constraints = (element.constraints ?? [])
      .filter((c) => c.severity === 'error' && !SKIPPED_CONSTRAINTS.has(c.key))
      .map((constraint) => ({ constraint }));
    let presence: ElementPlan['presence'];
    let referenceTargets: string[] | undefined;
    if ('min' in element) {
      // The patched crawl passes over an optional element whose name no key of the object starts with.
      // Visiting one whose name a key only starts with (`code` for `codeFilter`) finds no value and
      // reports nothing, so only equal names and choices of types are looked for.
      if (!(element.min > 0 && !key.includes('.'))) {
        const first = key.split('.')[0] ?? '';
        const name = { name: first.replace('[x]', ''), choice: first.endsWith('[x]') };
        const last =
          typeof element.path === 'string'
            ? element.path.substring(element.path.lastIndexOf('.') + 1)
            : first;
        const own = { name: last.replace('[x]', ''), choice: last.endsWith('[x]') };
        presence = name.name === own.name && name.choice === own.choice ? [name] : [name, own];
      }
      referenceTargets = element.type.find((t) => t.code === 'Reference')?.targetProfile;
    }
    const slices = 'slicing' in element ? (element.slicing?.slices ?? []) : [];
    const sliceCounters = slices.map((slice) =>
      slice.name ? slices.findIndex((other) => other.name === slice.name) : -1,
    );
    plan = { constraints, presence, referenceTargets, sliceCounters };
    plans.set(element, plan);
  }
  return plan;
}

/**
 * An element of a schema, by its key (`identifier`, or a profile's `extension.url`), with what the crawl
 * reads of the element and its plan for every value copied here: one object to reach per element visited,
 * not four (the element, its plan, the array of names and the first name), which matters when the
 * validations are paced and the caches cold.
 */
class SchemaEntry {
  readonly key: string;
  /** The key's names, in order */
  readonly names: PropertyName[];
  /** The first of them */
  readonly first: PropertyName;
  /** The key is one name (not a profile's dotted key) */
  readonly single: boolean;
  readonly element: SchemaElement;
  readonly plan: ElementPlan;
  readonly min: number;
  readonly max: number;
  readonly isArray: boolean | undefined;
  /** The element has a pattern or fixed value */
  readonly specified: boolean;
  readonly slicing: SchemaElement['slicing'];
  /** The plan's constraints, undefined when there are none */
  readonly constraints: PlannedConstraint[] | undefined;
  readonly referenceTargets: string[] | undefined;
  private lastParentPath: string | undefined;
  private lastPath = '';

  constructor(key: string, element: SchemaElement) {
    this.key = key;
    this.names = key.split('.').map((name) => new PropertyName(name));
    this.first = this.names[0] as PropertyName;
    this.single = this.names.length === 1;
    this.element = element;
    this.plan = planOf(element, key);
    this.min = element.min;
    this.max = element.max;
    this.isArray = element.isArray;
    this.specified = Boolean(element.pattern || element.fixed);
    this.slicing = element.slicing;
    this.constraints = this.plan.constraints.length > 0 ? this.plan.constraints : undefined;
    this.referenceTargets = this.plan.referenceTargets;
  }

  /**
   * The element's path under the path of the object that holds it (`Claim.item` → `Claim.item.sequence`),
   * the same string as last time for the same parent path (items of an array, the same place again).
   */
  pathIn(parentPath: string): string {
    if (parentPath !== this.lastParentPath) {
      this.lastPath = `${parentPath}.${this.key}`;
      this.lastParentPath = parentPath;
    }
    return this.lastPath;
  }
}

/** A property name, with the plain type (plainTypeOf) it has in the last parent type it was looked up in. */
class PropertyName {
  readonly name: string;
  private lastType: string | undefined;
  private lastPlain: string | undefined;

  constructor(name: string) {
    this.name = name;
  }

  plainTypeIn(type: string): string | undefined {
    if (type !== this.lastType) {
      this.lastPlain = plainTypeOf(type, this.name);
      this.lastType = type;
    }
    return this.lastPlain;
  }
}

/**
 * A schema's elements in order, each with its plan (an object with many keys is slow to iterate), and
 * where to find those an object's keys make present: a profile has hundreds, an object a few keys.
 */
interface SchemaIndex {
  entries: SchemaEntry[];
  /** Positions of the elements visited whatever the object holds */
  always: number[];
  /** Positions of the elements a key (without a leading `_`) makes present by its name */
  byName: Map<string, number[]>;
  /** The choices of types (`value` of `value[x]`), each with the position of its element */
  byPrefix: { name: string; position: number }[];
  /** Per key of an object as met (`_birthDate` too), the positions it makes present (keysOf), in order */
  byKey: Map<string, readonly number[]>;
  /** The schema's inner types by name */
  innerTypes: Map<string, Schema>;
  /** The choice-of-type element each key names (checkAdditionalProperties), as keys are met */
  choices: Map<string, Choice>;
}

/** Keys remembered per schema: those of the resources met, not every key someone may send. */
const MAX_KEYS_PER_SCHEMA = 2000;
const NO_POSITIONS: readonly number[] = Object.freeze([]);

/** The positions a key of an object makes present: by its name (after a leading `_`), then by prefix. */
function positionsOfKey(index: SchemaIndex, raw: string): readonly number[] {
  let found = index.byKey.get(raw);
  if (found === undefined) {
    const key = raw.charCodeAt(0) === 95 ? raw.substring(1) : raw;
    const positions = [...(index.byName.get(key) ?? [])];
    for (const { name, position } of index.byPrefix) if (key.startsWith(name)) positions.push(position);
    found = positions.length > 0 ? positions : NO_POSITIONS;
    if (index.byKey.size < MAX_KEYS_PER_SCHEMA) index.byKey.set(raw, found);
  }
  return found;
}

const schemaIndexes = new WeakMap<Schema, SchemaIndex>();

function indexOf(schema: Schema): SchemaIndex {
  let index = schemaIndexes.get(schema);
  if (!index) {
    const entries = Object.entries(schema.elements).map(([key, element]) => new SchemaEntry(key, element));
    index = {
      entries,
      always: [],
      byName: new Map(),
      byPrefix: [],
      byKey: new Map(),
      innerTypes: innerTypesOf(schema),
      choices: choicesIn(schema.elements),
    };
    for (const [position, { plan }] of entries.entries()) {
      if (!plan.presence) {
        index.always.push(position);
        continue;
      }
      for (const { name, choice } of plan.presence) {
        if (choice) index.byPrefix.push({ name, position });
        else index.byName.set(name, [...(index.byName.get(name) ?? []), position]);
      }
    }
    schemaIndexes.set(schema, index);
  }
  return index;
}

// visitedPositions collects here and returns a copy of its size (crawls nest, so the copy is kept).
const collected: number[] = [];

/** The positions of the elements to visit in an object, in the schema's order (Medplum's issue order). */
function visitedPositions(index: SchemaIndex, object: object): number[] {
  const found = collected;
  found.length = 0;
  for (const position of index.always) found.push(position);
  for (const raw in object) {
    const positions = positionsOfKey(index, raw);
    for (let n = 0; n < positions.length; n++) insertSorted(found, positions[n] as number);
  }
  return found.slice();
}

/** Inserts a position into a sorted array of distinct ones, unless it is there (an object has few keys). */
function insertSorted(sorted: number[], position: number): void {
  let n = sorted.length;
  while (n > 0 && (sorted[n - 1] as number) > position) n--;
  if (n > 0 && sorted[n - 1] === position) return;
  sorted.push(position);
  for (let m = sorted.length - 1; m > n; m--) sorted[m] = sorted[m - 1] as number;
  sorted[n] = position;
}

/** checkAdditionalProperties: per schema and key, the choice-of-type element the key names, if any. */
type Choice = { element: string; property: string } | null;
const choiceNames = new WeakMap<object, Map<string, Choice>>();

/** The choices of types of one schema's elements, by key (filled as keys are met). */
function choicesIn(properties: Record<string, SchemaElement>): Map<string, Choice> {
  return innerMap(choiceNames, properties);
}

function choiceOf(
  properties: Record<string, SchemaElement>,
  byKey: Map<string, Choice>,
  key: string,
): Choice {
  let found = byKey.get(key);
  if (found === undefined) {
    found = findChoice(properties, key);
    // Keys remembered as for positionsOfKey: those of the resources met, not every key someone may send
    if (byKey.size < MAX_KEYS_PER_SCHEMA) byKey.set(key, found);
  }
  return found;
}

function findChoice(properties: Record<string, SchemaElement>, key: string): Choice {
  const prefix = key.startsWith('_') ? '_' : '';
  const bare = prefix ? key.slice(1) : key;
  let property = '';
  for (const part of bare.split(/(?=[A-Z])/g)) {
    property += part;
    if (properties[`${property}[x]`]) return { element: `${prefix}${property}[x]`, property };
  }
  return null;
}

const NO_KEYS: JsonObject = Object.freeze({});
const NO_PLAIN_NAMES = (_name: string) => false;

/** Per type, whether a name is a plain element of it (see plainTypeOf), for constraint shortcuts. */
const plainNames = new Map<string, (name: string) => boolean>();

function plainNamesOf(type: string): (name: string) => boolean {
  let found = plainNames.get(type);
  if (!found) {
    found = (name) => plainTypeOf(type, name) !== undefined;
    plainNames.set(type, found);
  }
  return found;
}

class Validator {
  readonly issues: OperationOutcomeIssue[] = [];
  private readonly resources: unknown[] = [];
  private readonly root: Typed;
  /** The root as the %rootResource variable (no path), when it is a resource */
  private readonly rootResource: { type: string; value: unknown } | undefined;

  private readonly schema: Schema;

  constructor(typed: { type: string; value: unknown }, schema: Schema) {
    this.schema = schema;
    this.root = { ...typed, path: schema.path };
    if (isResource(typed.value)) {
      this.rootResource = typed;
      this.resources.push(typed.value);
    }
  }

  /** Validates; false (nothing done) when the resource holds a primitive extension, left to Medplum. */
  run(): boolean {
    if (checkObjectForNull(this.root.value as JsonObject, this.schema.path, this.issues)) return false;
    this.checkConstraints(this.root, planOf(this.schema).constraints);
    this.crawlObject(this.root, this.schema, this.schema.path, true);
    return true;
  }

  private crawlObject(object: Typed, schema: Schema, path: string, skipAbsent: boolean): void {
    const isResourceValue = isResource(object.value);
    if (isResourceValue) this.resources.push(object.value);
    const value = object.value;
    const index = indexOf(schema);
    const entries = index.entries;
    const positions =
      skipAbsent && value && typeof value === 'object' ? visitedPositions(index, value) : undefined;
    const count = positions ? positions.length : entries.length;
    // A profile's dotted keys come in runs with one first name (`meta.id`, `meta.extension` …): its values
    // are looked up once a run.
    let firstName: string | undefined;
    let firstFound: Typed | Typed[] = object;
    for (let n = 0; n < count; n++) {
      const entry = entries[positions ? (positions[n] as number) : n] as SchemaEntry;
      const propertyPath = entry.pathIn(path);
      const first = entry.first;
      if (entry.single) {
        const found = step(object, first);
        this.visitProperty(propertyPath, found, entry);
        this.crawlFound(found, propertyPath, index);
      } else {
        if (first.name !== firstName) {
          firstName = first.name;
          firstFound = step(object, first);
        }
        const values = propertyValues(firstFound, entry.names);
        for (const found of values) if (!this.visitProperty(propertyPath, found, entry)) break;
        for (const found of values) this.crawlFound(found, propertyPath, index);
      }
    }
    this.checkAdditionalProperties(object, schema.elements, index.choices);
    if (isResourceValue) this.resources.pop();
  }

  /** Crawls the values found under an element of the schema indexed by `index`. */
  private crawlFound(found: Typed | Typed[], path: string, index: SchemaIndex): void {
    if (Array.isArray(found)) {
      for (const item of found) this.crawlValue(item, path, index);
    } else this.crawlValue(found, path, index);
  }

  private crawlValue(value: Typed, path: string, index: SchemaIndex): void {
    if (isPrimitiveType(value.type)) return;
    this.crawlObject(value, index.innerTypes.get(value.type) ?? getDataType(value.type), path, true);
  }

  /**
   * Medplum's checks of the values found at an element's key (one value, or an array of them); false when
   * Medplum would stop looking at the others found for a dotted key.
   */
  private visitProperty(path: string, value: Typed | Typed[], entry: SchemaEntry): boolean {
    if (!Array.isArray(value) && value.value === undefined) {
      if (entry.min > 0) this.issues.push(structure(value.path, 'Missing required property'));
      return false;
    }
    // (Medplum's isEmpty: a Typed always has keys, so only an array of none is empty.)
    if (Array.isArray(value) && value.length === 0) {
      this.issues.push(structure(path, 'Invalid empty value'));
      return false;
    }
    if (entry.isArray && !Array.isArray(value)) {
      this.issues.push(structure(path, 'Expected array of values for property'));
      return false;
    }
    if (!entry.isArray && Array.isArray(value)) {
      this.issues.push(structure(path, 'Expected single value for property'));
      return false;
    }
    const count = Array.isArray(value) ? value.length : 1;
    if (count < entry.min || count > entry.max) {
      const max = Number.isFinite(entry.max) ? entry.max : '*';
      this.issues.push(
        structure(
          entry.element.path,
          `Invalid number of values: expected ${entry.min}..${max}, but found ${count}`,
        ),
      );
    }
    if (entry.specified && !matchesSpecifiedValue(value, entry.element)) {
      this.issues.push(structure(path, 'Value did not match expected pattern'));
    }
    const slicing = entry.slicing;
    const counts = slicing ? new Array<number>(slicing.slices.length).fill(0) : undefined;
    if (Array.isArray(value)) for (const item of value) this.checkValue(item, entry, counts);
    else this.checkValue(value, entry, counts);
    if (slicing && counts) {
      const slices = slicing.slices;
      const counters = entry.plan.sliceCounters;
      for (let n = 0; n < slices.length; n++)
        this.checkSliceCount(slices[n] as SliceDefinition, counts[counters[n] ?? -1] ?? 0, path);
    }
    return true;
  }

  /** The checks of one value of an element; with slicing, counts it in the slice it falls in. */
  private checkValue(item: Typed, entry: SchemaEntry, counts: number[] | undefined): void {
    if (entry.constraints) this.checkConstraints(item, entry.constraints);
    if (entry.referenceTargets) this.checkReference(item, entry.element, entry.referenceTargets);
    this.checkPropertyValue(item);
    if (counts && entry.slicing) {
      const slice = sliceOf(item, entry.slicing);
      const counter = entry.plan.sliceCounters[slice] ?? -1;
      if (counter >= 0) counts[counter] = (counts[counter] ?? 0) + 1;
    }
  }

  private checkSliceCount(slice: SliceDefinition, count: number, path: string): void {
    if (count >= slice.min && count <= slice.max) return;
    const max = Number.isFinite(slice.max) ? slice.max : '*';
    this.issues.push(
      structure(
        path,
        `Incorrect number of values provided for slice '${slice.name}': expected ${slice.min}..${max}, but found ${count}`,
      ),
    );
  }

  private checkPropertyValue(value: Typed): void {
    if (isPrimitiveType(value.type)) this.checkPrimitive(value);
    else if (isEmptyValue(value.value))
      this.issues.push(structure(value.path, 'Invalid empty non-primitive value'));
  }

  private checkConstraints(value: Typed, constraints: PlannedConstraint[]): void {
    for (const planned of constraints) {
      if (!this.isTrue(planned, value)) {
        this.issues.push(createConstraintIssue(value.path, planned.constraint as never));
        return;
      }
    }
  }

  private isTrue(planned: PlannedConstraint, value: Typed): boolean {
    const constraint = planned.constraint;
    if (planned.shortcut === undefined) planned.shortcut = constraintShortcut(constraint.expression) ?? null;
    const shortcut = planned.shortcut;
    if (shortcut) {
      const object = value.value;
      // On a primitive (txt-1's `htmlChecks()` on Narrative.div) no name counts as absent: only terms
      // without a path can decide.
      const keyed = object && typeof object === 'object' && !Array.isArray(object);
      if (
        keyed ? shortcut(object as JsonObject, plainNamesOf(value.type)) : shortcut(NO_KEYS, NO_PLAIN_NAMES)
      )
        return true;
    }
    const variables: Record<string, unknown> = { '%context': value, '%ucum': toTypedValue(UCUM) };
    const current = this.resources.at(-1);
    if (current) variables['%resource'] = toTypedValue(current);
    if (this.rootResource) variables['%rootResource'] = this.rootResource;
    try {
      const result = evalFhirPathTyped(parsedFhirPath(constraint.expression), [value], variables as never);
      return result.length === 1 && result[0]?.value === true;
    } catch (error) {
      this.issues.push(
        createProcessingIssue(value.path, 'Error evaluating invariant expression', error as Error, {
          fhirpath: constraint.expression,
        }),
      );
      return false;
    }
  }

  private checkReference(value: Typed, element: SchemaElement, targets: string[]): void {
    if (value.type !== 'Reference') return;
    const reference = value.value;
    if (!isReference(reference) || reference.reference.startsWith('#')) return;
    const text = reference.reference;
    const referenced = text.includes('?') ? text.split('?')[0] : text.split('/')[0];
    if (!referenced) return;
    if (text === 'system' && element.path === 'AuditEvent.agent.who') return;
    for (const target of targets) {
      if (
        target === `${HL7_SD}Resource` ||
        target === `${HL7_SD}${referenced}` ||
        target === `${MEDPLUM_SD}${referenced}`
      )
        return;
      if (!target.startsWith(HL7_SD) && !target.startsWith(MEDPLUM_SD)) return;
    }
    this.issues.push(
      issue(
        'warning',
        'structure',
        `Invalid reference: got "${referenced}", expected "${targets.join('", "')}"`,
        value.path,
      ),
    );
  }

  private checkPrimitive(typed: Typed): void {
    const { type, value } = typed;
    if (value && typeof value === 'object') {
      // A primitive element holding an object: Medplum checks the object as an Element (its
      // primitive part, a boxed value, only comes with primitive extensions, left to Medplum).
      const path = typed.path;
      this.crawlObject({ type: 'Element', value, path }, getDataType('Element'), path, false);
      return;
    }
    const problem = primitiveProblem(type, value);
    if (problem) this.issues.push(structure(typed.path, problem));
  }

  private checkAdditionalProperties(
    parent: Typed,
    properties: Record<string, SchemaElement>,
    byKey: Map<string, Choice>,
  ): void {
    const object = parent.value as JsonObject | undefined;
    if (!object) return;
    // The key found for each choice element (`value[x]`, `_value[x]`), made when one is met
    let choices: Record<string, string> | undefined;
    for (const key in object) {
      // Own keys only, as Object.keys (String.prototype has enumerable ones, for a string held by mistake)
      if (key === 'resourceType' || !Object.hasOwn(object, key)) continue;
      const choice = choiceOf(properties, byKey, key);
      const element =
        choice && getTypedPropertyValue(parent as never, choice.property) ? choice.element : undefined;
      if (element) {
        choices ??= {};
        const related = element.startsWith('_') ? element.slice(1) : `_${element}`;
        const relatedKey = element.startsWith('_') ? key.slice(1) : `_${key}`;
        if (related in choices && choices[related] !== relatedKey) {
          const name = element.startsWith('_') ? element.slice(1) : element;
          this.issues.push(
            issue(
              'warning',
              'structure',
              `Type of primitive extension does not match the type of property "${name}"`,
              element,
            ),
          );
        }
        if (choices[element]) {
          this.issues.push(
            issue(
              'warning',
              'structure',
              `Conflicting choice of type properties: "${key}", "${choices[element]}"`,
              key,
            ),
          );
        }
        choices[element] = key;
        continue;
      }
      if (
        !(key in properties) &&
        !(key.startsWith('_') && key.slice(1) in properties) &&
        object[key] !== undefined
      )
        this.issues.push(structure(`${parent.path}.${key}`, `Invalid additional property "${key}"`));
    }
  }
}

/**
 * Property `key` of `parent` with its type and path (one value, an array of them, or `undefined` as a
 * value), as Medplum's getTypedPropertyValueWithPath finds it; the common case (a plain property of a base
 * type) without its detour through the type registry.
 */
function step(parent: Typed, name: PropertyName): Typed | Typed[] {
  const key = name.name;
  const object = parent.value as JsonObject | undefined;
  if (!object) return new ChildValue('undefined', undefined, parent, key, -1);
  const type = name.plainTypeIn(parent.type);
  if (type === undefined) return getTypedPropertyValueWithPath(parent as never, key) as never;
  const value = object[key];
  if (isEmptyValue(value)) return new ChildValue('undefined', undefined, parent, key, -1);
  if (Array.isArray(value)) {
    // As Array.map: a hole stays a hole
    const items = new Array<Typed>(value.length);
    for (let index = 0; index < value.length; index++) {
      if (!(index in value)) continue;
      const item: unknown = value[index];
      items[index] = new ChildValue(typeOf(item, type), item, parent, key, index);
    }
    return items;
  }
  return new ChildValue(typeOf(value, type), value, parent, key, -1);
}

/**
 * The values at a dotted key (`meta.id`) as getNestedProperty finds them, from those of its first name:
 * one value, an array of them, or `undefined` as a value each.
 */
function propertyValues(first: Typed | Typed[], names: PropertyName[]): (Typed | Typed[])[] {
  let found: (Typed | Typed[])[] = [first];
  for (let n = 1; n < names.length; n++) {
    const name = names[n] as PropertyName;
    const only = found.length === 1 ? found[0] : undefined;
    if (only && !Array.isArray(only)) {
      found = only.value === undefined ? [] : [step(only, name)];
      continue;
    }
    const next: (Typed | Typed[])[] = [];
    for (const current of found) {
      if (Array.isArray(current)) {
        for (const item of current) next.push(step(item, name));
      } else if (current.value !== undefined) next.push(step(current, name));
    }
    found = next;
  }
  return found;
}

function typeOf(value: unknown, type: string): string {
  return type === 'Resource' && isResource(value) ? value.resourceType : type;
}

/** A schema's inner types (backbone elements) by name, the first of each name (as a search in order). */
function innerTypesOf(schema: Schema): Map<string, Schema> {
  const byName = new Map<string, Schema>();
  for (const type of schema.innerTypes ?? []) if (!byName.has(type.name)) byName.set(type.name, type);
  return byName;
}

/**
 * The position of the first slice the value falls in, or -1. Medplum looks the discriminator's path up
 * again for every slice (an extension of a profile with twenty slices: its url twenty times); the values
 * found are the same each time (the lookup reads the value, matchDiscriminant only compares), so each
 * discriminator's are looked up once, when first needed, in Medplum's order.
 */
function sliceOf(value: Typed, slicing: NonNullable<SchemaElement['slicing']>): number {
  const { slices, discriminator: discriminators } = slicing;
  let found: ReturnType<typeof getNestedProperty>[] | undefined;
  for (let s = 0; s < slices.length; s++) {
    const slice = slices[s];
    let all = true;
    for (let d = 0; d < discriminators.length; d++) {
      const discriminator = discriminators[d] as (typeof discriminators)[number];
      found ??= [];
      let values = found[d];
      if (values === undefined) {
        values = getNestedProperty(value as never, discriminator.path);
        found[d] = values;
      }
      if (!values.some((v) => matchDiscriminant(v as never, discriminator as never, slice as never))) {
        all = false;
        break;
      }
    }
    if (all) return s;
  }
  return -1;
}

function matchesSpecifiedValue(value: Typed | Typed[], element: SchemaElement): boolean {
  const typeAndValue = Array.isArray(value)
    ? value.map((v) => ({ type: v.type, value: v.value }))
    : { type: value.type, value: value.value };
  if (element.pattern && !includesPattern(typeAndValue, element.pattern)) return false;
  if (element.fixed && !deepEquals(typeAndValue, element.fixed)) return false;
  return true;
}

/** Medplum's deepIncludes, without making arrays of an object's keys and entries. */
function includesPattern(value: unknown, pattern: unknown): boolean {
  if (isEmptyValue(value)) return true;
  if (isEmptyValue(pattern)) return false;
  if (Array.isArray(value) && Array.isArray(pattern))
    return pattern.every((expected) => value.some((item) => includesPattern(item, expected)));
  if (Array.isArray(value) || Array.isArray(pattern)) return false;
  const isValueObject = value !== null && typeof value === 'object';
  const isPatternObject = pattern !== null && typeof pattern === 'object';
  if (isValueObject && isPatternObject) {
    const object = value as JsonObject;
    const expected = pattern as JsonObject;
    // The pattern's own keys in Object.entries order
    for (const key in expected) {
      if (Object.hasOwn(expected, key) && !(key in object && includesPattern(object[key], expected[key])))
        return false;
    }
    return true;
  }
  if (isValueObject || isPatternObject) return false;
  return value === pattern;
}

/**
 * Medplum's check for null and undefined values, which also tells whether the object is one to leave to
 * Medplum: true when a key anywhere starts with `_` (a primitive extension) or holds a line feed (which
 * keyLines uses as separator). Paths are made only for an object that holds a null or undefined.
 */
function checkObjectForNull(object: JsonObject, path: string, issues: OperationOutcomeIssue[]): boolean {
  const found = nullsAndExtensions(object);
  if (found & HAS_NULL) reportNulls(object, path, issues);
  return (found & EXTENDED) !== 0;
}

const EXTENDED = 1;
const HAS_NULL = 2;

/** Whether the object holds a primitive extension (EXTENDED) and a null or undefined to report (HAS_NULL). */
function nullsAndExtensions(object: JsonObject): number {
  let found = 0;
  for (const key in object) {
    if (key.charCodeAt(0) === 95 || key.includes('\n')) found |= EXTENDED;
    const value = object[key];
    if (value === null) found |= HAS_NULL;
    else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (item === undefined || item === null) found |= HAS_NULL;
        else if (typeof item === 'object') found |= nullsAndExtensions(item);
      }
    } else if (typeof value === 'object') found |= nullsAndExtensions(value as JsonObject);
  }
  return found;
}

/** The issues of Medplum's check for null and undefined values, in its order. */
function reportNulls(object: JsonObject, path: string, issues: OperationOutcomeIssue[]): void {
  for (const key in object) {
    const value = object[key];
    const propertyPath = `${path}.${key}`;
    if (value === null) {
      issues.push(structure(propertyPath, 'Invalid null value'));
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (item === undefined) {
          issues.push(structure(`${propertyPath}[${i}]`, 'Invalid undefined value'));
        } else if (item === null) {
          const partner = key.charCodeAt(0) === 95 ? key.slice(1) : `_${key}`;
          if (!(object[partner] as unknown[] | undefined)?.[i])
            issues.push(structure(`${propertyPath}[${i}]`, 'Invalid null value'));
        } else if (item && typeof item === 'object') {
          // (Medplum also walks the characters of strings in arrays, which never holds an issue.)
          reportNulls(item, `${propertyPath}[${i}]`, issues);
        }
      }
    } else if (typeof value === 'object') {
      reportNulls(value as JsonObject, propertyPath, issues);
    }
  }
}

/** What Medplum finds wrong with a primitive value (not an object) of a type, if anything. */
function primitiveProblem(type: string, value: unknown): string | undefined {
  if (!(type in fhirTypeToJsType)) return `Invalid JSON type: ${type} is not a valid FHIR type`;
  const expected = fhirTypeToJsType[type as keyof typeof fhirTypeToJsType];
  if (typeof value !== expected)
    return value === null ? undefined : `Invalid JSON type: expected ${expected}, but got ${typeof value}`;
  if (type === 'base64Binary') return base64Problem(value as string);
  if (expected === 'string') return stringProblem(value as string, type);
  if (expected === 'number') return numberProblem(value as number, type);
  return undefined;
}

function base64Problem(text: string): string | undefined {
  if (!isValidBase64Binary(text)) return 'Invalid base64Binary format';
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = Math.max(0, Math.floor((text.length * 3) / 4) - padding);
  return bytes > BASE64_MAX_BYTES ? `base64Binary exceeds ${BASE64_MAX_BYTES} bytes` : undefined;
}

/**
 * Medplum's format of a string type, without xhtml's (the pattern `.*` without flags), which every string
 * matches, at least emptily at its start, after a scan to its first line feed: a narrative's whole div,
 * most of the time.
 */
const formats = new Map<string, RegExp | null>();

function formatOf(type: string): RegExp | undefined {
  let format = formats.get(type);
  if (format === undefined) {
    const regex: RegExp | undefined = validationRegexes[type];
    format = regex && !(regex.source === '.*' && regex.flags === '') ? regex : null;
    formats.set(type, format);
  }
  return format ?? undefined;
}

function stringProblem(text: string, type: string): string | undefined {
  if (!text.trim()) return 'String must contain non-whitespace content';
  if (text.length > 1024 * 1024) return 'String cannot be larger than 1 MB';
  const regex = formatOf(type);
  if (regex && !regex.test(text)) return `Invalid ${type} format`;
  if ((type === 'date' || type === 'dateTime' || type === 'instant') && !isValidCalendarDate(text))
    return `Invalid ${type} value`;
  return undefined;
}

function numberProblem(n: number, type: string): string | undefined {
  const integer = type === 'integer' || type === 'positiveInt' || type === 'unsignedInt';
  if (Number.isNaN(n) || !Number.isFinite(n)) return 'Invalid numeric value';
  if (integer && !Number.isInteger(n)) return 'Expected number to be an integer';
  if (type === 'integer' && (n < INTEGER_MIN || n > INTEGER_MAX))
    return `Expected number to be in the range ${INTEGER_MIN}..${INTEGER_MAX}`;
  if (type === 'positiveInt' && (n < 1 || n > INTEGER_MAX))
    return `Expected number to be in the range 1..${INTEGER_MAX}`;
  if (type === 'unsignedInt' && (n < 0 || n > INTEGER_MAX))
    return `Expected number to be in the range 0..${INTEGER_MAX}`;
  return undefined;
}

function isValidBase64Binary(text: string): boolean {
  if (text.length === 0) return false;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const dataLength = text.length - padding;
  if (dataLength < 0 || (padding + dataLength) % 4 !== 0) return false;
  return /^[A-Za-z\d+/]+$/.test(padding > 0 ? text.slice(0, -padding) : text);
}

function issue(
  severity: 'error' | 'warning',
  code: string,
  text: string,
  expression: string,
): OperationOutcomeIssue {
  return createOperationOutcomeIssue(severity, code as never, text, expression);
}

const structure = createStructureIssue;

/** Medplum returns the issues when there are only warnings and throws them (all of them) on errors. */
function caught(error: unknown): OperationOutcomeIssue[] {
  const outcome = (error as { outcome?: { issue?: unknown } } | undefined)?.outcome;
  if (outcome && Array.isArray(outcome.issue)) return outcome.issue as OperationOutcomeIssue[];
  throw error;
}

/**
 * The issues Medplum's validateResource finds on `resource` against `profile` (base R4 without one):
 * those it returns, or those of the OperationOutcome it throws. Anything else it would throw is thrown.
 */
export function schemaIssues(resource: Resource, profile?: StructureDefinition): OperationOutcomeIssue[] {
  try {
    if (!isResourceType(resource.resourceType)) return validationError('Invalid resource type').issue ?? [];
    const typed = toTypedValue(resource);
    const schema = profile ? parseStructureDefinition(profile) : getDataType(typed.type);
    const validator = new Validator(typed, schema);
    return validator.run() ? validator.issues : validateResource(resource, profile ? { profile } : {});
  } catch (error) {
    return caught(error);
  }
}
