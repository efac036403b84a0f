// The SearchParameters of the TWPAS guide (definitions/SearchParameter-*.json), written out here. Where the
// guide's definition cannot be indexed as written, TWPAS_DEVIATIONS records what we do instead and why.

import type { SearchParameterDef } from './types.ts';

const CLAIM_ENCOUNTER_EXTENSION =
  'https://nhicore.nhi.gov.tw/pas/StructureDefinition/extension-claim-encounter';

// ClaimResponse-twpas allows only the hospital (Organization-twpas) as requestor, so the chain
// `requestor.identifier` needs no type.
const REQUESTOR_TARGETS = ['Organization'] as const;

export const TWPAS_PARAMETERS: readonly SearchParameterDef[] = [
  {
    resourceType: 'Claim',
    code: 'identifier',
    type: 'token',
    expression: 'Claim.identifier',
    source: 'twpas',
  },
  { resourceType: 'Claim', code: 'id', type: 'token', expression: 'Claim.id', source: 'twpas' },
  {
    resourceType: 'Claim',
    code: 'patient',
    type: 'reference',
    expression: 'Claim.patient',
    targets: ['Patient'],
    source: 'twpas',
  },
  {
    resourceType: 'Claim',
    code: 'func-type',
    type: 'reference',
    expression: `Claim.extension.where(url = '${CLAIM_ENCOUNTER_EXTENSION}').value.ofType(Reference)`,
    targets: ['Encounter'],
    source: 'twpas',
  },
  {
    resourceType: 'ClaimResponse',
    code: 'adjudication-reason',
    type: 'string',
    expression: 'ClaimResponse.item.adjudication.reason',
    source: 'twpas',
  },
  {
    resourceType: 'ClaimResponse',
    code: 'created',
    type: 'date',
    expression: 'ClaimResponse.created',
    source: 'twpas',
  },
  {
    resourceType: 'ClaimResponse',
    code: 'disposition',
    type: 'string',
    expression: 'ClaimResponse.disposition',
    source: 'twpas',
  },
  {
    resourceType: 'ClaimResponse',
    code: 'request',
    type: 'reference',
    expression: 'ClaimResponse.request',
    targets: ['Claim'],
    source: 'twpas',
  },
  {
    resourceType: 'ClaimResponse',
    code: 'requestor',
    type: 'reference',
    expression: 'ClaimResponse.requestor',
    targets: REQUESTOR_TARGETS,
    source: 'twpas',
  },
  {
    resourceType: 'Encounter',
    code: 'service-type',
    type: 'token',
    expression: 'Encounter.serviceType',
    source: 'twpas',
  },
  {
    resourceType: 'Organization',
    code: 'identifier',
    type: 'token',
    expression: 'Organization.identifier',
    source: 'twpas',
  },
  {
    resourceType: 'Patient',
    code: 'identifier',
    type: 'token',
    expression: 'Patient.identifier',
    source: 'twpas',
  },
  { resourceType: 'Patient', code: 'name', type: 'string', expression: 'Patient.name', source: 'twpas' },
];

/**
 * Parameters of the guide answered from columns of the resource table, not from index rows: the parser
 * handles them itself and they have no registry entry (Bundle `_id`, Claim `_lastUpdated` in the guide).
 */
export const STORE_COLUMN_PARAMETERS: readonly string[] = ['_id', '_lastUpdated'];

/** Parameters of the guide that are not search parameters with an expression (`_include` is `special`). */
export const SPECIAL_PARAMETERS: readonly string[] = ['_include'];

export interface TwpasDeviation {
  /** The guide's SearchParameter id, e.g. `Claim-patient` */
  id: string;
  /** What the guide's definition says */
  guide: string;
  /** What OpenPAS does */
  ours: string;
  reason: string;
}

export const TWPAS_DEVIATIONS: readonly TwpasDeviation[] = [
  {
    id: 'Claim-patient',
    guide: 'expression `Claim.id`',
    ours: 'expression `Claim.patient`, targets Patient',
    reason:
      'a reference parameter must select a Reference; `Claim.id` would make `request.patient.identifier` and `request.patient.name` (the searches the guide lists) impossible',
  },
];
