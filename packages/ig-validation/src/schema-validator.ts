/**
 * Medplum's `validateResource` (5.2.x, as patched in patches/), made again in one pass that does less work
 * per element: the same checks in the same order, from the same parsed schemas, with Medplum's own FHIRPath
 * engine, regular expressions and comparisons, so that every answer is equal to Medplum's
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
  deepIncludes,
  evalFhirPathTyped,
  fhirTypeToJsType,
  getDataType,
  getElementDefinition,
  getNestedProperty,
  getTypedPropertyValue,
  getTypedPropertyValueWithPath,
  HTTP_HL7_ORG,
  isEmpty,
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
import { constraintShortcut } from './constraint-shortcuts.ts';
import { parsedFhirPath } from './fhir-path.ts';

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

type JsonObject = Record<string, unknown>;

const SKIPPED_CONSTRAINTS = new Set(['ele-1', 'dom-3', 'org-1', 'sdf-19']);

const INTEGER_MIN = -2_147_483_648;
const INTEGER_MAX = 2_147_483_647;
const BASE64_MAX_BYTES = 1024 * 1024;
const HL7_SD = `${HTTP_HL7_ORG}/fhir/StructureDefinition/`;
const MEDPLUM_SD = 'https://medplum.com/fhir/StructureDefinition/';

/** What the checks of one schema element need, worked out once. */
interface ElementPlan {
  /** The constraints Medplum evaluates (errors, not skipped) */
  constraints: Constraint[];
  /**
   * The names that make the element present in an object: a key (after a leading `_`) equal to one, or
   * starting with one that stands for a choice of types (`value` of `value[x]`, for `valueQuantity`).
   * Undefined: always visited.
   */
  presence: { name: string; choice: boolean }[] | undefined;
  referenceTargets: string[] | undefined;
}

const plans = new WeakMap<SchemaElement | Schema, ElementPlan>();
function planOf(element: SchemaElement | Schema, key = ''): ElementPlan {
  let plan = plans.get(element);
  if (!plan) {
    const constraints = (element.constraints ?? []).filter(
      (c) => c.severity === 'error' && !SKIPPED_CONSTRAINTS.has(c.key),
    );
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
    plan = { constraints, presence, referenceTargets };
    plans.set(element, plan);
  }
  return plan;
}

interface SchemaEntry {
  key: string;
  element: SchemaElement;
  plan: ElementPlan;
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
}

const schemaIndexes = new WeakMap<Schema, SchemaIndex>();

function indexOf(schema: Schema): SchemaIndex {
  let index = schemaIndexes.get(schema);
  if (!index) {
    const entries = Object.entries(schema.elements).map(([key, element]) => ({
      key,
      element,
      plan: planOf(element, key),
    }));
    index = { entries, always: [], byName: new Map(), byPrefix: [] };
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

/** The positions of the elements to visit in an object, in the schema's order (Medplum's issue order). */
function visitedPositions(index: SchemaIndex, object: object): number[] {
  const found = index.always.slice();
  for (const raw in object) {
    const key = raw.charCodeAt(0) === 95 ? raw.substring(1) : raw;
    const named = index.byName.get(key);
    if (named) for (const position of named) found.push(position);
    for (const { name, position } of index.byPrefix) if (key.startsWith(name)) found.push(position);
  }
  found.sort((a, b) => a - b);
  let kept = 0;
  for (let n = 0; n < found.length; n++)
    if (n === 0 || found[n] !== found[n - 1]) found[kept++] = found[n] as number;
  found.length = kept;
  return found;
}

/** A value per pair of keys, computed once (`null` stands for none). */
function cached<A, V>(
  store: {
    get(first: A): Map<string, V | null> | undefined;
    set(first: A, byKey: Map<string, V | null>): unknown;
  },
  first: A,
  second: string,
  compute: () => V | null,
): V | null {
  let byKey = store.get(first);
  if (!byKey) {
    byKey = new Map();
    store.set(first, byKey);
  }
  let found = byKey.get(second);
  if (found === undefined) {
    found = compute();
    byKey.set(second, found);
  }
  return found;
}

/** checkAdditionalProperties: per schema and key, the choice-of-type element the key names, if any. */
const choiceNames = new WeakMap<object, Map<string, { element: string; property: string } | null>>();

function choiceOf(properties: Record<string, SchemaElement>, key: string) {
  return cached(choiceNames, properties, key, () => {
    const prefix = key.startsWith('_') ? '_' : '';
    const bare = prefix ? key.slice(1) : key;
    let property = '';
    for (const part of bare.split(/(?=[A-Z])/g)) {
      property += part;
      if (properties[`${property}[x]`]) return { element: `${prefix}${property}[x]`, property };
    }
    return null;
  });
}

/**
 * The one type of property `key` of a base type when Medplum's lookup of it is plain (getElementDefinition
 * finds an element of that name with one type, not a choice); undefined when it is not. Cached.
 */
const plainTypes = new Map<string, Map<string, string | null>>();

function plainTypeOf(type: string, key: string): string | undefined {
  const found = cached(plainTypes, type, key, () => {
    const element = getElementDefinition(type, key);
    const plain =
      element?.type.length === 1 &&
      !element.path.endsWith('[x]') &&
      element.path.substring(element.path.lastIndexOf('.') + 1) === key;
    return plain ? (element.type[0] as { code: string }).code : null;
  });
  return found ?? undefined;
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
    this.checkConstraints(this.root, planOf(this.schema));
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
    for (let n = 0; n < count; n++) {
      const { key, element, plan } = entries[positions ? (positions[n] as number) : n] as SchemaEntry;
      const propertyPath = `${path}.${key}`;
      const values = propertyValues(object, key);
      this.visitProperty(propertyPath, values, element, plan);
      for (const found of values) {
        if (Array.isArray(found)) {
          for (const item of found) this.crawlValue(item, propertyPath, schema);
        } else this.crawlValue(found, propertyPath, schema);
      }
    }
    this.checkAdditionalProperties(object, schema.elements);
    if (isResourceValue) this.resources.pop();
  }

  private crawlValue(value: Typed, path: string, schema: Schema): void {
    if (isPrimitiveType(value.type)) return;
    const type = schema.innerTypes?.find((t) => t.name === value.type) ?? getDataType(value.type);
    this.crawlObject(value, type, path, true);
  }

  private visitProperty(
    path: string,
    found: (Typed | Typed[])[],
    element: SchemaElement,
    plan: ElementPlan,
  ): void {
    for (const value of found) {
      if (!Array.isArray(value) && value.value === undefined) {
        if (element.min > 0) this.issues.push(structure(value.path, 'Missing required property'));
        return;
      }
      if (isEmpty(value)) {
        this.issues.push(structure(path, 'Invalid empty value'));
        return;
      }
      let values: Typed[];
      if (element.isArray) {
        if (!Array.isArray(value)) {
          this.issues.push(structure(path, 'Expected array of values for property'));
          return;
        }
        values = value;
      } else {
        if (Array.isArray(value)) {
          this.issues.push(structure(path, 'Expected single value for property'));
          return;
        }
        values = [value];
      }
      if (values.length < element.min || values.length > element.max) {
        const max = Number.isFinite(element.max) ? element.max : '*';
        this.issues.push(
          structure(
            element.path,
            `Invalid number of values: expected ${element.min}..${max}, but found ${values.length}`,
          ),
        );
      }
      if ((element.pattern || element.fixed) && !matchesSpecifiedValue(value, element)) {
        this.issues.push(structure(path, 'Value did not match expected pattern'));
      }
      const slicing = element.slicing;
      const counts = slicing ? new Map(slicing.slices.map((s) => [s.name, 0])) : undefined;
      for (const item of values) {
        this.checkConstraints(item, plan);
        if (plan.referenceTargets) this.checkReference(item, element, plan.referenceTargets);
        this.checkPropertyValue(item);
        if (slicing && counts) {
          const name = sliceOf(item, slicing);
          if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
        }
      }
      if (slicing && counts) {
        for (const slice of slicing.slices) this.checkSliceCount(slice, counts.get(slice.name) ?? 0, path);
      }
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
    else if (isEmpty(value.value))
      this.issues.push(structure(value.path, 'Invalid empty non-primitive value'));
  }

  private checkConstraints(value: Typed, plan: ElementPlan): void {
    for (const constraint of plan.constraints) {
      if (!this.isTrue(constraint, value)) {
        this.issues.push(createConstraintIssue(value.path, constraint as never));
        return;
      }
    }
  }

  private isTrue(constraint: Constraint, value: Typed): boolean {
    const shortcut = constraintShortcut(constraint.expression);
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
    const { type, value, path } = typed;
    if (value && typeof value === 'object') {
      // A primitive element holding an object: Medplum checks the object as an Element (its
      // primitive part, a boxed value, only comes with primitive extensions, left to Medplum).
      this.crawlObject({ type: 'Element', value, path }, getDataType('Element'), path, false);
      return;
    }
    if (!(type in fhirTypeToJsType)) {
      this.issues.push(structure(path, `Invalid JSON type: ${type} is not a valid FHIR type`));
      return;
    }
    const expected = fhirTypeToJsType[type as keyof typeof fhirTypeToJsType];
    if (typeof value !== expected) {
      if (value !== null)
        this.issues.push(structure(path, `Invalid JSON type: expected ${expected}, but got ${typeof value}`));
      return;
    }
    if (type === 'base64Binary') this.checkBase64(value as string, path);
    else if (expected === 'string') this.checkString(value as string, type, path);
    else if (expected === 'number') this.checkNumber(value as number, type, path);
  }

  private checkBase64(text: string, path: string): void {
    if (!isValidBase64Binary(text)) {
      this.issues.push(structure(path, 'Invalid base64Binary format'));
      return;
    }
    const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
    const bytes = Math.max(0, Math.floor((text.length * 3) / 4) - padding);
    if (bytes > BASE64_MAX_BYTES) {
      this.issues.push(structure(path, `base64Binary exceeds ${BASE64_MAX_BYTES} bytes`));
    }
  }

  private checkString(text: string, type: string, path: string): void {
    if (!text.trim()) {
      this.issues.push(structure(path, 'String must contain non-whitespace content'));
      return;
    }
    if (text.length > 1024 * 1024) {
      this.issues.push(structure(path, 'String cannot be larger than 1 MB'));
      return;
    }
    const regex = validationRegexes[type];
    if (regex && !regex.exec(text)) this.issues.push(structure(path, `Invalid ${type} format`));
    else if ((type === 'date' || type === 'dateTime' || type === 'instant') && !isValidCalendarDate(text))
      this.issues.push(structure(path, `Invalid ${type} value`));
  }

  private checkNumber(n: number, type: string, path: string): void {
    const integer = type === 'integer' || type === 'positiveInt' || type === 'unsignedInt';
    if (Number.isNaN(n) || !Number.isFinite(n)) this.issues.push(structure(path, 'Invalid numeric value'));
    else if (integer && !Number.isInteger(n))
      this.issues.push(structure(path, 'Expected number to be an integer'));
    else if (type === 'integer' && (n < INTEGER_MIN || n > INTEGER_MAX))
      this.issues.push(structure(path, `Expected number to be in the range ${INTEGER_MIN}..${INTEGER_MAX}`));
    else if (type === 'positiveInt' && (n < 1 || n > INTEGER_MAX))
      this.issues.push(structure(path, `Expected number to be in the range 1..${INTEGER_MAX}`));
    else if (type === 'unsignedInt' && (n < 0 || n > INTEGER_MAX))
      this.issues.push(structure(path, `Expected number to be in the range 0..${INTEGER_MAX}`));
  }

  private checkAdditionalProperties(parent: Typed, properties: Record<string, SchemaElement>): void {
    const object = parent.value as JsonObject | undefined;
    if (!object) return;
    const choices: Record<string, string> = {};
    for (const key of Object.keys(object)) {
      if (key === 'resourceType') continue;
      const choice = choiceOf(properties, key);
      const element =
        choice && getTypedPropertyValue(parent as never, choice.property) ? choice.element : undefined;
      if (element) {
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
function step(parent: Typed, key: string): Typed | Typed[] {
  const path = `${parent.path}.${key}`;
  const object = parent.value as JsonObject | undefined;
  if (!object) return { type: 'undefined', value: undefined, path };
  const type = plainTypeOf(parent.type, key);
  if (type === undefined) return getTypedPropertyValueWithPath(parent as never, key) as never;
  const value = object[key];
  if (isEmpty(value)) return { type: 'undefined', value: undefined, path };
  if (Array.isArray(value)) {
    return value.map((item, index) => ({ type: typeOf(item, type), value: item, path: `${path}[${index}]` }));
  }
  return { type: typeOf(value, type), value, path };
}

/** The values at `key` (a name, or a dotted path of a profile's element) as getNestedProperty finds them. */
function propertyValues(parent: Typed, key: string): (Typed | Typed[])[] {
  if (!key.includes('.')) return [step(parent, key)];
  const names = key.split('.');
  let found: (Typed | Typed[])[] = [step(parent, names[0] as string)];
  for (let n = 1; n < names.length; n++) {
    const name = names[n] as string;
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

function sliceOf(value: Typed, slicing: NonNullable<SchemaElement['slicing']>): string | undefined {
  for (const slice of slicing.slices) {
    const matches = slicing.discriminator.every((discriminator) => {
      const found = getNestedProperty(value as never, discriminator.path);
      return found.some((v) => matchDiscriminant(v as never, discriminator as never, slice as never));
    });
    if (matches) return slice.name;
  }
  return undefined;
}

function matchesSpecifiedValue(value: Typed | Typed[], element: SchemaElement): boolean {
  const typeAndValue = Array.isArray(value)
    ? value.map((v) => ({ type: v.type, value: v.value }))
    : { type: value.type, value: value.value };
  if (element.pattern && !deepIncludes(typeAndValue, element.pattern)) return false;
  if (element.fixed && !deepEquals(typeAndValue, element.fixed)) return false;
  return true;
}

/**
 * Medplum's check for null and undefined values, which also tells whether the object is one to leave to
 * Medplum: true when a key anywhere starts with `_` (a primitive extension) or holds a line feed (which
 * keyLines uses as separator).
 */
function checkObjectForNull(object: JsonObject, path: string, issues: OperationOutcomeIssue[]): boolean {
  let extended = false;
  for (const key in object) {
    if (key.charCodeAt(0) === 95 || key.includes('\n')) extended = true;
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
          if (checkObjectForNull(item, `${propertyPath}[${i}]`, issues)) extended = true;
        }
      }
    } else if (typeof value === 'object') {
      if (checkObjectForNull(value as JsonObject, propertyPath, issues)) extended = true;
    }
  }
  return extended;
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
