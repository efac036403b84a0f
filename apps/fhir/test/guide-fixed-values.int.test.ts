import { readFileSync } from 'node:fs';
import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { BUNDLED_PACKAGE_PATH } from '@openpas/guide-package';
import { loadImplementationGuide } from '@openpas/ig-validation';
import { type FixedValueCase, fixedValueCases, type Json } from '@openpas/ig-validation/testing';
import { sharedAvailable, sharedPath } from '@openpas/vitest-config/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Platform, startPlatform } from './harness.ts';

// Generated from the guide's snapshots: every element of the request profiles with a fixed[x] or
// pattern[x] value that has an instance in an official request Bundle (examples-index.tsv: the examples
// of BundleTWPAS and BundleImmTWPAS) is changed there once, and the Bundle submitted to an API started
// with no settings of its own: each is refused with 422 at that element.

const targets = await testTargets();
const REQUEST_BUNDLE_PROFILES = new Set(['BundleTWPAS', 'BundleImmTWPAS']);

/** The official request Bundles, from the guide's examples index. */
function requestBundleFiles(): string[] {
  const [header, ...rows] = readFileSync(sharedPath('twpas/examples-index.tsv'), 'utf8').trim().split('\n');
  const columns = (header ?? '').split('\t');
  const at = (row: string[], name: string) => row[columns.indexOf(name)] ?? '';
  return rows
    .map((line) => line.split('\t'))
    .filter((row) => REQUEST_BUNDLE_PROFILES.has(at(row, 'instance_of')) && at(row, 'usage') === 'example')
    .map((row) => at(row, 'output_file'));
}

const read = (file: string) => JSON.parse(readFileSync(sharedPath('twpas/examples', file), 'utf8')) as Json;

/** The issue is at the element, or inside it. */
const atOrInside = (expression: string, element: string) =>
  expression === element || expression.startsWith(`${element}.`) || expression.startsWith(`${element}[`);

describe.skipIf(!sharedAvailable()).each(targets)(
  'fixed and pattern values of the guide on $name',
  (target) => {
    const files = requestBundleFiles();
    const cases: FixedValueCase[] = fixedValueCases(
      loadImplementationGuide([BUNDLED_PACKAGE_PATH]),
      files.map((file) => [file, read(file)]),
    );
    let db: Database;
    let platform: Platform;
    let token: string;

    beforeAll(async () => {
      db = await target.open();
      platform = await startPlatform(db, { plain: true });
      await platform.backendClient('fixed-his', '0101090517', 'system/Bundle.crs');
      token = await platform.token('fixed-his', 'system/Bundle.crs');
    }, 120_000);

    afterAll(async () => {
      await platform?.stop();
      await db?.close();
      await target.dispose();
    });

    it(`are ${cases.length} elements, each changed once, across every official request Bundle`, () => {
      expect(files.sort()).toEqual([
        'Bundle-bun-1.json',
        'Bundle-bun-3.json',
        'Bundle-bun-imm.json',
        'Bundle-bun-self.json',
        'Bundle-bun-uuid-example.json',
      ]);
      expect(cases.length).toBeGreaterThan(100);
      expect(new Set(cases.map((c) => `${c.profile}|${c.elementId}`)).size).toBe(cases.length);
    });

    it('refuses each changed value with 422 and the element’s FHIRPath', async () => {
      const misses: string[] = [];
      const queue = [...cases];
      const submit = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const bundle = read(next.file);
          next.change(bundle);
          const reply = await call(`${platform.base}/Bundle`, token, { method: 'POST', body: bundle });
          const expressions = ((reply.body.issue ?? []) as { expression?: string[] }[]).flatMap(
            (i) => i.expression ?? [],
          );
          if (reply.status !== 422 || !expressions.some((e) => atOrInside(e, next.expression)))
            misses.push(
              `${next.file} ${next.elementId} (${next.kind}) at ${next.expression}: ${reply.status} ${expressions.slice(0, 3).join(', ')}`,
            );
        }
      };
      await Promise.all([submit(), submit(), submit(), submit()]);
      expect(misses).toEqual([]);
    }, 600_000);

    it('still accepts the official request Bundles as they are', async () => {
      for (const file of files) {
        const reply = await call(`${platform.base}/Bundle/$validate`, token, {
          method: 'POST',
          body: read(file),
        });
        const errors = ((reply.body.issue ?? []) as { severity: string }[]).filter(
          (i) => i.severity === 'error',
        );
        expect([file, reply.status, errors]).toEqual([file, 200, []]);
      }
    });
  },
);
