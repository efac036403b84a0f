import { describe, expect, it } from 'vitest';
import { equals, isSubset } from './compare.ts';
import { parseScopes } from './parse.ts';

function scopes(text: string) {
  return parseScopes(text, { strict: true }).scopes;
}

describe('isSubset', () => {
  const cases: Array<[a: string, b: string, subset: boolean]> = [
    ['patient/Observation.rs', 'patient/*.rs', true],
    ['patient/*.rs', 'patient/Observation.rs', false],
    ['patient/Observation.r patient/Observation.s', 'patient/Observation.rs', true],
    ['patient/Observation.rs', 'patient/Observation.r patient/Observation.s', true],
    ['patient/*.rs', 'patient/*.r patient/*.s', true],
    ['patient/Observation.rs?category=laboratory', 'patient/Observation.rs', true],
    ['patient/Observation.rs', 'patient/Observation.rs?category=laboratory', false],
    [
      'patient/Observation.rs?category=laboratory&code=1234-5',
      'patient/Observation.rs?category=laboratory',
      true,
    ],
    [
      'patient/Observation.rs?category=laboratory',
      'patient/Observation.rs?category=laboratory&code=1234-5',
      false,
    ],
    ['patient/Observation.rs?category=laboratory', 'patient/Observation.rs?category=vital-signs', false],
    ['user/Observation.rs', 'patient/*.cruds', false],
    ['patient/Observation.rs', 'user/*.cruds system/*.cruds', false],
    ['openid', 'openid fhirUser', true],
    ['profile', 'openid', false],
    ['', '', true],
    ['', 'openid', true],
    ['openid', '', false],
    ['patient/Observation.rs offline_access', 'patient/*.rs offline_access openid', true],
    ['patient/Observation.rs offline_access', 'patient/*.rs online_access', false],
    [
      'system/Bundle.crs system/ClaimResponse.rs',
      'system/Bundle.crs system/ClaimResponse.rs system/Patient.rs',
      true,
    ],
    ['system/Bundle.crs system/Patient.rs', 'system/Bundle.crs system/ClaimResponse.rs', false],
    ['system/Bundle.cruds', 'system/Bundle.crs', false],
    ['__profilePhoto.manage', '__profilePhoto.manage openid', true],
  ];
  it.each(cases)('%j within %j is %s', (a, b, subset) => {
    expect(isSubset(scopes(a), scopes(b))).toBe(subset);
  });
});

describe('equals', () => {
  const cases: Array<[a: string, b: string, same: boolean]> = [
    ['patient/*.read', 'patient/*.rs', true],
    ['user/*.*', 'user/*.cruds', true],
    ['system/*.write', 'system/*.cud', true],
    [
      'patient/AllergyIntolerance.rs patient/AllergyIntolerance.cud',
      'patient/AllergyIntolerance.cruds',
      true,
    ],
    ['patient/Observation.r patient/Observation.s', 'patient/Observation.rs', true],
    ['openid fhirUser', 'fhirUser openid', true],
    ['patient/Observation.rs?category=a&code=b', 'patient/Observation.rs?code=b&category=a', true],
    ['patient/*.rs patient/Observation.r', 'patient/*.rs', true],
    ['patient/Observation.rs', 'user/Observation.rs', false],
    ['patient/*.rs', 'patient/*.rs openid', false],
    ['', '', true],
  ];
  it.each(cases)('%j and %j are the same: %s', (a, b, same) => {
    expect(equals(scopes(a), scopes(b))).toBe(same);
  });
});
