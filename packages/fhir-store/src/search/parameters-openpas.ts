// OpenPAS's own search parameters, over the facts the workflow keeps on a case (@openpas/workflow's
// case-facts): the payer's queue sorts by when a decision is due (for a case awaiting one) and filters by
// the drug requested.

import type { SearchParameterDef } from './types.ts';

export const OPENPAS_PARAMETERS: readonly SearchParameterDef[] = [
  {
    resourceType: 'ClaimResponse',
    code: 'review-due',
    type: 'date',
    // Only while the case awaits its decision (已受理 accepted, 審查中 under review): a decided case has no
    // decision due, and the queue's walk of this index in date order then passes open cases only, however
    // many decided cases were due before them.
    expression:
      "ClaimResponse.where(disposition = '已受理' or disposition = '審查中').extension.where(url = 'https://openpas.dev/fhir/StructureDefinition/review-due').value.ofType(dateTime)",
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
