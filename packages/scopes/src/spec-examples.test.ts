// Every scope string that SMART App Launch 2.2 "Scopes and Launch Context" shows, with what this
// package makes of it. Scopes the page writes without a context (prose shorthand) are refused.
import { describe, expect, it } from 'vitest';
import { type Decision, decide, type FhirRequest } from './allows.ts';
import type { ScopeErrorReason } from './errors.ts';
import { formatScopes } from './format.ts';
import { parseScopes } from './parse.ts';

const LAB = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
const HOME = 'launch/list?role=https://example.org/med-list-at-home';
const HOSPITAL = 'launch/list?role=https://example.org/med-list-at-hospital';

describe('SMART App Launch 2.2 example scopes parse and print canonically', () => {
  const cases: Array<[text: string, canonical: string, kinds: string[]]> = [
    // Quick start
    ['patient/*.rs', 'patient/*.rs', ['resource']],
    ['user/*.cruds', 'user/*.cruds', ['resource']],
    ['openid fhirUser', 'openid fhirUser', ['openid', 'fhirUser']],
    ['launch', 'launch', ['launch']],
    ['launch/patient', 'launch/patient', ['launch/patient']],
    ['offline_access', 'offline_access', ['offline_access']],
    ['online_access', 'online_access', ['online_access']],
    // Scopes for FHIR resources, v1 compatibility, equivalence, granular scopes
    ['patient/Observation.cu', 'patient/Observation.cu', ['resource']],
    ['patient/Observation.rs', 'patient/Observation.rs', ['resource']],
    ['patient/Observation.rd', 'patient/Observation.rd', ['resource']],
    ['patient/Observation.read', 'patient/Observation.rs', ['resource']],
    ['patient/Immunization.read', 'patient/Immunization.rs', ['resource']],
    ['patient/*.read', 'patient/*.rs', ['resource']],
    ['patient/*.write', 'patient/*.cud', ['resource']],
    ['patient/*.*', 'patient/*.cruds', ['resource']],
    ['user/*.*', 'user/*.cruds', ['resource']],
    [
      'patient/Condition.rs patient/AllergyIntolerance.rs',
      'patient/AllergyIntolerance.rs patient/Condition.rs',
      ['resource', 'resource'],
    ],
    [`patient/Observation.rs?category=${LAB}`, `patient/Observation.rs?category=${LAB}`, ['resource']],
    [
      'patient/Observation.rs?code:in=http://valueset.example.org/ValueSet/diabetes-codes',
      'patient/Observation.rs?code:in=http://valueset.example.org/ValueSet/diabetes-codes',
      ['resource'],
    ],
    [
      'patient/Observation.rs?patient.birthdate=1990',
      'patient/Observation.rs?patient.birthdate=1990',
      ['resource'],
    ],
    // Patient-, user- and system-level examples
    ['patient/Patient.r', 'patient/Patient.r', ['resource']],
    ['patient/Observation.c', 'patient/Observation.c', ['resource']],
    ['patient/*.cruds', 'patient/*.cruds', ['resource']],
    ['user/Observation.rs', 'user/Observation.rs', ['resource']],
    ['user/Appointment.cruds', 'user/Appointment.cruds', ['resource']],
    ['user/Patient.rs', 'user/Patient.rs', ['resource']],
    ['user/Encounter.cu', 'user/Encounter.cu', ['resource']],
    ['system/Observation.rs', 'system/Observation.rs', ['resource']],
    ['system/*.rs', 'system/*.rs', ['resource']],
    ['system/Encounter.cud', 'system/Encounter.cud', ['resource']],
    ['system/*.cruds', 'system/*.cruds', ['resource']],
    // Wildcard scopes: what a server may grant for patient/AllergyIntolerance.cruds
    ['patient/AllergyIntolerance.cruds', 'patient/AllergyIntolerance.cruds', ['resource']],
    [
      'patient/AllergyIntolerance.rs patient/AllergyIntolerance.cud',
      'patient/AllergyIntolerance.cud patient/AllergyIntolerance.rs',
      ['resource', 'resource'],
    ],
    ['patient/AllergyIntolerance.rs', 'patient/AllergyIntolerance.rs', ['resource']],
    ['patient/AllergyIntolerance.cud', 'patient/AllergyIntolerance.cud', ['resource']],
    ['', '', []],
    // Context
    ['launch/encounter', 'launch/encounter', ['launch/encounter']],
    ['launch/diagnosticreport', 'launch/diagnosticreport', ['other']],
    ['launch/imagingstudy', 'launch/imagingstudy', ['other']],
    ['launch/relatedperson?role=friend', 'launch/relatedperson?role=friend', ['other']],
    ['launch/relatedperson?role=neighbor', 'launch/relatedperson?role=neighbor', ['other']],
    [`${HOME} ${HOSPITAL}`, `${HOME} ${HOSPITAL}`, ['other', 'other']],
    // Identity, extensibility, URI representation
    ['openid', 'openid', ['openid']],
    ['fhirUser', 'fhirUser', ['fhirUser']],
    [
      'https://ehr.example.org/scopes/profilePhoto.manage',
      'https://ehr.example.org/scopes/profilePhoto.manage',
      ['other'],
    ],
    ['__profilePhoto.manage', '__profilePhoto.manage', ['other']],
    [
      'launch/patient patient/*.rs __profilePhoto.manage',
      'launch/patient patient/*.rs __profilePhoto.manage',
      ['launch/patient', 'resource', 'other'],
    ],
    ['patient/*.r', 'patient/*.r', ['resource']],
    [
      'http://smarthealthit.org/fhir/scopes/patient/*.r',
      'http://smarthealthit.org/fhir/scopes/patient/*.r',
      ['other'],
    ],
    // TWPAS backend client
    [
      'system/Bundle.crs system/ClaimResponse.rs system/Patient.rs',
      'system/Bundle.crs system/ClaimResponse.rs system/Patient.rs',
      ['resource', 'resource', 'resource'],
    ],
  ];
  it.each(cases)('%j prints as %j', (text, canonical, kinds) => {
    const { scopes, errors } = parseScopes(text);
    expect(errors).toEqual([]);
    expect(scopes.map((scope) => scope.kind)).toEqual(kinds);
    expect(formatScopes(scopes)).toBe(canonical);
  });
});

describe('SMART App Launch 2.2 shorthand and undefined suffixes are refused', () => {
  const cases: Array<[text: string, reasons: ScopeErrorReason[]]> = [
    ['Observation.rs', ['missing-context']],
    ['Observation.r Observation.s', ['missing-context', 'missing-context']],
    ['Observation.rs?code:in=http://valueset.example.org/ValueSet/diabetes-codes', ['missing-context']],
    ['Observation.rs?patient.birthdate=1990', ['missing-context']],
    ['patient/Observation.dus', ['permission-order']],
    ['launch/', ['launch-context']],
  ];
  it.each(cases)('%j is refused with %j', (text, reasons) => {
    const { scopes, errors } = parseScopes(text);
    expect(scopes).toEqual([]);
    expect(errors.map((error) => error.reason)).toEqual(reasons);
  });
});

describe('SMART App Launch 2.2 example scopes decide requests as the page describes', () => {
  const yes = (context: 'patient' | 'user' | 'system'): Decision => ({
    allowed: true,
    context,
    filters: null,
  });
  const no = (interaction: string, resourceType: string): Decision => ({
    allowed: false,
    reason: 'no-scope',
    message: `no granted scope allows ${interaction} on ${resourceType}`,
  });
  const cases: Array<[granted: string, request: FhirRequest, decision: Decision]> = [
    ['patient/*.rs', { resourceType: 'Condition', interaction: 'search' }, yes('patient')],
    ['patient/*.rs', { resourceType: 'Condition', interaction: 'update' }, no('update', 'Condition')],
    ['user/*.cruds', { resourceType: 'Encounter', interaction: 'delete' }, yes('user')],
    ['openid fhirUser', { resourceType: 'Practitioner', interaction: 'read' }, no('read', 'Practitioner')],
    ['patient/Observation.rs', { resourceType: 'Observation', interaction: 'read' }, yes('patient')],
    [
      'patient/Observation.rs',
      { resourceType: 'Observation', interaction: 'create' },
      no('create', 'Observation'),
    ],
    ['patient/Patient.r', { resourceType: 'Patient', interaction: 'read' }, yes('patient')],
    ['patient/Patient.r', { resourceType: 'Patient', interaction: 'search' }, no('search', 'Patient')],
    // "write access does not imply read access"
    ['patient/Observation.c', { resourceType: 'Observation', interaction: 'create' }, yes('patient')],
    [
      'patient/Observation.c',
      { resourceType: 'Observation', interaction: 'read' },
      no('read', 'Observation'),
    ],
    ['patient/Observation.cu', { resourceType: 'Observation', interaction: 'patch' }, yes('patient')],
    ['patient/Observation.read', { resourceType: 'Observation', interaction: 'search' }, yes('patient')],
    [
      'patient/Observation.read',
      { resourceType: 'Observation', interaction: 'delete' },
      no('delete', 'Observation'),
    ],
    ['patient/Observation.rd', { resourceType: 'Observation', interaction: 'delete' }, yes('patient')],
    ['user/Observation.rs', { resourceType: 'Observation', interaction: 'search' }, yes('user')],
    ['user/Appointment.cruds', { resourceType: 'Appointment', interaction: 'update' }, yes('user')],
    ['user/Patient.rs', { resourceType: 'Patient', interaction: 'search' }, yes('user')],
    ['user/Encounter.cu', { resourceType: 'Encounter', interaction: 'read' }, no('read', 'Encounter')],
    [
      'system/Observation.rs',
      { resourceType: 'Observation', interaction: 'update' },
      no('update', 'Observation'),
    ],
    ['system/*.rs', { resourceType: 'ExplanationOfBenefit', interaction: 'search' }, yes('system')],
    ['system/Encounter.cud', { resourceType: 'Encounter', interaction: 'create' }, yes('system')],
    ['system/Encounter.cud', { resourceType: 'Encounter', interaction: 'read' }, no('read', 'Encounter')],
    ['system/*.cruds', { resourceType: 'Bundle', interaction: 'create' }, yes('system')],
    [
      'patient/AllergyIntolerance.rs patient/AllergyIntolerance.cud',
      { resourceType: 'AllergyIntolerance', interaction: 'update' },
      yes('patient'),
    ],
    ['', { resourceType: 'AllergyIntolerance', interaction: 'read' }, no('read', 'AllergyIntolerance')],
    [
      `patient/Observation.rs?category=${LAB}`,
      { resourceType: 'Observation', interaction: 'search', params: { category: LAB } },
      { allowed: true, context: 'patient', filters: [[['category', LAB]]] },
    ],
    [
      `patient/Observation.rs?category=${LAB}`,
      { resourceType: 'Observation', interaction: 'search', params: { code: 'http://loinc.org|1234-5' } },
      {
        allowed: false,
        reason: 'search-params-missing',
        message: `the granted scopes allow searching Observation only with category=${LAB}`,
      },
    ],
    [
      'launch/patient patient/*.rs __profilePhoto.manage',
      { resourceType: 'MedicationRequest', interaction: 'read' },
      yes('patient'),
    ],
  ];
  it.each(cases)('%j: %o gives %o', (granted, request, decision) => {
    expect(decide(parseScopes(granted, { strict: true }).scopes, request)).toEqual(decision);
  });
});
