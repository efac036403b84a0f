/**
 * JSON properties FHIR R4 does not define. FHIR's JSON format makes a resource with an unrecognised property
 * invalid, so a server must refuse it rather than store it. The walk follows the R4 definitions
 * (elements.ts): choice elements (`valueQuantity`), the `_element` siblings of primitives, nested backbone
 * elements, data types, extensions and resources inside resources (`contained`, `Bundle.entry.resource`).
 * It uses its own stack, not recursion, so no body can exhaust the call stack.
 */
import { type R4Elements, r4Elements } from './elements.ts';

export interface UnknownElement {
  /** FHIRPath of the property, e.g. `Patient.zzz` or `Bundle.entry[3].resource.ofType(Patient).zzz`. */
  expression: string;
  message: string;
}

interface Visit {
  value: unknown;
  /** The type or backbone path whose properties the value may have. */
  type: string;
  path: string;
  /** A resource: `resourceType` is allowed (and required). */
  resource: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every property of the resource that R4 does not define for its place, in document order; [] when there
 * is none. `path` names the resource in expressions (its resourceType unless given, e.g.
 * `Bundle.entry[3].resource.ofType(Patient)`). A resourceType that is not an R4 resource is reported too.
 */
export function unknownElements(
  resource: unknown,
  options: { path?: string; elements?: R4Elements } = {},
): UnknownElement[] {
  const table = options.elements ?? r4Elements();
  const found: UnknownElement[] = [];
  if (!isObject(resource)) return found;
  const stack: Visit[] = [];
  /** A resource inside a resource: walked by its own resourceType, which must be an R4 one. */
  const resourceVisit = (value: unknown, path: string, nested: boolean): Visit | undefined => {
    if (!isObject(value)) return undefined;
    const resourceType = value.resourceType;
    if (typeof resourceType !== 'string' || !table.isResourceType(resourceType)) {
      found.push({
        expression: `${path}.resourceType`,
        message: `${JSON.stringify(resourceType ?? null)} is not a FHIR R4 resource type`,
      });
      return undefined;
    }
    return {
      value,
      type: resourceType,
      path: nested ? `${path}.ofType(${resourceType})` : path,
      resource: true,
    };
  };
  const rootType = typeof resource.resourceType === 'string' ? resource.resourceType : 'Resource';
  const root = resourceVisit(resource, options.path ?? rootType, false);
  if (root) stack.push(root);

  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    const type = table.type(visit.type);
    if (!type || !isObject(visit.value)) continue;
    const children: Visit[] = [];
    for (const [key, value] of Object.entries(visit.value)) {
      if (key === 'resourceType' && visit.resource) continue;
      const sibling = key.startsWith('_') ? type.properties.get(key.slice(1)) : undefined;
      if (sibling?.kind === 'primitive') {
        // `_gender`: the id and extensions of the primitive `gender` (one per item of a repeating one).
        each(value, `${visit.path}.${sibling.step}`, (item, path) =>
          children.push({ value: item, type: 'Element', path, resource: false }),
        );
        continue;
      }
      const element = type.properties.get(key);
      if (!element) {
        found.push({
          expression: `${visit.path}.${key}`,
          message: `${key} is not an element of ${visit.type} in FHIR R4`,
        });
        continue;
      }
      if (element.kind === 'primitive') continue;
      each(value, `${visit.path}.${element.step}`, (item, path) => {
        const child =
          element.kind === 'resource'
            ? resourceVisit(item, path, true)
            : element.type
              ? { value: item, type: element.type, path, resource: false }
              : undefined;
        if (child) children.push(child);
      });
    }
    // Reversed onto the stack, so that properties are visited in the order they were written.
    stack.push(...children.reverse());
  }
  return found;
}

function each(value: unknown, path: string, visit: (item: unknown, path: string) => void): void {
  if (!Array.isArray(value)) {
    visit(value, path);
    return;
  }
  for (const [index, item] of value.entries()) visit(item, `${path}[${index}]`);
}
