/**
 * parsedFhirPath (src/fhir-path.ts) gives Medplum's parsed tree with each name evaluated by our
 * fastSymbolEval: every answer must be exactly Medplum's own tree's — the same values, types and paths in
 * the same order, or the same error. Compared on every path of names in the request Bundles' entries
 * (whole, and on copies broken at every place: removed, wrong type, emptied, given an extra key and a
 * primitive extension), and with every constraint the guide's profiles declare, at its element in each entry.
 */
import { evalFhirPathTyped, parseFhirPath, toTypedValue } from '@medplum/core';
import { sharedAvailable } from '@openpas/vitest-config/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsedFhirPath } from '../src/fhir-path.ts';
import type { ImplementationGuide } from '../src/guide.ts';
import {
  brokenCopies,
  type Json,
  REQUEST_BUNDLE_FILES,
  readExample,
  twpasGuide,
} from '../src/testing/index.ts';

function answer(ast: ReturnType<typeof parseFhirPath>, resource: Json): string {
  const typed = toTypedValue(resource);
  try {
    return JSON.stringify(
      evalFhirPathTyped(ast, [typed], { '%resource': typed, '%rootResource': typed } as never),
    );
  } catch (error) {
    return `throws ${String(error)}`;
  }
}

/** `Claim.item.productOrService.coding.code` and the like: every path of names in the resource. */
function namePaths(resource: Json): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, path);
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'resourceType') continue;
        const bare = key.startsWith('_') ? key.slice(1) : key;
        if (!/^[A-Za-z][A-Za-z0-9]*$/.test(bare)) continue;
        found.add(`${path}.${bare}`);
        walk(child, `${path}.${bare}`);
      }
    }
  };
  walk(resource, String(resource.resourceType));
  return [...found];
}

function entriesOf(bundle: Json): Json[] {
  return ((bundle.entry as { resource?: Json }[] | undefined) ?? []).flatMap((e) =>
    e.resource ? [e.resource] : [],
  );
}

describe.skipIf(!sharedAvailable())('parsedFhirPath answers as Medplum’s own parsed expression', () => {
  let guide: ImplementationGuide;
  beforeAll(() => {
    guide = twpasGuide();
  }, 60_000);

  function compare(resources: Iterable<Json>, expressionsOf: (resource: Json) => string[]) {
    let compared = 0;
    let nonEmpty = 0;
    const differing: string[] = [];
    for (const resource of resources) {
      for (const expression of expressionsOf(resource)) {
        let medplumAst: ReturnType<typeof parseFhirPath>;
        try {
          medplumAst = parseFhirPath(expression);
        } catch {
          continue;
        }
        const expected = answer(medplumAst, resource);
        const actual = answer(parsedFhirPath(expression), resource);
        compared++;
        if (expected !== '[]') nonEmpty++;
        if (actual !== expected && differing.length < 3)
          differing.push(`${expression}\n  Medplum ${expected}\n  ours    ${actual}`);
      }
    }
    return { compared, nonEmpty, differing };
  }

  it('on every path of names in the request Bundles’ entries, whole and broken at every place', () => {
    const result = compare(
      (function* () {
        for (const file of REQUEST_BUNDLE_FILES) {
          for (const entry of entriesOf(readExample(file))) {
            yield entry;
            yield* brokenCopies(entry);
          }
        }
      })(),
      (resource) => namePaths(resource).map((path) => (path.includes('.') ? path : `${path}.id`)),
    );
    expect(result.differing).toEqual([]);
    expect(result.compared).toBeGreaterThan(50_000);
    expect(result.nonEmpty).toBeGreaterThan(result.compared / 2);
  }, 300_000);

  it('with every constraint of the guide’s profiles, at its element in each entry of the request Bundles', () => {
    // `Claim.item` with `E` is `Claim.item.select(E)`: E from each item, as its constraint is evaluated
    const expressions = new Set<string>();
    for (const profile of guide.profiles.values())
      for (const element of profile.snapshot?.element ?? [])
        for (const constraint of (element.constraint ?? []) as { expression?: string }[]) {
          const path = (element as { path?: string }).path ?? '';
          if (!constraint.expression || !path) continue;
          expressions.add(
            path.includes('.')
              ? `${path.replace('[x]', '')}.select(${constraint.expression})`
              : constraint.expression,
          );
        }
    const result = compare(
      REQUEST_BUNDLE_FILES.flatMap((file) => entriesOf(readExample(file))),
      (resource) =>
        [...expressions].filter(
          (e) => e.startsWith(`${String(resource.resourceType)}.`) || !/^[A-Z]/.test(e),
        ),
    );
    expect(result.differing).toEqual([]);
    expect(expressions.size).toBeGreaterThan(300);
    expect(result.nonEmpty).toBeGreaterThan(100);
  }, 300_000);
});
