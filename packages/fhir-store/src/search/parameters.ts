// The search-parameter registry: for each resource type, its parameters keyed by code. R4 base parameters
// first, then the TWPAS guide's, which replace an R4 parameter of the same code on the same type, then
// OpenPAS's own (the payer's queue).

import { OPENPAS_PARAMETERS } from './parameters-openpas.ts';
import { R4_PARAMETERS } from './parameters-r4.ts';
import { TWPAS_PARAMETERS } from './parameters-twpas.ts';
import type { SearchParameterDef } from './types.ts';

export { STORE_COLUMN_PARAMETERS, TWPAS_DEVIATIONS, type TwpasDeviation } from './parameters-twpas.ts';

const EMPTY: ReadonlyMap<string, SearchParameterDef> = new Map();

function buildRegistry(): ReadonlyMap<string, ReadonlyMap<string, SearchParameterDef>> {
  const registry = new Map<string, Map<string, SearchParameterDef>>();
  const add = (def: SearchParameterDef): void => {
    let byCode = registry.get(def.resourceType);
    if (!byCode) {
      byCode = new Map();
      registry.set(def.resourceType, byCode);
    }
    byCode.set(def.code, Object.freeze(def));
  };
  for (const [resourceType, rows] of Object.entries(R4_PARAMETERS)) {
    for (const [code, type, expression, targets] of rows) {
      add({ code, resourceType, type, expression, ...(targets ? { targets } : {}), source: 'r4' });
    }
  }
  for (const def of TWPAS_PARAMETERS) add(def);
  for (const def of OPENPAS_PARAMETERS) add(def);
  return registry;
}

const REGISTRY = buildRegistry();

/** The search parameters of a resource type, keyed by code (empty for a type we do not search). */
export function searchParameters(resourceType: string): ReadonlyMap<string, SearchParameterDef> {
  return REGISTRY.get(resourceType) ?? EMPTY;
}

/** One search parameter, or undefined when the type has no parameter with that code. */
export function searchParameter(resourceType: string, code: string): SearchParameterDef | undefined {
  return REGISTRY.get(resourceType)?.get(code);
}

/** The resource types that have search parameters. */
export function searchableResourceTypes(): readonly string[] {
  return [...REGISTRY.keys()];
}
