import { getPriority } from 'node:os';
import { BUNDLED_PACKAGE_PATH } from '@openpas/guide-package';
import { sharedAvailable } from '@openpas/vitest-config/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GUIDE_THREAD_NICE_INCREMENT,
  type GuideValidator,
  inThreadGuide,
  startGuidePool,
  type ValidationIssue,
} from '../src/index.ts';
import { claim, entries, type Json, REQUEST_BUNDLE_FILES, readExample } from '../src/testing/index.ts';

const TWPAS = 'https://nhicore.nhi.gov.tw/pas/StructureDefinition';

function patientOf(bundle: Json): Json {
  const found = entries(bundle).find((entry) => (entry.resource as Json).resourceType === 'Patient');
  if (!found) throw new Error('no Patient entry');
  return found.resource as Json;
}

/** Official Bundles, and broken copies of them, as the pool and the calling thread see them. */
function cases(): { name: string; bundle: Json }[] {
  const official = REQUEST_BUNDLE_FILES.map((file) => ({ name: file, bundle: readExample(file) }));
  const noInsurance = readExample('Bundle-bun-1.json');
  delete claim(noInsurance).insurance;
  const noGender = readExample('Bundle-bun-imm.json');
  delete patientOf(noGender).gender;
  return [
    ...official,
    { name: 'no insurance', bundle: noInsurance },
    { name: 'no gender', bundle: noGender },
  ];
}

describe.skipIf(!sharedAvailable())('the guide layer in a pool of worker threads', () => {
  let pool: GuideValidator;
  const inThread = () => inThreadGuide([BUNDLED_PACKAGE_PATH]);

  beforeAll(async () => {
    pool = await startGuidePool({ paths: [BUNDLED_PACKAGE_PATH], threads: 2 });
  }, 120_000);
  afterAll(async () => pool?.close());

  it('answers every Bundle exactly as the calling thread does, the official ones without an error', async () => {
    const all = cases();
    const pooled = await Promise.all(all.map(({ bundle }) => pool.validateBundle(bundle)));
    const errors = (issues: ValidationIssue[]) => issues.filter((i) => i.severity === 'error');
    for (const [i, { name, bundle }] of all.entries()) {
      expect(pooled[i], name).toEqual(await inThread().validateBundle(bundle));
    }
    expect(pooled.slice(0, REQUEST_BUNDLE_FILES.length).map(errors)).toEqual(
      REQUEST_BUNDLE_FILES.map(() => []),
    );
    expect(pooled.slice(REQUEST_BUNDLE_FILES.length).map((issues) => errors(issues).length > 0)).toEqual([
      true,
      true,
    ]);
  });

  it('runs its threads below the process’s priority, so that the event loop keeps its share of the cores', () => {
    expect(pool.threadPriority).toBe(Math.min(19, getPriority(0) + GUIDE_THREAD_NICE_INCREMENT));
  });

  it('validates one resource against a profile it names, the same in a worker and in the calling thread', async () => {
    const patient = patientOf(readExample('Bundle-bun-1.json'));
    expect(await pool.validateResource(patient, `${TWPAS}/Patient-twpas`)).toEqual([]);
    delete patient.gender;
    const issues = await pool.validateResource(patient, `${TWPAS}/Patient-twpas`);
    expect(issues).toEqual(await inThread().validateResource(patient, `${TWPAS}/Patient-twpas`));
    expect(issues.map((i) => [i.severity, i.expression])).toContainEqual(['error', 'Patient.gender']);
  });

  it('finishes the validations under way, queued ones included, when closed', async () => {
    const closing = await startGuidePool({ paths: [BUNDLED_PACKAGE_PATH], threads: 1 });
    const bundle = readExample('Bundle-bun-1.json');
    const checks = Array.from({ length: 4 }, () => closing.validateBundle(bundle));
    await closing.close();
    expect(await Promise.all(checks)).toEqual(Array.from({ length: 4 }, () => []));
    await expect(closing.validateBundle(bundle)).rejects.toThrow('the guide pool is closed');
  });

  it('has started every thread with the guide loaded, and refuses a package it cannot read', async () => {
    expect(pool.threads).toBe(2);
    await expect(startGuidePool({ paths: ['/no/such/guide.tgz'], threads: 1 })).rejects.toThrow(
      '/no/such/guide.tgz does not exist',
    );
  });
});
