import type { FhirResource } from '@openpas/fhir-model';
import { issueMessage, validateBase } from '@openpas/ig-validation';

/** An independent check of what the API returns: Medplum's R4 validator (@medplum/core) on the R4 core definitions. */
export function assertValidR4(resource: unknown): void {
  const { remaining } = validateBase(resource as FhirResource);
  if (remaining.length > 0) throw new Error(`not valid R4: ${remaining.map(issueMessage).join('; ')}`);
}
