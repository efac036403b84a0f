import type { Resource } from '@openpas/fhir-model';

const PATIENT_FIELDS = ['patient', 'subject', 'beneficiary'] as const;

/** The Patient a resource belongs to (itself for a Patient), from its patient/subject/beneficiary reference. */
export function patientIdOf(resource: Resource): string | null {
  if (resource.resourceType === 'Patient') return resource.id ?? null;
  const record = resource as unknown as Record<string, unknown>;
  for (const field of PATIENT_FIELDS) {
    const reference = (record[field] as { reference?: unknown } | undefined)?.reference;
    if (typeof reference === 'string' && reference.startsWith('Patient/'))
      return reference.slice('Patient/'.length);
  }
  return null;
}
