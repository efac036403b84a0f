import { SANDBOX_CASE_KEYS, sandboxRequestBundle } from '@openpas/fhir-model';
import { REQUEST_BUNDLE_FILES, readExample } from '@openpas/ig-validation/testing';
import { sharedAvailable } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { validateRequestBundle } from '../src/index.ts';
import { readTsv } from './shared-twpas.ts';

function errors(bundle: unknown) {
  return validateRequestBundle(bundle).filter((i) => i.severity === 'error');
}

describe.skipIf(!sharedAvailable())('the official request Bundles', () => {
  it('are exactly the guide examples of Bundle-twpas and Bundle-immunologic-agent-twpas', () => {
    const files = readTsv('examples-index.tsv')
      .filter((row) => row.instance_of === 'BundleTWPAS' || row.instance_of === 'BundleImmTWPAS')
      .map((row) => row.output_file)
      .sort();
    expect(files).toEqual([...REQUEST_BUNDLE_FILES].sort());
  });

  it.each(REQUEST_BUNDLE_FILES)('%s gives no errors', (file) => {
    expect(errors(readExample(file))).toEqual([]);
  });

  it('Bundle-bun-imm gives exactly its two known warnings: a supportingInfo gap and a relative reference outside the Bundle', () => {
    const warnings = validateRequestBundle(readExample('Bundle-bun-imm.json')).map((i) => [
      i.severity,
      i.rule,
    ]);
    expect(warnings).toEqual([
      ['warning', 'claim.supporting-info-sequence'],
      ['warning', 'reference.resolvable'],
    ]);
  });

  it('validates the 28-entry Bundle-bun-1 in a few milliseconds, the unknown-element walk included', () => {
    const bundle = readExample('Bundle-bun-1.json');
    // The fastest of 20 runs: what the code costs, whatever else shares the machine.
    const times = Array.from({ length: 20 }, () => {
      const started = performance.now();
      validateRequestBundle(bundle);
      return performance.now() - started;
    });
    expect(Math.min(...times)).toBeLessThan(5);
  });
});

describe('the sandbox cases', () => {
  it.each(SANDBOX_CASE_KEYS)('%s gives no issues at all', (key) => {
    expect(validateRequestBundle(sandboxRequestBundle(key))).toEqual([]);
  });
});

describe('what is not a request Bundle', () => {
  it.each([
    ['a Patient', { resourceType: 'Patient' }],
    ['an array', []],
    ['a string', 'Bundle'],
    ['null', null],
  ])('%s gives one bundle.resource-type issue at Bundle', (_name, body) => {
    expect(validateRequestBundle(body)).toEqual([
      expect.objectContaining({
        rule: 'bundle.resource-type',
        severity: 'error',
        code: 'structure',
        expression: 'Bundle',
      }),
    ]);
  });

  it('an empty Bundle is reported without any rule failing', () => {
    const issues = validateRequestBundle({ resourceType: 'Bundle' });
    expect(issues.filter((i) => i.code === 'exception')).toEqual([]);
    expect(issues.map((i) => i.rule)).toEqual(
      expect.arrayContaining([
        'bundle.type',
        'bundle.entry-resource',
        'bundle.meta-profile',
        'bundle.entry-slices',
      ]),
    );
  });

  it('garbage in every element is reported without any rule failing', () => {
    const issues = validateRequestBundle({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        7,
        { fullUrl: 3, resource: 'x' },
        {
          fullUrl: 'urn:uuid:x',
          resource: { resourceType: 'Claim', meta: { profile: 'y' }, item: 'z', diagnosis: [1] },
        },
      ],
    });
    expect(issues.filter((i) => i.code === 'exception')).toEqual([]);
    expect(issues.length).toBeGreaterThan(0);
  });
});
