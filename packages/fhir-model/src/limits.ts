/**
 * The limits every request body is held to, from one place: how deeply its JSON may nest (checked right
 * after parsing, before anything walks it) and how many entries a Bundle may carry (every route that reads
 * a Bundle: submission and `$validate` alike). Both throw a FhirRequestError the HTTP layer answers with.
 */

import { unknownElements } from './r4/unknown-elements.ts';
import { FhirRequestError } from './request-error.ts';

/**
 * Deepest nesting of arrays and objects accepted in a body. The official TWPAS Bundles nest about 12
 * levels; recursive code (validation, serialisation) can walk 100 safely.
 */
export const MAX_JSON_DEPTH = 100;

/**
 * Throws (400) when the parsed JSON nests arrays and objects deeper than `maxDepth` levels (the top-level
 * value being level 1). Walks with its own stack, never recursion, so any depth is answered cleanly.
 */
export function checkJsonDepth(value: unknown, maxDepth: number = MAX_JSON_DEPTH): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth > maxDepth) {
      throw new FhirRequestError(400, [
        {
          code: 'too-costly',
          diagnostics: `the body is nested deeper than ${maxDepth} levels of arrays and objects`,
        },
      ]);
    }
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
}

export interface BundleLimits {
  /** Most entries a Bundle may hold (413 beyond) */
  maxEntries: number;
}

/** Throws (413, at `Bundle.entry`) when the Bundle holds more entries than the server takes. */
export function checkBundleLimits(
  bundle: { resourceType?: unknown; entry?: unknown },
  limits: BundleLimits,
): void {
  const count = Array.isArray(bundle.entry) ? bundle.entry.length : 0;
  if (count > limits.maxEntries) {
    throw new FhirRequestError(413, [
      {
        code: 'too-costly',
        diagnostics: `a Bundle may hold at most ${limits.maxEntries} entries (got ${count})`,
        expression: 'Bundle.entry',
      },
    ]);
  }
}

/**
 * Throws (422, one issue per property with its FHIRPath) when the resource has properties FHIR R4 does not
 * define: a create or update must not store them.
 */
export function checkKnownElements(resource: unknown): void {
  const unknown = unknownElements(resource);
  if (unknown.length === 0) return;
  throw new FhirRequestError(
    422,
    unknown.map(({ expression, message }) => ({ code: 'structure', diagnostics: message, expression })),
  );
}
