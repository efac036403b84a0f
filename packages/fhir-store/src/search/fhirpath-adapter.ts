// The one place that talks to the `fhirpath` package: compiles R4 FHIRPath expressions once and returns
// each result item with its FHIR type name, so the extractors never see fhirpath's internal node types.

import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';

/** One item of a FHIRPath result: its FHIR type (`CodeableConcept`, `dateTime`, `string` …) and JSON value. */
export interface FhirPathItem {
  type: string | null;
  value: unknown;
}

export type CompiledFhirPath = (resource: object) => FhirPathItem[];

const RESOLVE_IS = /resolve\(\)\s+is\s+([A-Z][A-Za-z]*)/g;

/**
 * R4 expressions select references by target with `where(resolve() is Patient)`, and `resolve()` would
 * fetch the target. Indexing only needs the type named in the reference, so the test is rewritten to a
 * match on `Reference.reference` (relative, absolute or versioned).
 */
export function rewriteResolveIs(expression: string): string {
  return expression.replace(
    RESOLVE_IS,
    (_whole, type: string) => `reference.matches('(^|/)${type}/[^/]+(/_history/[^/]+)?$')`,
  );
}

/** Compiles an expression once against the R4 model. Throws on a syntax error. */
export function compileFhirPath(expression: string): CompiledFhirPath {
  const evaluate: (resource: unknown) => unknown = fhirpath.compile(rewriteResolveIs(expression), r4, {
    resolveInternalTypes: false,
  });
  return (resource) => {
    const result = evaluate(resource);
    return Array.isArray(result) ? result.map(toItem) : [];
  };
}

function toItem(node: unknown): FhirPathItem {
  if (typeof node === 'object' && node !== null && 'data' in node) {
    const type =
      'fhirNodeDataType' in node && typeof node.fhirNodeDataType === 'string' ? node.fhirNodeDataType : null;
    return { type: type === null ? null : fhirTypeName(type), value: node.data };
  }
  return { type: primitiveTypeName(node), value: node };
}

/** `System.String` → `string`, `System.Boolean` → `boolean`; FHIR type names unchanged. */
export function fhirTypeName(type: string): string {
  if (!type.startsWith('System.')) return type;
  const name = type.slice('System.'.length);
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function primitiveTypeName(value: unknown): string | null {
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'decimal';
    case 'string':
      return 'string';
    default:
      return null;
  }
}

let resourceTypes: ReadonlySet<string> | undefined;

/** Every R4 resource type name, from the fhirpath R4 model. */
export function r4ResourceTypes(): ReadonlySet<string> {
  resourceTypes ??= new Set(Object.keys(r4.type2Parent).filter(isResourceType));
  return resourceTypes;
}

function isResourceType(type: string): boolean {
  if (type === 'DomainResource') return false;
  let parent: string | undefined = r4.type2Parent[type];
  for (let depth = 0; parent !== undefined && depth < 8; depth++) {
    if (parent === 'Resource') return true;
    parent = r4.type2Parent[parent];
  }
  return false;
}
