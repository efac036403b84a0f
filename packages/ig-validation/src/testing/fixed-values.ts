/**
 * Cases generated from the guide's snapshots: every element of a profile that carries a `fixed[x]` or
 * `pattern[x]` value and has an instance in one of the official request Bundles, with a way to change
 * that value in a copy of the Bundle. Each element is changed once, at its first instance (Bundles in
 * the order given, entries in order). The change keeps the type: a string or code gets a suffix, a
 * boolean flips, a number grows; in a pattern of a complex type the first of its `code`, `value`,
 * `system` leaves (else any primitive leaf) is changed.
 */
import { elementInstances } from '../element-instances.ts';
import type { ElementLike, ImplementationGuide, StructureDefinitionLike } from '../guide.ts';
import { isObject, type JsonObject } from '../json.ts';
import type { Json } from './examples.ts';

export interface FixedValueCase {
  /** The official Bundle the element is changed in (a file of ../shared/twpas/examples) */
  file: string;
  profile: string;
  /** The snapshot element id, e.g. `Claim.supportingInfo:weight.category` */
  elementId: string;
  /** `fixedCode`, `patternCodeableConcept`, … */
  kind: string;
  /** FHIRPath of the changed element inside the Bundle */
  expression: string;
  /** The leaf changed, below the element (`coding[0].code`), or '' for a primitive element */
  leaf: string;
  /** Changes the value in a copy of the Bundle (the one read from `file`) */
  change(bundle: Json): void;
}

function fixedOrPatternKey(element: ElementLike): string | undefined {
  return Object.keys(element).find((key) => /^(fixed|pattern)[A-Z]/.test(key));
}

/** One step of a path that elementInstances writes: `name`, `name[3]` or `name.ofType(Type)`. */
interface Step {
  key: string;
  index?: number;
}

function stepsOf(path: string): Step[] {
  const steps: Step[] = [];
  const parts = path.split('.');
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] as string;
    const ofType = /^ofType\((\w+)\)(?:\[(\d+)\])?$/.exec(part);
    if (ofType) {
      // `value.ofType(Quantity)` is the key valueQuantity (a primitive type is capitalised in the key).
      const previous = steps.pop() as Step;
      const type = ofType[1] as string;
      const step: Step = { key: `${previous.key}${type.charAt(0).toUpperCase()}${type.slice(1)}` };
      if (ofType[2] !== undefined) step.index = Number(ofType[2]);
      steps.push(step);
      continue;
    }
    const match = /^(\w+)(?:\[(\d+)\])?$/.exec(part);
    if (!match) throw new Error(`unexpected path segment ${part} in ${path}`);
    const step: Step = { key: match[1] as string };
    if (match[2] !== undefined) step.index = Number(match[2]);
    steps.push(step);
  }
  return steps;
}

/** The object holding the last step, and that step. */
function parentOf(
  resource: JsonObject,
  path: string,
): { holder: JsonObject | unknown[]; key: string | number } {
  const steps = stepsOf(path);
  let current: unknown = resource;
  for (const [i, step] of steps.entries()) {
    const last = i === steps.length - 1;
    if (!isObject(current)) throw new Error(`no ${path}`);
    if (last && step.index === undefined) return { holder: current, key: step.key };
    const value = current[step.key];
    if (step.index !== undefined) {
      if (!Array.isArray(value)) throw new Error(`no ${path}`);
      if (last) return { holder: value, key: step.index };
      current = value[step.index];
    } else current = value;
  }
  throw new Error(`no ${path}`);
}

function changedPrimitive(value: unknown): unknown {
  if (typeof value === 'string') return `${value}-changed`;
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + 1;
  throw new Error(`cannot change ${JSON.stringify(value)}`);
}

/** Leaves of a pattern (paths such as `coding[0].code`), the preferred ones first. */
function leavesOf(pattern: unknown, prefix = ''): string[] {
  if (Array.isArray(pattern)) return pattern.flatMap((item, i) => leavesOf(item, `${prefix}[${i}]`));
  if (isObject(pattern))
    return Object.entries(pattern).flatMap(([key, value]) =>
      leavesOf(value, prefix ? `${prefix}.${key}` : key),
    );
  return [prefix];
}

const PREFERRED = ['code', 'value', 'system'];
const rank = (leaf: string) => {
  const name =
    leaf
      .split('.')
      .pop()
      ?.replace(/\[\d+\]$/, '') ?? '';
  const at = PREFERRED.indexOf(name);
  return at < 0 ? PREFERRED.length : at;
};

/** Where in the instance a leaf of the pattern is: pattern arrays match any item of the instance's array. */
function instanceLeaf(value: unknown, pattern: unknown, leaf: string): string | undefined {
  const [head, ...rest] = leaf.split('.');
  const match = /^(\w*)(?:\[(\d+)\])?$/.exec(head ?? '');
  if (!match || !isObject(value) || !isObject(pattern)) return undefined;
  const key = match[1] as string;
  const inValue = value[key];
  const inPattern = pattern[key];
  if (match[2] === undefined) {
    if (rest.length === 0) return inValue === inPattern ? key : undefined;
    const below = instanceLeaf(inValue, inPattern, rest.join('.'));
    return below === undefined ? undefined : `${key}.${below}`;
  }
  const patternItem = Array.isArray(inPattern) ? inPattern[Number(match[2])] : undefined;
  if (!Array.isArray(inValue)) return undefined;
  for (const [i, item] of inValue.entries()) {
    if (rest.length === 0) {
      if (item === patternItem) return `${key}[${i}]`;
      continue;
    }
    const below = instanceLeaf(item, patternItem, rest.join('.'));
    if (below !== undefined) return `${key}[${i}].${below}`;
  }
  return undefined;
}

function setLeaf(value: unknown, leaf: string): void {
  const { holder, key } = parentOf({ root: value } as JsonObject, `X.root${leaf ? `.${leaf}` : ''}`);
  const current = (holder as Record<string | number, unknown>)[key];
  (holder as Record<string | number, unknown>)[key] = changedPrimitive(current);
}

interface Target {
  resource: JsonObject;
  /** FHIRPath of the resource inside the Bundle */
  at: string;
  /** How to find the same resource in a fresh copy of the Bundle */
  find(bundle: Json): JsonObject;
}

function targetsOf(bundle: Json): Target[] {
  const targets: Target[] = [{ resource: bundle, at: 'Bundle', find: (copy) => copy }];
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  entries.forEach((entry, i) => {
    if (!isObject(entry) || !isObject(entry.resource)) return;
    const type = String(entry.resource.resourceType);
    targets.push({
      resource: entry.resource,
      at: `Bundle.entry[${i}].resource.ofType(${type})`,
      find: (copy) => ((copy.entry as JsonObject[])[i] as JsonObject).resource as JsonObject,
    });
  });
  return targets;
}

function profilesOf(resource: JsonObject): string[] {
  const meta = resource.meta;
  return isObject(meta) && Array.isArray(meta.profile)
    ? meta.profile.filter((p): p is string => typeof p === 'string')
    : [];
}

/** The cases for the request Bundles given (file name → Bundle), in that order. */
export function fixedValueCases(
  guide: ImplementationGuide,
  bundles: readonly [string, Json][],
): FixedValueCase[] {
  const cases: FixedValueCase[] = [];
  const seen = new Set<string>();
  const indexes = new Map<string, Map<string, ElementLike>>();
  const indexOf = (sd: StructureDefinitionLike) => {
    let index = indexes.get(sd.url);
    if (!index) {
      index = new Map((sd.snapshot?.element ?? []).map((element) => [element.id, element]));
      indexes.set(sd.url, index);
    }
    return index;
  };
  for (const [file, bundle] of bundles) {
    for (const target of targetsOf(bundle)) {
      const type = String(target.resource.resourceType);
      for (const url of profilesOf(target.resource)) {
        const sd = guide.profiles.get(url);
        if (!sd) continue;
        for (const element of sd.snapshot?.element ?? []) {
          const kind = fixedOrPatternKey(element);
          if (!kind || seen.has(`${url}|${element.id}`)) continue;
          const instances = elementInstances(target.resource, element.id, indexOf(sd)) ?? [];
          const pattern = element[kind];
          for (const instance of instances) {
            const leaf =
              isObject(pattern) || Array.isArray(pattern)
                ? leavesOf(pattern)
                    .sort((a, b) => rank(a) - rank(b))
                    .map((l) => instanceLeaf(instance.value, pattern, l))
                    .find((l) => l !== undefined)
                : '';
            if (leaf === undefined) continue;
            const expression = `${target.at}${instance.path.slice(type.length)}`;
            const relative = instance.path;
            seen.add(`${url}|${element.id}`);
            cases.push({
              file,
              profile: url,
              elementId: element.id,
              kind,
              expression,
              leaf,
              change(copy) {
                const resource = target.find(copy);
                if (leaf === '') {
                  const { holder, key } = parentOf(resource, relative);
                  const record = holder as Record<string | number, unknown>;
                  record[key] = changedPrimitive(record[key]);
                } else {
                  const { holder, key } = parentOf(resource, relative);
                  setLeaf((holder as Record<string | number, unknown>)[key], leaf);
                }
              },
            });
            break;
          }
        }
      }
    }
  }
  return cases;
}
