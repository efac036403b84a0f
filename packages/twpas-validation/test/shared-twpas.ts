/** Test access to the compiled TWPAS guide in ../shared/twpas (read, never copied into the project). */
import { readFileSync } from 'node:fs';
import { sharedPath } from '@openpas/vitest-config/shared';

/** The official request Bundles among the guide's examples. */
export const REQUEST_BUNDLE_FILES = [
  'Bundle-bun-1.json',
  'Bundle-bun-3.json',
  'Bundle-bun-imm.json',
  'Bundle-bun-self.json',
  'Bundle-bun-uuid-example.json',
] as const;

export type Json = Record<string, unknown>;

export function readExample(file: string): Json {
  return JSON.parse(readFileSync(sharedPath('twpas', 'examples', file), 'utf8')) as Json;
}

export function readDefinition(id: string): Json {
  return JSON.parse(
    readFileSync(sharedPath('twpas', 'definitions', `StructureDefinition-${id}.json`), 'utf8'),
  ) as Json;
}

/** Rows of a TSV file of ../shared/twpas as objects keyed by the header. */
export function readTsv(file: string): Record<string, string>[] {
  const [header = '', ...rows] = readFileSync(sharedPath('twpas', file), 'utf8').split('\n');
  const columns = header.split('\t');
  return rows
    .filter((row) => row.length > 0)
    .map((row) => {
      const cells = row.split('\t');
      return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
    });
}

export interface SnapshotElement {
  id: string;
  min?: number;
  max?: string;
  type?: { code: string; profile?: string[] }[];
}

export function snapshotElements(definition: Json): SnapshotElement[] {
  const snapshot = definition.snapshot as { element?: SnapshotElement[] } | undefined;
  return snapshot?.element ?? [];
}
