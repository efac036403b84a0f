// OpenPAS's own search parameters, over the facts the workflow keeps on a case (@openpas/workflow's
// case-facts): the payer's queue sorts by when a decision is due and filters by the drug requested.

import type { SearchParameterDef } from './types.ts';

export const OPENPAS_PARAMETERS: readonly SearchParameterDef[] = [
  {
    resourceType: 'ClaimResponse',
    code: 'review-due',
    type: 'date',
    expression:
      "ClaimResponse.extension.where(url = 'https://openpas.dev/fhir/StructureDefinition/review-due').value.ofType(dateTime)",
    source: 'openpas',
  },
  {
    resourceType: 'ClaimResponse',
    code: 'medication',
    type: 'token',
    expression:
      "ClaimResponse.extension.where(url = 'https://openpas.dev/fhir/StructureDefinition/requested-medication').value.ofType(CodeableConcept)",
    source: 'openpas',
  },
];
