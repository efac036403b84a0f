// A direct walk for the search parameter expressions that are plain paths (`Claim.item.productOrService`,
// `Observation.value.ofType(Quantity)`, `Encounter.subject.where(resolve() is Patient)`, a choice left open
// at the end (`Observation.effective`), `telecom.where(system='phone')`, unions of them): nearly all of
// R4's and the guide's. Each is resolved once against the R4 model for the type of every
// step, then read straight from the JSON, so that a stored Bundle's ~30 resources are indexed without a
// FHIRPath engine. Anything else, and any resource where the walk meets a primitive extension (`_name`)
// or a null, is left to fhirpath (the caller's fallback). simple-path.test.ts checks both give the same items.

import r4 from 'fhirpath/fhir-context/r4';
import { type CompiledFhirPath, type FhirPathItem, fhirTypeName } from './fhirpath-adapter.ts';

interface Step {
  /**
   * The JSON keys read and the FHIR type each holds: one (`valueQuantity` for `value.ofType(Quantity)`), or
   * every type of a choice left open (`effective`: `effectiveDateTime`, `effectivePeriod` …)
   */
  keys: { key: string; type: string }[];
  /** Only references naming this resource type (`where(resolve() is Patient)`) */
  targetType?: string;
  /** Only items whose `field` is this text (`where(system = 'phone')`) */
  filter?: { field: string; text: string };
}

interface Branch {
  root: string;
  steps: Step[];
}

const model = r4 as unknown as {
  path2Type: Record<string, string>;
  choiceTypePaths: Record<string, string[]>;
  pathsDefinedElsewhere: Record<string, string>;
};

const NAME = /^[a-z][A-Za-z0-9]*$/;
const OF_TYPE = /^ofType\(([A-Za-z]+)\)$/;
const RESOLVE_IS = /^where\(resolve\(\) is ([A-Z][A-Za-z]*)\)$/;
// The element types a where(field = 'text') compares as plain text.
const TEXT_TYPES = new Set(['code', 'string', 'uri', 'url', 'canonical', 'id', 'System.String']);
const WHERE_IS = /^where\(([a-z][A-Za-z0-9]*) ?= ?'([^'\\]*)'\)$/;
// The root that matches every resource, as FHIRPath's type test does (DomainResource, which Bundle and
// Binary are not, is left to FHIRPath).
const ANY_RESOURCE = 'Resource';

/** `(A.b).c` → `A.b.c`; undefined when a parenthesis does not close where a path can continue. */
function unwrap(branch: string): string | undefined {
  let text = branch.trim();
  while (text.startsWith('(')) {
    let depth = 0;
    let close = -1;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '(') depth++;
      if (text[i] === ')' && --depth === 0) {
        close = i;
        break;
      }
    }
    const rest = text.slice(close + 1);
    if (close < 0 || (rest !== '' && !rest.startsWith('.'))) return undefined;
    text = text.slice(1, close) + rest;
  }
  return text;
}

function capitalized(type: string): string {
  return type.charAt(0).toUpperCase() + type.slice(1);
}

/** `A.b.where(c = 'x.y').d` → `A`, `b`, `where(c = 'x.y')`, `d`: split on the dots outside quotes. */
function splitSteps(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "'") quoted = !quoted;
    else if (text[i] === '.' && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** The branch's steps with their types, or undefined when one is not a plain, known element. */
function resolveBranch(text: string): Branch | undefined {
  const [root, ...parts] = splitSteps(text);
  if (!root || !/^[A-Z][A-Za-z]*$/.test(root) || root === 'DomainResource' || parts.length === 0)
    return undefined;
  const steps: Step[] = [];
  // Where the next element's definition is: a type name, or the path of a backbone element.
  let owner = root;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const target = RESOLVE_IS.exec(part);
    if (target) {
      const last = steps.at(-1);
      if (last?.keys.length !== 1 || last.keys[0]?.type !== 'Reference' || last.targetType || last.filter)
        return undefined;
      last.targetType = target[1];
      continue;
    }
    const where = WHERE_IS.exec(part);
    if (where) {
      const last = steps.at(-1);
      // On an element of one complex type whose field is a primitive string-like value.
      const fieldType = last?.keys.length === 1 ? model.path2Type[`${owner}.${where[1]}`] : undefined;
      if (!last || last.filter || last.targetType || !fieldType || !TEXT_TYPES.has(fieldType))
        return undefined;
      last.filter = { field: where[1] ?? '', text: where[2] ?? '' };
      continue;
    }
    if (!NAME.test(part)) return undefined;
    let path = `${owner}.${part}`;
    const choices = model.choiceTypePaths[path];
    let type: string | undefined;
    let key = part;
    if (choices) {
      const ofType = OF_TYPE.exec(parts[i + 1] ?? '');
      const chosen = ofType?.[1];
      if (!chosen && i === parts.length - 1) {
        // A choice left open, as the path's last step: whichever of its types the resource holds, each key's
        // type as the model names it (`effectiveDateTime`: dateTime).
        const keys: Step['keys'] = [];
        for (const choice of choices) {
          const keyType = model.path2Type[`${path}${choice}`];
          if (!keyType) return undefined;
          keys.push({ key: `${part}${choice}`, type: fhirTypeName(keyType) });
        }
        steps.push({ keys });
        continue;
      }
      if (!chosen || !choices.includes(capitalized(chosen))) return undefined;
      type = chosen;
      key = `${part}${capitalized(chosen)}`;
      i++;
    } else {
      path = model.pathsDefinedElsewhere[path] ?? path;
      type = model.path2Type[path];
    }
    if (!type) return undefined;
    steps.push({ keys: [{ key, type: fhirTypeName(type) }] });
    owner = type === 'BackboneElement' || type === 'Element' ? path : type;
  }
  return { root, steps };
}

/** The compiled walk of an expression, or undefined when it is not made of plain paths only. */
export function compileSimplePath(expression: string): CompiledFhirPath | undefined {
  const branches: Branch[] = [];
  for (const part of expression.split(' | ')) {
    const text = unwrap(part);
    const branch = text === undefined ? undefined : resolveBranch(text);
    if (!branch) return undefined;
    branches.push(branch);
  }
  return (resource) => {
    const items: FhirPathItem[] = [];
    for (const branch of branches) {
      const type = (resource as { resourceType?: unknown }).resourceType;
      if (branch.root !== type && branch.root !== ANY_RESOURCE) continue;
      if (!walk(resource, branch.steps, 0, items)) throw new NotSimple();
    }
    return items;
  };
}

/** Thrown when this resource needs FHIRPath after all; the caller falls back. */
export class NotSimple extends Error {}

const REFERENCE_TO = new Map<string, RegExp>();

function refersTo(value: unknown, targetType: string): boolean {
  let pattern = REFERENCE_TO.get(targetType);
  if (!pattern) {
    // As fhirpath-adapter's rewrite of resolve() is: relative, absolute or versioned.
    pattern = new RegExp(`(^|/)${targetType}/[^/]+(/_history/[^/]+)?$`);
    REFERENCE_TO.set(targetType, pattern);
  }
  const reference = (value as { reference?: unknown }).reference;
  return typeof reference === 'string' && pattern.test(reference);
}

/** Whether the item passes the step's where(field = 'text'); undefined when FHIRPath must answer instead. */
function passes(item: unknown, filter: { field: string; text: string }): boolean | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  const fields = item as Record<string, unknown>;
  if (`_${filter.field}` in fields) return undefined;
  const value = fields[filter.field];
  if (value !== undefined && typeof value !== 'string') return undefined;
  return value === filter.text;
}

/** Appends the values at steps[at…] below `value`; false when FHIRPath must answer instead. */
function walk(value: unknown, steps: Step[], at: number, out: FhirPathItem[]): boolean {
  const step = steps[at];
  if (!step) return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return true;
  const holder = value as Record<string, unknown>;
  for (const { key, type } of step.keys) {
    if (`_${key}` in holder) return false;
    const child = holder[key];
    if (child === undefined) continue;
    const list = Array.isArray(child) ? child : [child];
    for (const item of list) {
      if (item === null || item === undefined) return false;
      if (step.targetType && !refersTo(item, step.targetType)) continue;
      if (step.filter) {
        const kept = passes(item, step.filter);
        if (kept === undefined) return false;
        if (!kept) continue;
      }
      if (at === steps.length - 1) out.push({ type, value: item });
      else if (!walk(item, steps, at + 1, out)) return false;
    }
  }
  return true;
}
