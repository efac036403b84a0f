import type { SearchParameterLookup } from './parse-name.ts';
import type { SearchParameterDef, SearchParamType } from './types.ts';

// A small registry for the parser's tests, independent of the real one in parameters.ts.

function def(
  resourceType: string,
  code: string,
  type: SearchParamType,
  expression: string,
  targets?: readonly string[],
): SearchParameterDef {
  return { code, resourceType, type, expression, ...(targets ? { targets } : {}), source: 'r4' };
}

export const P = {
  claimIdentifier: def('Claim', 'identifier', 'token', 'Claim.identifier'),
  claimPatient: def('Claim', 'patient', 'reference', 'Claim.patient', ['Patient']),
  claimFuncType: def('Claim', 'func-type', 'reference', 'Claim.extension.value', ['Encounter']),
  claimCreated: def('Claim', 'created', 'date', 'Claim.created'),
  claimStatus: def('Claim', 'status', 'token', 'Claim.status'),
  claimEnterer: def('Claim', 'enterer', 'reference', 'Claim.enterer', ['Practitioner', 'PractitionerRole']),
  claimInsurer: def('Claim', 'insurer', 'reference', 'Claim.insurer'),
  crRequest: def('ClaimResponse', 'request', 'reference', 'ClaimResponse.request', ['Claim']),
  crRequestor: def('ClaimResponse', 'requestor', 'reference', 'ClaimResponse.requestor', ['Organization']),
  crDisposition: def('ClaimResponse', 'disposition', 'token', 'ClaimResponse.disposition'),
  crAdjudicationReason: def(
    'ClaimResponse',
    'adjudication-reason',
    'token',
    'ClaimResponse.item.adjudication.reason',
  ),
  crCreated: def('ClaimResponse', 'created', 'date', 'ClaimResponse.created'),
  crPatient: def('ClaimResponse', 'patient', 'reference', 'ClaimResponse.patient', ['Patient']),
  crOutcome: def('ClaimResponse', 'outcome', 'token', 'ClaimResponse.outcome'),
  patientIdentifier: def('Patient', 'identifier', 'token', 'Patient.identifier'),
  patientName: def('Patient', 'name', 'string', 'Patient.name'),
  patientBirthdate: def('Patient', 'birthdate', 'date', 'Patient.birthDate'),
  patientGender: def('Patient', 'gender', 'token', 'Patient.gender'),
  patientOrganization: def('Patient', 'organization', 'reference', 'Patient.managingOrganization', [
    'Organization',
  ]),
  organizationIdentifier: def('Organization', 'identifier', 'token', 'Organization.identifier'),
  organizationName: def('Organization', 'name', 'string', 'Organization.name'),
  encounterServiceType: def('Encounter', 'service-type', 'token', 'Encounter.serviceType'),
  practitionerName: def('Practitioner', 'name', 'string', 'Practitioner.name'),
  observationValue: def('Observation', 'value-quantity', 'quantity', 'Observation.value'),
  riskProbability: def('RiskAssessment', 'probability', 'number', 'RiskAssessment.prediction.probability'),
} as const;

const BY_KEY = new Map(Object.values(P).map((d) => [`${d.resourceType}.${d.code}`, d]));

/** The fixture registry as the lookup parseSearch takes. */
export const fixtureLookup: SearchParameterLookup = (resourceType, code) =>
  BY_KEY.get(`${resourceType}.${code}`);
