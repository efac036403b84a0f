/** Test access to the compiled TWPAS guide in ../shared/twpas (read, never copied into the project). */
import { readFileSync } from 'node:fs';
import type { Json } from '@openpas/ig-validation/testing';
import { sharedPath } from '@openpas/vitest-config/shared';

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
