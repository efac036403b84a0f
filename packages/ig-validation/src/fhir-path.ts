/**
 * Just enough path walking for Medplum's issue expressions: `Claim.item.extension`,
 * `Bundle.entry[3].resource.patient`, `MedicationRequest.medication[x]`. Arrays along the way are
 * flattened; `[n]` picks one element; `name[x]` collects every `nameSomething` choice. And the guide's
 * FHIRPath expressions parsed once for Medplum's evaluator.
 */
import { getElementDefinition, isResource, parseFhirPath } from '@medplum/core';
import { isEmptyValue, isObject } from './json.ts';
import { innerMap } from './memo.ts';

type FhirPathAtom = ReturnType<typeof parseFhirPath>;

// Expressions come from the loaded profiles: a bounded set. Medplum's evalFhirPath parses a string on
// every call; these are parsed once and the tree passed instead.
const parsedExpressions = new Map<string, FhirPathAtom>();

/**
 * The FHIRPath expression parsed by Medplum, once, its names evaluated by fastSymbolEval; throws as its
 * parser does, on every call.
 */
export function parsedFhirPath(expression: string): FhirPathAtom {
  let ast = parsedExpressions.get(expression);
  if (!ast) {
    ast = parseFhirPath(expression);
    withFastSymbols(ast);
    parsedExpressions.set(expression, ast);
  }
  return ast;
}

/**
 * The one type of property `key` of a base type when Medplum's lookup of it is plain (getElementDefinition
 * finds an element of that name with one type, not a choice); undefined when it is not. Cached.
 */
const plainTypes = new Map<string, Map<string, string | null>>();

export function plainTypeOf(type: string, key: string): string | undefined {
  const byKey = innerMap(plainTypes, type);
  let found = byKey.get(key);
  if (found === undefined) {
    const element = getElementDefinition(type, key) as { path?: unknown; type?: unknown } | undefined;
    const types = element?.type;
    const path = element?.path;
    const plain =
      Array.isArray(types) &&
      types.length === 1 &&
      typeof path === 'string' &&
      !path.endsWith('[x]') &&
      path.substring(path.lastIndexOf('.') + 1) === key;
    const code = plain ? (types[0] as { code?: unknown } | undefined)?.code : undefined;
    found = typeof code === 'string' ? code : null;
    byKey.set(key, found);
  }
  return found ?? undefined;
}

interface TypedValue {
  type: string;
  value: unknown;
  path?: string;
}

/** Medplum's SymbolAtom (`code` in `code.coding`): its fields and methods that fastSymbolEval uses. */
interface SymbolAtomLike {
  name: string;
  getVariable(context: unknown): TypedValue | undefined;
  evalValue(value: TypedValue): TypedValue[] | TypedValue | undefined;
  eval(context: unknown, input: TypedValue[]): TypedValue[];
}

// Medplum does not export its atoms' classes: SymbolAtom is the class of a lone name's atom.
const SymbolAtomClass = (parseFhirPath('a') as unknown as { child: object }).child.constructor;

/** Sets every SymbolAtom of the tree to evaluate with fastSymbolEval. */
function withFastSymbols(ast: FhirPathAtom): void {
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (node instanceof SymbolAtomClass && typeof (node as SymbolAtomLike).name === 'string') {
      (node as SymbolAtomLike).eval = fastSymbolEval(node as SymbolAtomLike);
      return;
    }
    for (const key of Object.keys(node)) visit((node as Record<string, unknown>)[key]);
  };
  visit(ast);
}

/** Pushes what Medplum's `flatMap(evalValue).filter(value !== undefined)` keeps of one evalValue answer. */
function pushFound(found: TypedValue[] | TypedValue | undefined, into: TypedValue[]): void {
  if (Array.isArray(found)) {
    for (let n = 0; n < found.length; n++) {
      if (!(n in found)) continue;
      const item = found[n];
      if (item?.value !== undefined) into.push(item as TypedValue);
    }
  } else if (found?.value !== undefined) into.push(found);
}

/**
 * Medplum's SymbolAtom.eval for one atom, the same answer made with less work: a plain property of a base
 * type (plainTypeOf) without a primitive extension is read as getTypedPropertyValueWithPath reads it —
 * the value, or each item but holes and undefined ones, as `{ type, value, path }` (a resource's own type
 * for `Resource`), nothing when it is empty — without its lookups through the type registry, and
 * collected without flatMap's and filter's arrays. Anything else is Medplum's own evalValue. The plain
 * type is kept for the last parent type met (an atom meets one or two).
 */
function fastSymbolEval(atom: SymbolAtomLike): SymbolAtomLike['eval'] {
  const name = atom.name;
  const extension = `_${name}`;
  let lastType: string | undefined;
  let lastPlain: string | undefined;
  return function (this: SymbolAtomLike, context: unknown, input: TypedValue[]): TypedValue[] {
    if (name === '$this') return input;
    const variableValue = this.getVariable(context);
    if (variableValue) return [variableValue];
    if (name.startsWith('%')) throw new Error(`Undefined variable ${name}`);
    const result: TypedValue[] = [];
    for (let n = 0; n < input.length; n++) {
      if (!(n in input)) continue;
      const typed = input[n] as TypedValue;
      const object = typed.value;
      if (!object || typeof object !== 'object') continue;
      const values = object as Record<string, unknown>;
      // isResource(object, name), for a name that is not empty: a resource of that type is itself
      let type: string | undefined;
      if (name !== '' && values.resourceType !== name) {
        if (typed.type !== lastType) {
          lastPlain = plainTypeOf(typed.type, name);
          lastType = typed.type;
        }
        type = lastPlain;
      }
      if (type === undefined || values[extension]) {
        pushFound(this.evalValue(typed), result);
        continue;
      }
      const value = values[name];
      if (isEmptyValue(value)) continue;
      const prefix = typed.path ? `${typed.path}.${name}` : name;
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
          if (!(index in value)) continue;
          const item: unknown = value[index];
          if (item === undefined) continue;
          result.push({ type: typeOf(item, type), value: item, path: `${prefix}[${index}]` });
        }
      } else result.push({ type: typeOf(value, type), value, path: prefix });
    }
    return result;
  };
}

function typeOf(value: unknown, type: string): string {
  return type === 'Resource' && isResource(value) ? value.resourceType : type;
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
