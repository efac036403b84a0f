import { readdirSync, readFileSync } from 'node:fs';
import { sharedAvailable, sharedPath } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { TerminologyError } from '../src/errors.ts';
import { OperationInput } from '../src/operation-input.ts';
import { createTerminology } from '../src/terminology.ts';
import type { AnyResource } from '../src/types.ts';

// Every value set of TWPAS 1.2.3 (../shared/twpas/definitions): expanded whole, or refused naming the code
// system this server does not hold.

describe.skipIf(!sharedAvailable())('the TWPAS value sets', () => {
  const dir = sharedPath('twpas', 'definitions');
  const resources = readdirSync(dir)
    .filter((file) => /^(CodeSystem|ValueSet)-.*\.json$/.test(file))
    .map((file) => JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as AnyResource);
  const terminology = createTerminology(resources);
  const q = (query: string) => OperationInput.fromQuery(new URLSearchParams(query));

  it('expands each one, or names the code system it lacks', () => {
    const outcomes = Object.fromEntries(
      resources
        .filter((resource) => resource.resourceType === 'ValueSet')
        .map((valueSet) => {
          try {
            const expansion = terminology.expand(q(`url=${valueSet.url}&count=0`)).expansion as {
              total: number;
            };
            return [valueSet.id, expansion.total];
          } catch (error) {
            if (!(error instanceof TerminologyError)) throw error;
            return [valueSet.id, `${error.issue}: ${/of (\S+),/.exec(error.message)?.[1]}`];
          }
        }),
    );
    expect(outcomes).toMatchObject({
      'nhi-medication': 45_036,
      'nhi-organization': 36_420,
      'nhi-apply-reason': 32,
      'gene-test-code': 297,
      'cancer-stage': 39,
      'apply-quantity-unit': 'not-supported: http://unitsofmeasure.org',
      'medication-path-sct-tw': 'not-supported: http://snomed.info/sct',
      'nhi-medication-fda':
        'not-supported: https://twcore.mohw.gov.tw/ig/twcore/CodeSystem/medication-fda-tw',
    });
    const refused = Object.values(outcomes).filter((outcome) => typeof outcome === 'string');
    expect(refused).toHaveLength(5);
  });

  it('checks the listed codes of a value set that also takes codes from a system not held', () => {
    const check = terminology.validateCode(
      q(
        'url=https://nhicore.nhi.gov.tw/pas/ValueSet/medication-path-sct-tw&system=http://snomed.info/sct&code=1',
      ),
    );
    expect(check.parameter[0]).toEqual({ name: 'result', valueBoolean: false });
    expect(check.parameter[1]?.valueString).toMatch(/cannot be checked/);
  });
});
