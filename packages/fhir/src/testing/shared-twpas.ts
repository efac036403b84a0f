/** Read access to the compiled TWPAS guide in ../shared/twpas, for tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { sharedPath } from '@openpas/vitest-config/shared';
import type { Bundle } from '../types.ts';
import {
  loadTwpasDefinitions,
  type StructureDefinitionLike,
  type TwpasDefinitions,
} from './medplum-validator.ts';

export function twpasPath(...parts: string[]): string {
  return sharedPath('twpas', ...parts);
}

export function readExampleBundle(file: string): Bundle {
  return JSON.parse(readFileSync(twpasPath('examples', file), 'utf8')) as Bundle;
}

export function twpasDefinitions(): TwpasDefinitions {
  return loadTwpasDefinitions(twpasPath('definitions'));
}

export function profilesTsv(): string {
  return readFileSync(twpasPath('profiles.tsv'), 'utf8');
}

export function bundleProfile(): StructureDefinitionLike {
  return JSON.parse(
    readFileSync(twpasPath('definitions', 'StructureDefinition-Bundle-twpas.json'), 'utf8'),
  ) as StructureDefinitionLike;
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
