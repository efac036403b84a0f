import { describe, expect, it } from 'vitest';
import { checkBundleLimits, checkJsonDepth, checkKnownElements, MAX_JSON_DEPTH } from './limits.ts';
import { FhirRequestError } from './request-error.ts';

function refusal(run: () => unknown): FhirRequestError {
  try {
    run();
  } catch (error) {
    if (error instanceof FhirRequestError) return error;
    throw error;
  }
  throw new Error('expected a FhirRequestError');
}

function nested(levels: number, kind: 'array' | 'object' | 'mixed'): unknown {
  let value: unknown = 1;
  for (let n = 0; n < levels; n++) {
    value = kind === 'array' || (kind === 'mixed' && n % 2 === 0) ? [value] : { a: value };
  }
  return value;
}

/** The JSON text of a deep nesting, written without recursion. */
function deepJson(levels: number, kind: 'array' | 'object' | 'mixed'): string {
  const opens: string[] = [];
  const closes: string[] = [];
  for (let n = 0; n < levels; n++) {
    const array = kind === 'array' || (kind === 'mixed' && n % 2 === 0);
    opens.push(array ? '[' : '{"a":');
    closes.push(array ? ']' : '}');
  }
  return `${opens.join('')}1${closes.reverse().join('')}`;
}

describe('checkJsonDepth', () => {
  it('accepts nesting up to the limit', () => {
    expect(() => checkJsonDepth(nested(MAX_JSON_DEPTH, 'mixed'))).not.toThrow();
    expect(() => checkJsonDepth({ a: [1, 'x', null, { b: true }] }, 3)).not.toThrow();
  });

  it.each(['array', 'object', 'mixed'] as const)(
    'refuses 10,000 levels of %s nesting with a 400 that names the limit, without recursion',
    (kind) => {
      const error = refusal(() => checkJsonDepth(JSON.parse(deepJson(10_000, kind))));
      expect([error.status, error.issues]).toEqual([
        400,
        [
          {
            code: 'too-costly',
            diagnostics: 'the body is nested deeper than 100 levels of arrays and objects',
          },
        ],
      ]);
    },
  );

  it('refuses one level beyond the limit given', () => {
    expect(refusal(() => checkJsonDepth({ a: { b: {} } }, 2)).issues[0]?.diagnostics).toBe(
      'the body is nested deeper than 2 levels of arrays and objects',
    );
  });
});

describe('checkBundleLimits', () => {
  const bundle = (entries: number) => ({
    resourceType: 'Bundle',
    entry: Array.from({ length: entries }, () => ({})),
  });

  it('accepts a Bundle at the limit, or without entries', () => {
    expect(() => checkBundleLimits(bundle(1000), { maxEntries: 1000 })).not.toThrow();
    expect(() => checkBundleLimits({ resourceType: 'Bundle' }, { maxEntries: 1 })).not.toThrow();
  });

  it('refuses one entry more with 413 at Bundle.entry', () => {
    const error = refusal(() => checkBundleLimits(bundle(1001), { maxEntries: 1000 }));
    expect([error.status, error.outcome]).toEqual([
      413,
      {
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'error',
            code: 'too-costly',
            diagnostics: 'a Bundle may hold at most 1000 entries (got 1001)',
            expression: ['Bundle.entry'],
          },
        ],
      },
    ]);
  });
});

describe('checkKnownElements', () => {
  it('accepts a resource R4 defines entirely', () => {
    expect(() => checkKnownElements({ resourceType: 'Patient', gender: 'male' })).not.toThrow();
  });

  it('refuses unknown elements with 422, one issue per element at its FHIRPath', () => {
    const error = refusal(() =>
      checkKnownElements({ resourceType: 'Patient', zzz: 1, name: [{ text: 'x', yyy: 2 }] }),
    );
    expect(error.status).toBe(422);
    expect(error.outcome.issue).toEqual([
      {
        severity: 'error',
        code: 'structure',
        diagnostics: 'zzz is not an element of Patient in FHIR R4',
        expression: ['Patient.zzz'],
      },
      {
        severity: 'error',
        code: 'structure',
        diagnostics: 'yyy is not an element of HumanName in FHIR R4',
        expression: ['Patient.name[0].yyy'],
      },
    ]);
  });
});
