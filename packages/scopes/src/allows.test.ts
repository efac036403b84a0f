import { describe, expect, it } from 'vitest';
import { allows, type Decision, decide, type FhirRequest } from './allows.ts';
import { parseScopes } from './parse.ts';

const LAB = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
const VITALS = 'http://terminology.hl7.org/CodeSystem/observation-category|vital-signs';

function scopes(text: string) {
  return parseScopes(text, { strict: true }).scopes;
}

const unrestricted = (context: 'patient' | 'user' | 'system'): Decision => ({
  allowed: true,
  context,
  filters: null,
});
const noScope = (interaction: string, resourceType: string): Decision => ({
  allowed: false,
  reason: 'no-scope',
  message: `no granted scope allows ${interaction} on ${resourceType}`,
});

describe('decide maps each interaction to its permission', () => {
  const cases: Array<[string, FhirRequest, Decision]> = [
    [
      'patient/Observation.c',
      { resourceType: 'Observation', interaction: 'create' },
      unrestricted('patient'),
    ],
    ['patient/Observation.r', { resourceType: 'Observation', interaction: 'read' }, unrestricted('patient')],
    ['patient/Observation.r', { resourceType: 'Observation', interaction: 'vread' }, unrestricted('patient')],
    [
      'patient/Observation.r',
      { resourceType: 'Observation', interaction: 'history' },
      unrestricted('patient'),
    ],
    [
      'patient/Observation.s',
      { resourceType: 'Observation', interaction: 'history-type' },
      unrestricted('patient'),
    ],
    [
      'patient/Observation.u',
      { resourceType: 'Observation', interaction: 'update' },
      unrestricted('patient'),
    ],
    ['patient/Observation.u', { resourceType: 'Observation', interaction: 'patch' }, unrestricted('patient')],
    [
      'patient/Observation.d',
      { resourceType: 'Observation', interaction: 'delete' },
      unrestricted('patient'),
    ],
    [
      'patient/Observation.s',
      { resourceType: 'Observation', interaction: 'search' },
      unrestricted('patient'),
    ],
    [
      'patient/Observation.rud',
      { resourceType: 'Observation', interaction: 'create' },
      noScope('create', 'Observation'),
    ],
    [
      'patient/Observation.cuds',
      { resourceType: 'Observation', interaction: 'read' },
      noScope('read', 'Observation'),
    ],
    [
      'patient/Observation.cuds',
      { resourceType: 'Observation', interaction: 'vread' },
      noScope('vread', 'Observation'),
    ],
    [
      'patient/Observation.s',
      { resourceType: 'Observation', interaction: 'history' },
      noScope('history', 'Observation'),
    ],
    [
      'patient/Observation.r',
      { resourceType: 'Observation', interaction: 'history-type' },
      noScope('history-type', 'Observation'),
    ],
    [
      'patient/Observation.crds',
      { resourceType: 'Observation', interaction: 'update' },
      noScope('update', 'Observation'),
    ],
    [
      'patient/Observation.crds',
      { resourceType: 'Observation', interaction: 'patch' },
      noScope('patch', 'Observation'),
    ],
    [
      'patient/Observation.crus',
      { resourceType: 'Observation', interaction: 'delete' },
      noScope('delete', 'Observation'),
    ],
    [
      'patient/Observation.r',
      { resourceType: 'Observation', interaction: 'search' },
      noScope('search', 'Observation'),
    ],
  ];
  it.each(cases)('with %s, %o gives %o', (granted, request, decision) => {
    expect(decide(scopes(granted), request)).toEqual(decision);
  });
});

describe('decide matches resource types', () => {
  const cases: Array<[string, FhirRequest, Decision]> = [
    ['patient/*.rs', { resourceType: 'Condition', interaction: 'read' }, unrestricted('patient')],
    ['patient/*.rs', { resourceType: 'AllergyIntolerance', interaction: 'search' }, unrestricted('patient')],
    [
      'patient/Observation.rs',
      { resourceType: 'Condition', interaction: 'read' },
      noScope('read', 'Condition'),
    ],
    [
      'patient/Observation.rs',
      { resourceType: 'observation', interaction: 'read' },
      noScope('read', 'observation'),
    ],
    ['', { resourceType: 'Patient', interaction: 'read' }, noScope('read', 'Patient')],
    [
      'openid fhirUser launch/patient offline_access',
      { resourceType: 'Patient', interaction: 'read' },
      noScope('read', 'Patient'),
    ],
    ['user/*.*', { resourceType: 'Appointment', interaction: 'delete' }, unrestricted('user')],
    ['patient/*.read', { resourceType: 'Immunization', interaction: 'search' }, unrestricted('patient')],
    [
      'patient/*.read',
      { resourceType: 'Immunization', interaction: 'create' },
      noScope('create', 'Immunization'),
    ],
    [
      'patient/Observation.write',
      { resourceType: 'Observation', interaction: 'update' },
      unrestricted('patient'),
    ],
    [
      'patient/Observation.write',
      { resourceType: 'Observation', interaction: 'read' },
      noScope('read', 'Observation'),
    ],
  ];
  it.each(cases)('with %j, %o gives %o', (granted, request, decision) => {
    expect(decide(scopes(granted), request)).toEqual(decision);
  });
});

describe('decide picks the broadest covering context', () => {
  const cases: Array<[string, FhirRequest, Decision]> = [
    [
      'patient/Observation.rs user/Observation.r',
      { resourceType: 'Observation', interaction: 'read' },
      unrestricted('user'),
    ],
    [
      'patient/Observation.rs user/Observation.r',
      { resourceType: 'Observation', interaction: 'search' },
      unrestricted('patient'),
    ],
    [
      'system/*.rs patient/*.cruds',
      { resourceType: 'Observation', interaction: 'read' },
      unrestricted('system'),
    ],
    [
      'system/*.rs patient/*.cruds',
      { resourceType: 'Observation', interaction: 'update' },
      unrestricted('patient'),
    ],
    [
      'user/Observation.rs system/Condition.rs',
      { resourceType: 'Observation', interaction: 'read' },
      unrestricted('user'),
    ],
  ];
  it.each(cases)('with %s, %o gives %o', (granted, request, decision) => {
    expect(decide(scopes(granted), request)).toEqual(decision);
  });
});

describe('decide with granular scopes', () => {
  const cases: Array<[string, FhirRequest, Decision]> = [
    [
      `patient/Observation.rs?category=${LAB}`,
      { resourceType: 'Observation', interaction: 'search', params: { category: LAB } },
      { allowed: true, context: 'patient', filters: [[['category', LAB]]] },
    ],
    [
      `patient/Observation.rs?category=${LAB}`,
      { resourceType: 'Observation', interaction: 'search', params: { category: [LAB, 'other'], code: 'x' } },
      { allowed: true, context: 'patient', filters: [[['category', LAB]]] },
    ],
    [
      `patient/Observation.rs?category=${LAB}`,
      { resourceType: 'Observation', interaction: 'search' },
      {
        allowed: false,
        reason: 'search-params-missing',
        message: `the granted scopes allow searching Observation only with category=${LAB}`,
      },
    ],
    [
      `patient/Observation.rs?category=${LAB}`,
      { resourceType: 'Observation', interaction: 'search', params: { category: VITALS } },
      {
        allowed: false,
        reason: 'search-params-missing',
        message: `the granted scopes allow searching Observation only with category=${LAB}`,
      },
    ],
    [
      `patient/Observation.rs?category=${LAB}`,
      { resourceType: 'Observation', interaction: 'search', params: { category: `${LAB},${VITALS}` } },
      {
        allowed: false,
        reason: 'search-params-missing',
        message: `the granted scopes allow searching Observation only with category=${LAB}`,
      },
    ],
    [
      `patient/Observation.rs?category=${LAB}`,
      { resourceType: 'Observation', interaction: 'search', params: { category: 'laboratory' } },
      {
        allowed: false,
        reason: 'search-params-missing',
        message: `the granted scopes allow searching Observation only with category=${LAB}`,
      },
    ],
    [
      `patient/Observation.rs?category=${LAB}`,
      { resourceType: 'Observation', interaction: 'read' },
      { allowed: true, context: 'patient', filters: [[['category', LAB]]] },
    ],
    [
      `patient/Observation.rs?category=${LAB}`,
      { resourceType: 'Observation', interaction: 'create' },
      noScope('create', 'Observation'),
    ],
    [
      `patient/Observation.rs?category=${LAB} patient/Observation.rs?category=${VITALS}`,
      { resourceType: 'Observation', interaction: 'read' },
      { allowed: true, context: 'patient', filters: [[['category', LAB]], [['category', VITALS]]] },
    ],
    [
      `patient/Observation.rs?category=${LAB} patient/Observation.rs?category=${VITALS}`,
      { resourceType: 'Observation', interaction: 'search', params: { category: VITALS } },
      { allowed: true, context: 'patient', filters: [[['category', VITALS]]] },
    ],
    [
      `patient/Observation.rs?category=${LAB} patient/Observation.rs?category=${VITALS}`,
      { resourceType: 'Observation', interaction: 'search' },
      {
        allowed: false,
        reason: 'search-params-missing',
        message: `the granted scopes allow searching Observation only with category=${LAB} or category=${VITALS}`,
      },
    ],
    [
      `patient/Observation.rs?category=${LAB} patient/Observation.rs`,
      { resourceType: 'Observation', interaction: 'read' },
      unrestricted('patient'),
    ],
    [
      `patient/Observation.rs?category=${LAB} patient/Observation.rs`,
      { resourceType: 'Observation', interaction: 'search' },
      unrestricted('patient'),
    ],
    [
      'patient/Observation.rs?category=laboratory&code=1234-5',
      { resourceType: 'Observation', interaction: 'search', params: { category: 'laboratory' } },
      {
        allowed: false,
        reason: 'search-params-missing',
        message: 'the granted scopes allow searching Observation only with category=laboratory&code=1234-5',
      },
    ],
    [
      'patient/Observation.rs?category=laboratory&code=1234-5',
      {
        resourceType: 'Observation',
        interaction: 'search',
        params: { code: '1234-5', category: 'laboratory' },
      },
      {
        allowed: true,
        context: 'patient',
        filters: [
          [
            ['category', 'laboratory'],
            ['code', '1234-5'],
          ],
        ],
      },
    ],
    [
      'patient/*.rs?_security=http://terminology.hl7.org/CodeSystem/v3-Confidentiality|N',
      { resourceType: 'Condition', interaction: 'read' },
      {
        allowed: true,
        context: 'patient',
        filters: [[['_security', 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality|N']]],
      },
    ],
    [
      'patient/Observation.rs user/Observation.rs?category=laboratory',
      { resourceType: 'Observation', interaction: 'read' },
      { allowed: true, context: 'user', filters: [[['category', 'laboratory']]] },
    ],
    [
      'patient/Observation.rs user/Observation.rs?category=laboratory',
      { resourceType: 'Observation', interaction: 'search' },
      unrestricted('patient'),
    ],
    [
      'patient/Observation.rs?constructor=x',
      { resourceType: 'Observation', interaction: 'search', params: {} },
      {
        allowed: false,
        reason: 'search-params-missing',
        message: 'the granted scopes allow searching Observation only with constructor=x',
      },
    ],
    [
      'user/Encounter.cu?status=planned',
      { resourceType: 'Encounter', interaction: 'update' },
      { allowed: true, context: 'user', filters: [[['status', 'planned']]] },
    ],
  ];
  it.each(cases)('with %s, %o gives %o', (granted, request, decision) => {
    expect(decide(scopes(granted), request)).toEqual(decision);
  });
});

describe('decide for the TWPAS backend client', () => {
  const twpas = 'system/Bundle.crs system/ClaimResponse.rs system/Patient.rs';
  const cases: Array<[FhirRequest, Decision]> = [
    [{ resourceType: 'Bundle', interaction: 'create' }, unrestricted('system')],
    [{ resourceType: 'Bundle', interaction: 'read' }, unrestricted('system')],
    [{ resourceType: 'Bundle', interaction: 'search' }, unrestricted('system')],
    [{ resourceType: 'Bundle', interaction: 'update' }, noScope('update', 'Bundle')],
    [{ resourceType: 'Bundle', interaction: 'delete' }, noScope('delete', 'Bundle')],
    [{ resourceType: 'ClaimResponse', interaction: 'read' }, unrestricted('system')],
    [
      { resourceType: 'ClaimResponse', interaction: 'search', params: { patient: 'Patient/1' } },
      unrestricted('system'),
    ],
    [{ resourceType: 'ClaimResponse', interaction: 'history' }, unrestricted('system')],
    [{ resourceType: 'ClaimResponse', interaction: 'create' }, noScope('create', 'ClaimResponse')],
    [{ resourceType: 'Patient', interaction: 'read' }, unrestricted('system')],
    [{ resourceType: 'Patient', interaction: 'search' }, unrestricted('system')],
    [{ resourceType: 'Patient', interaction: 'update' }, noScope('update', 'Patient')],
    [{ resourceType: 'Claim', interaction: 'read' }, noScope('read', 'Claim')],
  ];
  it.each(cases)('%o gives %o', (request, decision) => {
    expect(decide(scopes(twpas), request)).toEqual(decision);
  });
});

describe('allows', () => {
  it('is true exactly when decide allows', () => {
    const granted = scopes('patient/Observation.rs?category=laboratory user/Condition.r');
    expect(
      allows(granted, {
        resourceType: 'Observation',
        interaction: 'search',
        params: { category: 'laboratory' },
      }),
    ).toBe(true);
    expect(allows(granted, { resourceType: 'Observation', interaction: 'search' })).toBe(false);
    expect(allows(granted, { resourceType: 'Condition', interaction: 'read' })).toBe(true);
    expect(allows(granted, { resourceType: 'Condition', interaction: 'search' })).toBe(false);
  });
});
