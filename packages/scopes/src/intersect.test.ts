import { describe, expect, it } from 'vitest';
import { isSubset } from './compare.ts';
import { formatScopes } from './format.ts';
import { intersect } from './intersect.ts';
import { parseScopes } from './parse.ts';

function scopes(text: string) {
  return parseScopes(text, { strict: true }).scopes;
}

const TWPAS = 'system/Bundle.crs system/ClaimResponse.rs system/Patient.rs';

const cases: Array<[requested: string, allowed: string, result: string]> = [
  ['patient/*.cruds', 'patient/Observation.rs', 'patient/Observation.rs'],
  ['system/Bundle.crs', 'system/Bundle.c', 'system/Bundle.c'],
  [
    'patient/Observation.rs?category=laboratory',
    'patient/Observation.rs',
    'patient/Observation.rs?category=laboratory',
  ],
  [
    'patient/Observation.rs',
    'patient/Observation.rs?category=laboratory',
    'patient/Observation.rs?category=laboratory',
  ],
  ['patient/*.rs', 'patient/Observation.r?category=laboratory', 'patient/Observation.r?category=laboratory'],
  ['user/Observation.rs', 'patient/Observation.rs', ''],
  ['patient/*.cruds', 'user/*.cruds system/*.cruds', ''],
  ['openid fhirUser offline_access', 'openid offline_access', 'openid offline_access'],
  ['openid', 'patient/*.cruds', ''],
  [
    'launch/patient patient/*.rs',
    'launch/patient launch/encounter patient/*.rs',
    'launch/patient patient/*.rs',
  ],
  ['__profilePhoto.manage', '__profilePhoto.manage', '__profilePhoto.manage'],
  ['__profilePhoto.manage openid', 'openid', 'openid'],
  ['patient/*.rs', 'patient/*.cruds', 'patient/*.rs'],
  [
    'patient/*.cruds',
    'patient/Observation.rs patient/Condition.r',
    'patient/Condition.r patient/Observation.rs',
  ],
  [
    'patient/Observation.rs?category=laboratory',
    'patient/Observation.rs?code=1234-5',
    'patient/Observation.rs?category=laboratory&code=1234-5',
  ],
  [
    'patient/Observation.rs?category=laboratory',
    'patient/*.r?_tag=x',
    'patient/Observation.r?category=laboratory&_tag=x',
  ],
  [
    'patient/Observation.rs?category=laboratory',
    'patient/Observation.rs?category=laboratory',
    'patient/Observation.rs?category=laboratory',
  ],
  ['patient/Observation.cruds', 'patient/*.rs patient/Observation.rs', 'patient/Observation.rs'],
  ['patient/*.cruds', 'patient/*.rs patient/Observation.r', 'patient/*.rs'],
  ['patient/*.cruds', 'patient/Observation.r patient/*.rs', 'patient/*.rs'],
  ['patient/Observation.rs', 'patient/Condition.rs', ''],
  ['patient/Observation.c', 'patient/Observation.rs', ''],
  [
    'patient/AllergyIntolerance.cruds',
    'patient/AllergyIntolerance.rs patient/AllergyIntolerance.cud',
    'patient/AllergyIntolerance.cud patient/AllergyIntolerance.rs',
  ],
  ['user/*.cruds', 'user/Patient.rs user/Appointment.cruds', 'user/Appointment.cruds user/Patient.rs'],
  ['patient/*.read', 'patient/*.cruds', 'patient/*.rs'],
  ['patient/*.read', 'patient/Observation.r', 'patient/Observation.r'],
  ['system/*.cruds', TWPAS, TWPAS],
  [TWPAS, 'system/Bundle.crs system/ClaimResponse.rs', 'system/Bundle.crs system/ClaimResponse.rs'],
  [TWPAS, 'system/*.rs', 'system/Bundle.rs system/ClaimResponse.rs system/Patient.rs'],
  [TWPAS, TWPAS, TWPAS],
  ['', 'patient/*.cruds openid', ''],
  ['patient/*.cruds openid', '', ''],
];

describe('intersect narrows the requested scopes to what is allowed', () => {
  it.each(cases)('%j within %j gives %j', (requested, allowed, result) => {
    expect(formatScopes(intersect(scopes(requested), scopes(allowed)))).toBe(result);
  });

  it.each(cases)('%j within %j never grants more than either side', (requested, allowed) => {
    const result = intersect(scopes(requested), scopes(allowed));
    expect(isSubset(result, scopes(requested))).toBe(true);
    expect(isSubset(result, scopes(allowed))).toBe(true);
  });
});

describe('intersect', () => {
  it('changes nothing when a set is intersected with itself', () => {
    const set = scopes(
      'openid fhirUser launch/patient patient/Observation.rs?category=laboratory user/*.cruds',
    );
    expect(formatScopes(intersect(set, set))).toBe(formatScopes(set));
  });

  it('keeps the order of the requested scopes', () => {
    const result = intersect(
      scopes('patient/Observation.rs openid patient/Condition.rs'),
      scopes('patient/*.rs openid'),
    );
    expect(result.map((scope) => scope.kind)).toEqual(['resource', 'openid', 'resource']);
  });

  it('keeps a requested v1 scope in v1 when its meaning survives whole', () => {
    const [scope] = intersect(scopes('patient/*.read'), scopes('patient/*.cruds'));
    expect(scope).toMatchObject({ kind: 'resource', version: 'v1' });
    expect(
      formatScopes(intersect(scopes('patient/*.read'), scopes('patient/*.cruds')), { keepV1: true }),
    ).toBe('patient/*.read');
  });

  it('turns a requested v1 scope into v2 when it was narrowed', () => {
    const [scope] = intersect(scopes('patient/*.read'), scopes('patient/Observation.r'));
    expect(scope).toMatchObject({ kind: 'resource', version: 'v2' });
  });
});
