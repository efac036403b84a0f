import { describe, expect, it } from 'vitest';
import { contexts, hasScope, resourceScopes } from './lookup.ts';
import { parseScopes } from './parse.ts';

function scopes(text: string) {
  return parseScopes(text, { strict: true }).scopes;
}

describe('hasScope', () => {
  const granted = scopes(
    'openid fhirUser offline_access patient/*.read user/Observation.rs?code=a|b __custom',
  );
  const cases: Array<[string, boolean]> = [
    ['offline_access', true],
    ['online_access', false],
    ['openid', true],
    ['launch/patient', false],
    ['patient/*.rs', true],
    ['patient/*.read', true],
    ['patient/Observation.rs', false],
    ['user/Observation.rs?code=a%7Cb', true],
    ['user/Observation.rs', false],
    ['__custom', true],
    ['patient/Observation.rsc', false],
    ['', false],
  ];
  it.each(cases)('finds %j: %s', (scope, found) => {
    expect(hasScope(granted, scope)).toBe(found);
  });
});

describe('resourceScopes', () => {
  it('keeps only the resource scopes, in order', () => {
    const all = scopes('openid system/Bundle.crs launch system/ClaimResponse.rs __x');
    expect(resourceScopes(all)).toEqual([all[1], all[3]]);
  });

  it('returns nothing for a set without resource scopes', () => {
    expect(resourceScopes(scopes('openid fhirUser'))).toEqual([]);
  });
});

describe('contexts', () => {
  const cases: Array<[string, string[]]> = [
    ['', []],
    ['openid fhirUser', []],
    ['patient/*.rs', ['patient']],
    ['system/Bundle.crs system/ClaimResponse.rs system/Patient.rs', ['system']],
    ['system/*.rs user/Observation.r patient/Condition.r patient/*.s', ['patient', 'user', 'system']],
    ['user/*.cruds launch', ['user']],
  ];
  it.each(cases)('of %j is %j', (text, expected) => {
    expect(contexts(scopes(text))).toEqual(expected);
  });
});
