/**
 * schemaIssues (src/schema-validator.ts) must answer exactly as Medplum's validateResource, which it
 * replaces in the guide layer for speed: the same issues, in the same order, on the guide's examples,
 * on copies of the request Bundles' entries broken at every place (Bundle-bun-1's in each of four ways,
 * the others' in one way per place, in turn), on the examples with each fixed or pattern value of their
 * profiles changed, and on constraints Medplum cannot parse — against base R4 and each profile a resource
 * claims.
 */

import { readdirSync } from 'node:fs';
import { validateResource } from '@medplum/core';
import { sharedAvailable, sharedPath } from '@openpas/vitest-config/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { profilesOf } from '../src/bundle.ts';
import type { ImplementationGuide } from '../src/guide.ts';
import { schemaIssues } from '../src/schema-validator.ts';
import {
  brokenCopies,
  fixedValueCases,
  type Json,
  REQUEST_BUNDLE_FILES,
  readExample,
  twpasGuide,
} from '../src/testing/index.ts';

function medplumAnswer(resource: Json, profile: unknown): string {
  try {
    return JSON.stringify(validateResource(structuredClone(resource) as never, { profile } as never));
  } catch (error) {
    const outcome = (error as { outcome?: { issue?: unknown } }).outcome;
    if (outcome && Array.isArray(outcome.issue)) return JSON.stringify(outcome.issue);
    return `throws ${String(error)}`;
  }
}

function ourAnswer(resource: Json, profile: unknown): string {
  try {
    return JSON.stringify(schemaIssues(structuredClone(resource) as never, profile as never));
  } catch (error) {
    return `throws ${String(error)}`;
  }
}

function entriesOf(bundle: Json): Json[] {
  return ((bundle.entry as { resource?: Json }[] | undefined) ?? []).flatMap((e) =>
    e.resource ? [e.resource] : [],
  );
}

describe.skipIf(!sharedAvailable())('schemaIssues answers as Medplum’s validateResource', () => {
  let guide: ImplementationGuide;
  beforeAll(() => {
    guide = twpasGuide();
  }, 60_000);

  function compare(resources: Iterable<Json>) {
    let compared = 0;
    let withIssues = 0;
    const differing: string[] = [];
    for (const resource of resources) {
      const targets = [
        undefined,
        ...profilesOf(resource).flatMap((url) => {
          const sd = guide.profiles.get(url);
          return sd && !guide.loadFailures.has(url) ? [sd] : [];
        }),
      ];
      for (const profile of targets) {
        const expected = medplumAnswer(resource, profile);
        const actual = ourAnswer(resource, profile);
        compared += 1;
        if (expected !== '[]') withIssues += 1;
        if (actual !== expected && differing.length < 3)
          differing.push(
            `${String(resource.resourceType)} ${String(profile?.url ?? 'R4')}\n  Medplum ${expected}\n  ours    ${actual}`,
          );
      }
    }
    return { compared, withIssues, differing };
  }

  it('on every official example, whole and entry by entry', () => {
    const resources: Json[] = [];
    for (const file of readdirSync(sharedPath('twpas', 'examples'))) {
      const resource = readExample(file);
      resources.push(resource, ...entriesOf(resource));
    }
    const result = compare(resources);
    expect(result.differing).toEqual([]);
    expect(result.compared).toBeGreaterThan(200);
  });

  it('on copies of the request Bundles’ entries broken at every place (Bundle-bun-1 in every way)', () => {
    const result = compare(
      (function* () {
        for (const file of REQUEST_BUNDLE_FILES) {
          const every = file === 'Bundle-bun-1.json';
          for (const entry of entriesOf(readExample(file))) yield* brokenCopies(entry, { every });
        }
      })(),
    );
    expect(result.differing).toEqual([]);
    expect(result.compared).toBeGreaterThan(5_000);
    expect(result.withIssues).toBeGreaterThan(result.compared / 2);
  }, 300_000);

  it('on the request Bundles with each fixed or pattern value changed', () => {
    const bundles = REQUEST_BUNDLE_FILES.map((file) => [file, readExample(file)] as [string, Json]);
    const cases = fixedValueCases(guide, bundles);
    const result = compare(
      (function* () {
        for (const testCase of cases) {
          const bundle = readExample(testCase.file);
          testCase.change(bundle);
          yield* entriesOf(bundle);
        }
      })(),
    );
    expect(result.differing).toEqual([]);
    expect(cases.length).toBeGreaterThan(20);
  }, 300_000);

  it('on entries that break the constraints answered from absent elements (dom-2/4/5, tim-*, obs-6, obs-7) and one that is not (per-1)', () => {
    const broken: Json[] = [];
    // Each constraint is broken alone, and all at once, on every entry of each request Bundle.
    const changes: ((resource: Json) => void)[] = [
      (r) => {
        r.contained = [
          { resourceType: 'Patient', id: 'in', contained: [{ resourceType: 'Patient', id: 'x' }] },
        ];
      },
      (r) => {
        r.contained = [
          { resourceType: 'Patient', id: 'in', meta: { versionId: '2', security: [{ code: 'R' }] } },
        ];
      },
      (r) => {
        r.extension = [
          ...((r.extension as unknown[] | undefined) ?? []),
          {
            url: 'http://example.org/timing',
            valueTiming: { repeat: { countMax: 3, duration: 2, periodMax: 4 } },
          },
          {
            url: 'http://example.org/timing',
            valueTiming: { repeat: { duration: -1, durationUnit: 'h', period: -2, periodUnit: 'd' } },
          },
          { url: 'http://example.org/period', valuePeriod: { start: '2024-02-01', end: '2024-01-01' } },
          // tim-9 (offset with a meal-time when), decided by where/select only when `when` is absent
          { url: 'http://example.org/timing', valueTiming: { repeat: { offset: 30, when: ['C', 'AC'] } } },
          { url: 'http://example.org/timing', valueTiming: { repeat: { offset: 30, when: ['AC'] } } },
        ];
      },
      (r) => {
        // obs-7: a component coded as the Observation itself, beside a value
        if (r.resourceType !== 'Observation') return;
        r.valueString ??= 'x';
        r.component = [{ code: structuredClone(r.code) ?? { text: 'c' }, valueString: 'y' }];
      },
      (r) => {
        if (r.resourceType === 'Observation') r.dataAbsentReason = { text: 'not asked' };
      },
    ];
    for (const file of REQUEST_BUNDLE_FILES) {
      for (const entry of entriesOf(readExample(file))) {
        for (const change of changes) {
          const copy = structuredClone(entry);
          change(copy);
          broken.push(copy);
        }
        const all = structuredClone(entry);
        for (const change of changes) change(all);
        broken.push(all);
      }
    }
    const result = compare(broken);
    expect(result.differing).toEqual([]);
    expect(result.withIssues).toBeGreaterThan(result.compared / 2);
  }, 120_000);

  it('on a constraint Medplum cannot parse, and on a constraint of an element the resource lacks', () => {
    const bundle = readExample('Bundle-bun-1.json');
    const patient = entriesOf(bundle).find((r) => r.resourceType === 'Patient') as Json;
    const url = profilesOf(patient)[0] as string;
    const profile = structuredClone(guide.profiles.get(url)) as unknown as {
      url: string;
      snapshot: { element: { id: string; constraint?: unknown[] }[] };
    };
    profile.url = `${url}-with-bad-constraints`;
    const at = (id: string) => profile.snapshot.element.find((e) => e.id === id);
    at('Patient.name')?.constraint?.push({
      key: 'bad-1',
      severity: 'error',
      human: 'unparseable',
      expression: 'given.where(',
    });
    at('Patient.photo')?.constraint?.push({
      key: 'bad-2',
      severity: 'error',
      human: 'absent',
      expression: 'url.where(',
    });
    const expected = medplumAnswer(patient, profile);
    expect(expected).toContain('Error evaluating invariant expression');
    // Only where an instance exists: the example has names and no photo.
    expect(expected).toContain('given.where(');
    expect(expected).not.toContain('url.where(');
    expect(ourAnswer(patient, profile)).toBe(expected);
  });
});
