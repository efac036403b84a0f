import { at, claim, entries, type Json, readExample, resource } from '@openpas/ig-validation/testing';
import { sharedAvailable } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { validateRequestBundle } from '../src/index.ts';

interface WarningCase {
  name: string;
  file: string;
  breakIt: (bundle: Json) => void;
  rule: string;
  expression: string;
}

const CASES: WarningCase[] = [
  {
    name: 'a national ID with a wrong check digit is only a warning',
    file: 'Bundle-bun-self.json',
    breakIt: (b) => {
      at(resource(b, 2), 'identifier', 0).value = 'A123456788';
    },
    rule: 'identifier.national-id-check-digit',
    expression: 'Bundle.entry[2].resource.ofType(Patient).identifier[0].value',
  },
  {
    name: 'a gap in supportingInfo.sequence is only a warning',
    file: 'Bundle-bun-1.json',
    breakIt: (b) => {
      at(claim(b), 'supportingInfo', 14).sequence = 16;
    },
    rule: 'claim.supporting-info-sequence',
    expression: 'Bundle.entry[0].resource.ofType(Claim).supportingInfo',
  },
  {
    name: 'a relative reference to no entry is only a warning (it may point at the server)',
    file: 'Bundle-bun-1.json',
    breakIt: (b) => {
      (entries(b)[0]?.resource as Json).enterer = { reference: 'Practitioner/elsewhere' };
    },
    rule: 'reference.resolvable',
    expression: 'Bundle.entry[0].resource.ofType(Claim).enterer.reference',
  },
];

describe.skipIf(!sharedAvailable())('warnings', () => {
  it.each(CASES)('$name', ({ file, breakIt, rule, expression }) => {
    const bundle = readExample(file);
    breakIt(bundle);
    expect(
      validateRequestBundle(bundle).map((i) => ({
        severity: i.severity,
        rule: i.rule,
        expression: i.expression,
      })),
    ).toEqual([{ severity: 'warning', rule, expression }]);
  });
});
