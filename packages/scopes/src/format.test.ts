import { describe, expect, it } from 'vitest';
import { canonicalScopes, formatScope, formatScopes } from './format.ts';
import { parseScope, parseScopes } from './parse.ts';
import type { ResourceScope } from './types.ts';

const LAB = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';

describe('formatScope prints the canonical v2 form', () => {
  const cases: Array<[string, string]> = [
    ['patient/Observation.rs', 'patient/Observation.rs'],
    ['system/*.cruds', 'system/*.cruds'],
    ['patient/*.read', 'patient/*.rs'],
    ['patient/*.write', 'patient/*.cud'],
    ['patient/*.*', 'patient/*.cruds'],
    ['user/*.*', 'user/*.cruds'],
    ['system/Observation.read', 'system/Observation.rs'],
    [`patient/Observation.rs?category=${LAB}`, `patient/Observation.rs?category=${LAB}`],
    [
      'patient/Observation.rs?code=http%3A%2F%2Floinc.org%7C1234-5',
      'patient/Observation.rs?code=http://loinc.org|1234-5',
    ],
    ['patient/Observation.rs?code=a%26b', 'patient/Observation.rs?code=a%26b'],
    ['patient/Observation.rs?code=a%2Bb', 'patient/Observation.rs?code=a%2Bb'],
    ['patient/Observation.rs?code=a+b', 'patient/Observation.rs?code=a%2Bb'],
    ['patient/Observation.rs?x=a=b', 'patient/Observation.rs?x=a%3Db'],
    ['patient/Observation.rs?x=%23frag', 'patient/Observation.rs?x=%23frag'],
    ['patient/Observation.rs?note=caf%C3%A9', 'patient/Observation.rs?note=caf%C3%A9'],
    ['patient/Observation.rs?name=a%20b', 'patient/Observation.rs?name=a%20b'],
    ['patient/Observation.rs?a=%7e', 'patient/Observation.rs?a=~'],
    ['patient/Observation.rs?q=%22quoted%22', 'patient/Observation.rs?q=%22quoted%22'],
    ['patient/Observation.rs?code=x&category=y', 'patient/Observation.rs?code=x&category=y'],
    ['patient/Observation.rs?code%3Ain=x', 'patient/Observation.rs?code:in=x'],
    ['openid', 'openid'],
    ['fhirUser', 'fhirUser'],
    ['launch/patient', 'launch/patient'],
    ['offline_access', 'offline_access'],
    [
      'launch/list?role=https://example.org/med-list-at-home',
      'launch/list?role=https://example.org/med-list-at-home',
    ],
    ['__profilePhoto.manage', '__profilePhoto.manage'],
  ];
  it.each(cases)('prints %s as %s', (text, canonical) => {
    expect(formatScope(parseScope(text))).toBe(canonical);
  });

  it.each(cases)('reads the canonical form of %s back to the same scope', (text) => {
    const scope = parseScope(text);
    const again = parseScope(formatScope(scope));
    expect(again).toEqual(scope.kind === 'resource' ? { ...scope, version: 'v2' } : scope);
  });
});

describe('formatScope with keepV1', () => {
  const cases: Array<[string, string]> = [
    ['patient/*.read', 'patient/*.read'],
    ['patient/Observation.write', 'patient/Observation.write'],
    ['user/*.*', 'user/*.*'],
    ['patient/*.rs', 'patient/*.rs'],
    ['patient/Observation.cruds', 'patient/Observation.cruds'],
  ];
  it.each(cases)('prints %s as %s, keeping the spelling a v1 client asked for', (text, printed) => {
    expect(formatScope(parseScope(text), { keepV1: true })).toBe(printed);
  });

  it('falls back to v2 when a v1 scope was narrowed to something v1 cannot say', () => {
    const narrowed: ResourceScope = {
      kind: 'resource',
      context: 'patient',
      resourceType: '*',
      permissions: { c: false, r: true, u: false, d: false, s: false },
      params: [],
      version: 'v1',
    };
    expect(formatScope(narrowed, { keepV1: true })).toBe('patient/*.r');
  });
});

describe('formatScope refuses to print an invalid scope', () => {
  it('throws a ScopeError for a resource scope without permissions', () => {
    const empty: ResourceScope = {
      kind: 'resource',
      context: 'patient',
      resourceType: 'Observation',
      permissions: { c: false, r: false, u: false, d: false, s: false },
      params: [],
      version: 'v2',
    };
    expect(() => formatScope(empty)).toThrow(
      expect.objectContaining({ reason: 'permission-empty', scope: 'patient/Observation.' }),
    );
  });
});

describe('formatScopes', () => {
  const cases: Array<[string, string]> = [
    ['', ''],
    ['openid', 'openid'],
    ['fhirUser openid', 'openid fhirUser'],
    [
      'patient/Condition.rs patient/AllergyIntolerance.rs',
      'patient/AllergyIntolerance.rs patient/Condition.rs',
    ],
    [
      'system/Patient.rs __custom patient/Observation.rs offline_access user/*.rs openid launch/patient patient/*.rs fhirUser',
      'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.rs user/*.rs system/Patient.rs __custom',
    ],
    [
      'offline_access online_access launch/encounter launch profile',
      'profile launch launch/encounter online_access offline_access',
    ],
    [
      'system/ClaimResponse.rs system/Patient.rs system/Bundle.crs',
      'system/Bundle.crs system/ClaimResponse.rs system/Patient.rs',
    ],
    ['patient/*.read patient/*.rs', 'patient/*.rs'],
    ['openid openid openid', 'openid'],
    ['patient/Observation.s patient/Observation.r', 'patient/Observation.r patient/Observation.s'],
    [
      'patient/Observation.rs?category=vital-signs patient/Observation.rs?category=laboratory patient/Observation.rs',
      'patient/Observation.rs patient/Observation.rs?category=laboratory patient/Observation.rs?category=vital-signs',
    ],
    ['zeta __alpha launch/imagingstudy', '__alpha launch/imagingstudy zeta'],
  ];
  it.each(cases)('prints %j canonically as %j', (text, canonical) => {
    expect(formatScopes(parseScopes(text).scopes)).toBe(canonical);
  });

  it('is stable: printing the printed form again changes nothing', () => {
    const once = formatScopes(parseScopes('user/*.* openid patient/Observation.rs?code=a+b launch').scopes);
    expect(formatScopes(parseScopes(once).scopes)).toBe(once);
  });

  it('keeps v1 spellings when asked', () => {
    expect(formatScopes(parseScopes('user/Observation.rs patient/*.read').scopes, { keepV1: true })).toBe(
      'patient/*.read user/Observation.rs',
    );
  });

  it('canonicalScopes returns the sorted, deduplicated scope objects', () => {
    const scopes = parseScopes('user/*.rs openid').scopes;
    expect(canonicalScopes([...scopes, ...scopes])).toEqual([{ kind: 'openid' }, scopes[0]]);
  });
});
