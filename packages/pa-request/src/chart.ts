import type { Patient, Resource } from '@openpas/fhir-model/browser';

/** How the request builder reads the EHR's FHIR API (the app wraps fhirclient; tests wrap a record list). */
export interface FhirReader {
  read(type: string, id: string): Promise<Resource>;
  /** Every match, all pages. */
  search(type: string, query: Record<string, string>): Promise<Resource[]>;
}

/** The patient's record as the request builder sees it: every resource read, by `Type/id`. */
export interface Chart {
  patient: Patient & { id: string };
  records: ReadonlyMap<string, Resource>;
}

/** The types searched by patient; what they point at (practitioners, organisations …) is read after. */
const BY_PATIENT: readonly [type: string, parameter: string][] = [
  ['Condition', 'patient'],
  ['Observation', 'patient'],
  ['DiagnosticReport', 'patient'],
  ['DocumentReference', 'patient'],
  ['MedicationRequest', 'patient'],
  ['ImagingStudy', 'patient'],
  ['Media', 'patient'],
  ['Procedure', 'patient'],
  ['Specimen', 'patient'],
  ['Encounter', 'patient'],
  ['Coverage', 'beneficiary'],
];

export function keyOf(resource: Resource): string {
  return `${resource.resourceType}/${resource.id ?? ''}`;
}

/** Every `Type/id` reference inside a resource (contained and absolute ones aside). */
export function referencesIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) referencesIn(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (
        key === 'reference' &&
        typeof item === 'string' &&
        /^[A-Z][A-Za-z]+\/[A-Za-z0-9.-]{1,64}$/.test(item)
      )
        into.add(item);
      else referencesIn(item, into);
    }
  }
  return into;
}

/**
 * Reads the patient's chart: the patient, what the API finds for them by type, then whatever those
 * records point at that was not read yet (a few rounds, reads in parallel). A reference the token may not
 * read is left out; the completeness check will say if the request needed it.
 */
export async function readChart(reader: FhirReader, patientId: string): Promise<Chart> {
  const patient = (await reader.read('Patient', patientId)) as Chart['patient'];
  const records = new Map<string, Resource>([[keyOf(patient), patient]]);
  const found = await Promise.all(
    BY_PATIENT.map(([type, parameter]) => reader.search(type, { [parameter]: `Patient/${patientId}` })),
  );
  for (const resource of found.flat()) records.set(keyOf(resource), resource);
  const tried = new Set<string>();
  for (let round = 0; round < 4; round++) {
    const missing = new Set<string>();
    for (const resource of records.values())
      for (const reference of referencesIn(resource))
        if (!records.has(reference) && !tried.has(reference)) missing.add(reference);
    for (const reference of missing) tried.add(reference);
    if (missing.size === 0) break;
    const read = await Promise.all(
      [...missing].map(async (reference) => {
        const [type = '', id = ''] = reference.split('/');
        return reader.read(type, id).catch(() => undefined);
      }),
    );
    for (const resource of read) if (resource) records.set(keyOf(resource), resource);
  }
  return { patient, records };
}
