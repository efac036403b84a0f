import { describe, expect, it } from 'vitest';
import { ScopeError } from './errors.ts';
import { parseScope, parseScopes } from './parse.ts';
import type { ResourceScope, Scope, ScopeContext, ScopeParam } from './types.ts';

function resource(
  context: ScopeContext,
  resourceType: string,
  letters: string,
  params: ScopeParam[] = [],
  version: 'v1' | 'v2' = 'v2',
): ResourceScope {
  const has = (letter: string) => letters.includes(letter);
  const permissions = { c: has('c'), r: has('r'), u: has('u'), d: has('d'), s: has('s') };
  return { kind: 'resource', context, resourceType, permissions, params, version };
}

const LAB = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';

describe('parseScope on v2 resource scopes', () => {
  const cases: Array<[string, ResourceScope]> = [
    ['patient/Observation.rs', resource('patient', 'Observation', 'rs')],
    ['patient/Patient.r', resource('patient', 'Patient', 'r')],
    ['patient/Observation.c', resource('patient', 'Observation', 'c')],
    ['patient/Observation.cu', resource('patient', 'Observation', 'cu')],
    ['patient/Observation.rd', resource('patient', 'Observation', 'rd')],
    ['patient/*.rs', resource('patient', '*', 'rs')],
    ['patient/*.r', resource('patient', '*', 'r')],
    ['patient/*.cruds', resource('patient', '*', 'cruds')],
    ['user/*.cruds', resource('user', '*', 'cruds')],
    ['user/Encounter.cu', resource('user', 'Encounter', 'cu')],
    ['user/Appointment.cruds', resource('user', 'Appointment', 'cruds')],
    ['system/*.cruds', resource('system', '*', 'cruds')],
    ['system/Encounter.cud', resource('system', 'Encounter', 'cud')],
    ['system/Bundle.crs', resource('system', 'Bundle', 'crs')],
    ['system/ClaimResponse.s', resource('system', 'ClaimResponse', 's')],
    ['system/AllergyIntolerance.d', resource('system', 'AllergyIntolerance', 'd')],
    ['user/Patient.u', resource('user', 'Patient', 'u')],
  ];
  it.each(cases)('reads %s', (text, expected) => {
    expect(parseScope(text)).toEqual(expected);
  });
});

describe('parseScope on granular scopes', () => {
  const cases: Array<[string, ScopeParam[]]> = [
    [`patient/Observation.rs?category=${LAB}`, [['category', LAB]]],
    ['patient/Observation.rs?category=laboratory', [['category', 'laboratory']]],
    [
      'patient/Observation.rs?category=laboratory&code=http://loinc.org|1234-5',
      [
        ['category', 'laboratory'],
        ['code', 'http://loinc.org|1234-5'],
      ],
    ],
    [
      'patient/Observation.rs?code:in=http://valueset.example.org/ValueSet/diabetes-codes',
      [['code:in', 'http://valueset.example.org/ValueSet/diabetes-codes']],
    ],
    ['patient/Observation.rs?patient.birthdate=1990', [['patient.birthdate', '1990']]],
    [
      'patient/*.rs?_security=http://terminology.hl7.org/CodeSystem/v3-Confidentiality|N',
      [['_security', 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality|N']],
    ],
    ['patient/Observation.rs?code=http%3A%2F%2Floinc.org%7C1234-5', [['code', 'http://loinc.org|1234-5']]],
    ['patient/Observation.rs?note=caf%C3%A9', [['note', 'café']]],
    ['patient/Observation.rs?code=a+b', [['code', 'a+b']]],
    ['patient/Observation.rs?code=a%2Bb%20c', [['code', 'a+b c']]],
    ['patient/Observation.rs?x=a=b', [['x', 'a=b']]],
    ['patient/Observation.rs?q=what?', [['q', 'what?']]],
    [
      'patient/Observation.rs?category=a&category=b',
      [
        ['category', 'a'],
        ['category', 'b'],
      ],
    ],
    ['patient/Observation.rs?code=%7Ccode-only', [['code', '|code-only']]],
  ];
  it.each(cases)('reads the parameters of %s in order, decoded', (text, params) => {
    const resourceType = text.startsWith('patient/*') ? '*' : 'Observation';
    expect(parseScope(text)).toEqual(resource('patient', resourceType, 'rs', params));
  });

  it('keeps granular permissions other than rs', () => {
    expect(parseScope('user/Encounter.cu?status=planned')).toEqual(
      resource('user', 'Encounter', 'cu', [['status', 'planned']]),
    );
  });
});

describe('parseScope on SMART v1 scopes', () => {
  const cases: Array<[string, ResourceScope]> = [
    ['patient/*.read', resource('patient', '*', 'rs', [], 'v1')],
    ['patient/Observation.read', resource('patient', 'Observation', 'rs', [], 'v1')],
    ['patient/Immunization.read', resource('patient', 'Immunization', 'rs', [], 'v1')],
    ['patient/Observation.write', resource('patient', 'Observation', 'cud', [], 'v1')],
    ['user/*.*', resource('user', '*', 'cruds', [], 'v1')],
    ['user/Observation.*', resource('user', 'Observation', 'cruds', [], 'v1')],
    ['system/*.read', resource('system', '*', 'rs', [], 'v1')],
    ['system/*.write', resource('system', '*', 'cud', [], 'v1')],
  ];
  it.each(cases)('maps %s to its v2 permissions and marks it v1', (text, expected) => {
    expect(parseScope(text)).toEqual(expected);
  });
});

describe('parseScope on identity, launch and refresh scopes', () => {
  const cases: Array<[string, Scope]> = [
    ['openid', { kind: 'openid' }],
    ['fhirUser', { kind: 'fhirUser' }],
    ['profile', { kind: 'profile' }],
    ['launch', { kind: 'launch' }],
    ['launch/patient', { kind: 'launch/patient' }],
    ['launch/encounter', { kind: 'launch/encounter' }],
    ['offline_access', { kind: 'offline_access' }],
    ['online_access', { kind: 'online_access' }],
  ];
  it.each(cases)('recognises %s', (text, expected) => {
    expect(parseScope(text)).toEqual(expected);
  });
});

describe('parseScope on scopes the grammar does not claim', () => {
  const cases: string[] = [
    'email',
    'fhiruser',
    'patient',
    'launch/imagingstudy',
    'launch/diagnosticreport',
    'launch/relatedperson?role=friend',
    'launch/list?role=https://example.org/med-list-at-home',
    'launch/patient?role=https://example.org/other-patient',
    '__profilePhoto.manage',
    'https://ehr.example.org/scopes/profilePhoto.manage',
    'http://smarthealthit.org/fhir/scopes/patient/*.r',
    'urn:example:scope',
    'profilePhoto.manage',
    'myapp/read.all',
    'api:read',
  ];
  it.each(cases)('keeps %s as an other scope that a server may ignore', (text) => {
    expect(parseScope(text)).toEqual({ kind: 'other', value: text });
  });
});

describe('parseScopes', () => {
  it('returns nothing for an empty string', () => {
    expect(parseScopes('')).toEqual({ scopes: [], errors: [] });
  });

  it('returns nothing for a string of only whitespace', () => {
    expect(parseScopes(' \t \n ')).toEqual({ scopes: [], errors: [] });
  });

  it('splits on runs of spaces and tabs and ignores leading and trailing whitespace', () => {
    const { scopes, errors } = parseScopes('  openid \t fhirUser   patient/*.rs\t');
    expect(errors).toEqual([]);
    expect(scopes).toEqual([{ kind: 'openid' }, { kind: 'fhirUser' }, resource('patient', '*', 'rs')]);
  });

  it('keeps the first of scopes that repeat, including a v1 and a v2 spelling of the same scope', () => {
    const { scopes } = parseScopes('patient/*.read openid patient/*.rs openid patient/*.read');
    expect(scopes).toEqual([resource('patient', '*', 'rs', [], 'v1'), { kind: 'openid' }]);
  });

  it('treats granular scopes that differ only in encoding as the same scope', () => {
    const { scopes } = parseScopes('patient/Observation.rs?code=a%7Cb patient/Observation.rs?code=a|b');
    expect(scopes).toHaveLength(1);
  });

  it('collects errors and keeps the valid scopes when not strict', () => {
    const { scopes, errors } = parseScopes('openid patient/Observation.rsc user/*.rs foo/Observation.rs');
    expect(scopes).toEqual([{ kind: 'openid' }, resource('user', '*', 'rs')]);
    expect(errors.map((error) => [error.scope, error.reason])).toEqual([
      ['patient/Observation.rsc', 'permission-order'],
      ['foo/Observation.rs', 'context'],
    ]);
  });

  it('reports a repeated malformed scope once', () => {
    const { errors } = parseScopes('patient/Observation.rr patient/Observation.rr');
    expect(errors).toHaveLength(1);
  });

  it('throws the first error when strict', () => {
    expect(() => parseScopes('openid patient/observation.rs foo/Observation.rs', { strict: true })).toThrow(
      expect.objectContaining({ scope: 'patient/observation.rs', reason: 'resource-type' }),
    );
  });

  it('throws a ScopeError when strict', () => {
    expect(() => parseScopes('patient/Observation.', { strict: true })).toThrow(ScopeError);
  });

  it('accepts a valid string when strict', () => {
    expect(parseScopes('launch/patient patient/*.rs __profilePhoto.manage', { strict: true }).scopes).toEqual(
      [
        { kind: 'launch/patient' },
        resource('patient', '*', 'rs'),
        { kind: 'other', value: '__profilePhoto.manage' },
      ],
    );
  });
});
