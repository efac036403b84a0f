// Index rows of a resource: evaluates every search parameter of its type (each expression compiled once)
// and turns the results into rows for the search_* tables. Never throws on odd data: what cannot be
// indexed is skipped.

import {
  type CompiledFhirPath,
  compileFhirPath,
  type FhirPathItem,
  r4ResourceTypes,
} from './fhirpath-adapter.ts';
import { searchableResourceTypes, searchParameters } from './parameters.ts';
import { compileSimplePath, NotSimple } from './simple-path.ts';
import type { IndexRows, SearchParameterDef } from './types.ts';
import { dateRanges } from './values/date.ts';
import { isObject } from './values/json.ts';
import { numberValues } from './values/number.ts';
import { referenceTarget } from './values/reference.ts';
import { stringValues } from './values/string.ts';
import { tokenValues } from './values/token.ts';

/** The direct walk for a plain-path expression (simple-path.ts), FHIRPath where it cannot answer. */
function withSimplePath(expression: string, fhirPath: CompiledFhirPath): CompiledFhirPath {
  const simple = compileSimplePath(expression);
  if (!simple) return fhirPath;
  return (resource) => {
    try {
      return simple(resource);
    } catch (error) {
      if (error instanceof NotSimple) return fhirPath(resource);
      throw error;
    }
  };
}

/** Compiled expressions by `resourceType.code`; null when the expression does not compile. */
const compiled = new Map<string, CompiledFhirPath | null>();

function compiledFor(def: SearchParameterDef): CompiledFhirPath | null {
  const key = `${def.resourceType}.${def.code}`;
  let fn = compiled.get(key);
  if (fn === undefined) {
    try {
      fn = withSimplePath(def.expression, compileFhirPath(def.expression));
    } catch {
      fn = null;
    }
    compiled.set(key, fn);
  }
  return fn;
}

let knownTypes: ReadonlySet<string> | undefined;

function isResourceType(type: string): boolean {
  knownTypes ??= new Set([...r4ResourceTypes(), ...searchableResourceTypes()]);
  return knownTypes.has(type);
}

/** Collects rows, dropping duplicates. */
class RowCollector {
  readonly rows: IndexRows = { tokens: [], strings: [], dates: [], references: [], numbers: [] };
  private readonly seen = new Set<string>();

  private fresh(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  add(def: SearchParameterDef, item: FhirPathItem): void {
    const param = def.code;
    switch (def.type) {
      case 'token':
      case 'uri':
        for (const t of tokenValues(item)) {
          if (this.fresh(`t\0${param}\0${t.system}\0${t.code}\0${t.text}`))
            this.rows.tokens.push({ param, ...t });
        }
        return;
      case 'string':
        for (const value of stringValues(item)) {
          if (this.fresh(`s\0${param}\0${value}`)) this.rows.strings.push({ param, value });
        }
        return;
      case 'date':
        for (const { start, end } of dateRanges(item)) {
          if (this.fresh(`d\0${param}\0${start.getTime()}\0${end.getTime()}`))
            this.rows.dates.push({ param, start, end });
        }
        return;
      case 'reference': {
        const target = referenceTarget(item, isResourceType);
        if (!target || (def.targets && !def.targets.includes(target.targetType))) return;
        if (this.fresh(`r\0${param}\0${target.targetType}\0${target.targetId}`))
          this.rows.references.push({ param, ...target });
        return;
      }
      case 'number':
      case 'quantity':
        for (const n of numberValues(item)) {
          if (this.fresh(`n\0${param}\0${n.value}\0${n.system}\0${n.code}`))
            this.rows.numbers.push({ param, ...n });
        }
        return;
    }
  }
}

/** The index rows of one resource for every search parameter of its type (none for an unknown type). */
export function extractIndexRows(resource: { resourceType: string }): IndexRows {
  const collector = new RowCollector();
  if (!isObject(resource) || typeof resource.resourceType !== 'string') return collector.rows;
  for (const def of searchParameters(resource.resourceType).values()) {
    const evaluate = compiledFor(def);
    if (!evaluate) continue;
    let items: FhirPathItem[];
    try {
      items = evaluate(resource);
    } catch {
      continue;
    }
    for (const item of items) {
      try {
        collector.add(def, item);
      } catch {
        // odd data in one item: skip it
      }
    }
  }
  return collector.rows;
}

/** Compiles every registered expression now (e.g. at start-up), so the first write does not pay for it. */
export function warmUpIndexExtraction(): void {
  for (const type of searchableResourceTypes()) {
    for (const def of searchParameters(type).values()) compiledFor(def);
  }
}
