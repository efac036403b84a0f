/** Read access to the compiled TWPAS guide in ../shared/twpas, for tests. */
import { readdirSync, readFileSync } from 'node:fs';
import {
  type BundleProfileRules,
  type ImplementationGuide,
  loadImplementationGuide,
} from '@openpas/ig-validation';
import { sharedPath } from '@openpas/vitest-config/shared';
import { TWPAS_PROFILES } from '../twpas/canonical.ts';
import type { Bundle } from '../types.ts';

export function twpasPath(...parts: string[]): string {
  return sharedPath('twpas', ...parts);
}

export function readExampleBundle(file: string): Bundle {
  return JSON.parse(readFileSync(twpasPath('examples', file), 'utf8')) as Bundle;
}

/** The guide's definitions loaded for validation (base R4 and the TWPAS profiles registered in Medplum). */
export function twpasDefinitions(): ImplementationGuide {
  return loadImplementationGuide([twpasPath('definitions')]);
}

/** The checks of Bundle-twpas that Medplum cannot make, read from its StructureDefinition. */
export function twpasBundleRules(): BundleProfileRules {
  const rules = twpasDefinitions().bundleRules.get(TWPAS_PROFILES.bundle);
  if (!rules) throw new Error(`the TWPAS definitions have no ${TWPAS_PROFILES.bundle}`);
  return rules;
}

/** Every canonical URL (`url`) of the guide's conformance resources, by resourceType. */
export function definitionUrls(): Map<string, Set<string>> {
  const urls = new Map<string, Set<string>>();
  for (const file of readdirSync(twpasPath('definitions'))) {
    const resource = JSON.parse(readFileSync(twpasPath('definitions', file), 'utf8')) as {
      resourceType: string;
      url?: string;
    };
    if (!resource.url) continue;
    const set = urls.get(resource.resourceType) ?? new Set<string>();
    set.add(resource.url);
    urls.set(resource.resourceType, set);
  }
  return urls;
}

/** Rows of a TSV file as objects keyed by the header. */
export function readTsv(file: string): Record<string, string>[] {
  const [header = '', ...rows] = readFileSync(twpasPath(file), 'utf8').split('\n');
  const columns = header.split('\t');
  return rows
    .filter((row) => row.length > 0)
    .map((row) => {
      const cells = row.split('\t');
      return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
    });
}

/** code → display of one TWPAS CodeSystem, from codes.tsv. */
export function codeSystemCodes(rows: Record<string, string>[], system: string): Map<string, string> {
  return new Map(
    rows.filter((row) => row.system === system).map((row) => [row.code ?? '', row.display ?? '']),
  );
}
