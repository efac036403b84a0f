// The sandbox's chart records as a FhirReader: what the FHIR API would answer for them, for the builder's
// own tests (the app's end-to-end test reads the same records over HTTP).
import type { Resource } from '@openpas/fhir-model';
import { chartRecordsOf } from '@openpas/fhir-store';
import type { FhirReader } from '../src/index.ts';

const PATIENT_FIELDS = ['patient', 'subject', 'beneficiary'] as const;

export function chartReader(records: readonly Resource[]): FhirReader {
  const byKey = new Map(records.map((r) => [`${r.resourceType}/${r.id}`, r]));
  return {
    async read(type, id) {
      const found = byKey.get(`${type}/${id}`);
      if (!found) throw new Error(`${type}/${id} not found`);
      return structuredClone(found);
    },
    async search(type, query) {
      const target = Object.values(query)[0];
      return (
        records
          .filter((r) => r.resourceType === type)
          .filter((r) =>
            PATIENT_FIELDS.some(
              (field) =>
                (r as unknown as Record<string, { reference?: string }>)[field]?.reference === target,
            ),
          )
          .map((r) => structuredClone(r))
          // Newest first, as a server answers without _sort: the builder must not rely on the chart's order.
          .reverse()
      );
    },
  };
}

export function sandboxChartRecords(bundle: Parameters<typeof chartRecordsOf>[0], key: string): Resource[] {
  return chartRecordsOf(bundle, key);
}
