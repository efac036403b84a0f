import { describe, expect, it } from 'vitest';
import { ScopeError, type ScopeErrorReason } from './errors.ts';
import { parseScope } from './parse.ts';

function errorFor(text: string): ScopeError {
  try {
    parseScope(text);
  } catch (error) {
    if (error instanceof ScopeError) return error;
    throw error;
  }
  throw new Error(`expected ${text} to be refused`);
}

describe('parseScope refuses malformed scopes with a precise reason', () => {
  const cases: Array<[string, ScopeErrorReason]> = [
    ['patient/Observation.rsc', 'permission-order'],
    ['patient/Observation.dus', 'permission-order'],
    ['patient/Observation.sr', 'permission-order'],
    ['patient/observation.rs', 'resource-type'],
    ['patient/Observation2.rs', 'resource-type'],
    ['patient/Observation/123.rs', 'resource-type'],
    ['patient/**.rs', 'resource-type'],
    ['patient/Observation.', 'permission-empty'],
    ['patient/Observation.rr', 'permission-duplicate'],
    ['patient/Observation.rsr', 'permission-duplicate'],
    ['patient/Observation.rx', 'permission-unknown'],
    ['patient/Observation.READ', 'permission-unknown'],
    ['patient/Observation.Read', 'permission-unknown'],
    ['patient/Observation.r*', 'permission-unknown'],
    ['patient/Observation.rs.x', 'permission-unknown'],
    ['patient/Observation', 'permission-missing'],
    ['patient/', 'resource-type-missing'],
    ['patient/.rs', 'resource-type-missing'],
    ['foo/Observation.rs', 'context'],
    ['Patient/Observation.rs', 'context'],
    ['User/*.read', 'context'],
    ['Observation.rs', 'missing-context'],
    ['Observation.r', 'missing-context'],
    ['*.rs', 'missing-context'],
    ['Observation.read', 'missing-context'],
    ['Observation.rs?code:in=http://valueset.example.org/ValueSet/diabetes-codes', 'missing-context'],
    ['patient/Observation.rs?category', 'param-syntax'],
    ['patient/Observation.rs?category=a&&code=b', 'param-syntax'],
    ['patient/Observation.rs?category=a&', 'param-syntax'],
    ['patient/Observation.rs?', 'params-empty'],
    ['system/Bundle.crs?', 'params-empty'],
    ['patient/Observation.rs?category=', 'param-value-empty'],
    ['patient/Observation.rs?=laboratory', 'param-name-empty'],
    ['patient/Observation.rs?code=100%', 'param-encoding'],
    ['patient/Observation.rs?code=%E0%A4%A', 'param-encoding'],
    ['patient/*.read?x=1', 'v1-params'],
    ['patient/*.write?category=laboratory', 'v1-params'],
    ['user/*.*?x=1', 'v1-params'],
    ['launch/Patient', 'launch-context'],
    ['launch/', 'launch-context'],
    ['launch/?role=x', 'launch-context'],
    ['launch/patient/123', 'launch-context'],
    ['', 'empty'],
    [' openid', 'whitespace'],
    ['patient/Observation.rs openid', 'whitespace'],
    ['openid\t', 'whitespace'],
    ['patient/Observation.rs?code="x"', 'character'],
    ['patient/Observation.rs?note=café', 'character'],
    ['patient/Observation.rs?path=a\\b', 'character'],
    ['openid\u0000', 'character'],
  ];
  it.each(cases)('refuses %j as %s', (text, reason) => {
    const error = errorFor(text);
    expect(error.reason).toBe(reason);
    expect(error.scope).toBe(text);
  });
});

describe('ScopeError messages say exactly what is wrong', () => {
  const cases: Array<[string, string]> = [
    [
      'patient/Observation.rsc',
      'Invalid scope "patient/Observation.rsc": permissions must be in the order c, r, u, d, s ("c" must come before "s")',
    ],
    [
      'patient/observation.rs',
      'Invalid scope "patient/observation.rs": resource type "observation" must start with a capital letter (e.g. "Observation")',
    ],
    [
      'patient/Observation.',
      'Invalid scope "patient/Observation.": no permissions after "."; use letters from "cruds"',
    ],
    [
      'patient/Observation.rr',
      'Invalid scope "patient/Observation.rr": permission "r" appears more than once',
    ],
    [
      'foo/Observation.rs',
      'Invalid scope "foo/Observation.rs": "foo" is not a context; use "patient", "user" or "system"',
    ],
    [
      'patient/Observation.rs?category',
      'Invalid scope "patient/Observation.rs?category": parameter "category" has no "=value"; granular scopes need name=value pairs',
    ],
    [
      'patient/*.read?x=1',
      'Invalid scope "patient/*.read?x=1": v1 permission ".read" cannot carry parameters; use the v2 form ".rs?…"',
    ],
    [
      'patient/Observation.rx',
      'Invalid scope "patient/Observation.rx": "x" is not a permission; use letters from "cruds" or the v1 forms "read", "write", "*"',
    ],
    [
      'Observation.rs',
      'Invalid scope "Observation.rs": a resource scope must start with "patient/", "user/" or "system/"',
    ],
    [
      'launch/Patient',
      'Invalid scope "launch/Patient": launch context names are lower case: use "launch/patient"',
    ],
    [
      'openid\u0000',
      'Invalid scope "openid\\u0000": character "\\u0000" is not allowed in a scope; percent-encode it in parameter values',
    ],
    ['', 'Invalid scope "": a scope cannot be empty'],
  ];
  it.each(cases)('explains %j', (text, message) => {
    expect(errorFor(text).message).toBe(message);
  });
});

describe('ScopeError', () => {
  it('is an Error named ScopeError carrying the scope and the reason', () => {
    const error = new ScopeError('patient/Observation.', 'permission-empty', 'no permissions');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ScopeError');
    expect(error.scope).toBe('patient/Observation.');
    expect(error.reason).toBe('permission-empty');
    expect(error.message).toBe('Invalid scope "patient/Observation.": no permissions');
  });
});
