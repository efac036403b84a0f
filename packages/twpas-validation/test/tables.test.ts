import { TWPAS_PROFILES } from '@openpas/fhir-model';
import { sharedAvailable } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { ENTRY_SLICES, REQUIRED_ELEMENTS } from '../src/index.ts';
import { readDefinition, type SnapshotElement, snapshotElements } from './shared-twpas.ts';

function profileId(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

/** The entry slices of a Bundle profile as its snapshot declares them. */
function snapshotSlices(elements: SnapshotElement[]) {
  return elements.flatMap((element) => {
    const match = /^Bundle\.entry:([^.]+)$/.exec(element.id);
    if (!match) return [];
    const resource = elements.find((e) => e.id === `${element.id}.resource`);
    return [
      {
        name: match[1],
        profile: resource?.type?.[0]?.profile?.[0],
        resourceType: resource?.type?.[0]?.code,
        min: element.min ?? 0,
        max: element.max === '*' ? Number.POSITIVE_INFINITY : Number(element.max),
      },
    ];
  });
}

/** The same selection of required elements the table was built with. */
function snapshotRequired(elements: SnapshotElement[]): string[] {
  return elements
    .filter((e) => (e.min ?? 0) >= 1 && !e.id.includes(':') && e.id.includes('.'))
    .map((e) => e.id)
    .filter((id) => {
      const segments = id.split('.').slice(1);
      if (segments.some((s) => ['extension', 'modifierExtension', 'meta', 'text', 'id'].includes(s)))
        return false;
      return !segments.slice(0, -1).some((s) => s.endsWith('[x]'));
    });
}

describe.skipIf(!sharedAvailable())('the rule tables against the StructureDefinition snapshots', () => {
  it.each(Object.keys(ENTRY_SLICES))('the entry slices of %s are those of its snapshot', (url) => {
    const definition = readDefinition(profileId(url));
    const bundle = snapshotElements(definition).find((e) => e.id === 'Bundle.entry') as
      | (SnapshotElement & { slicing?: { rules?: string } })
      | undefined;
    expect(bundle?.slicing?.rules).toBe('closed');
    const sort = <T extends { name?: string }>(list: T[]) =>
      [...list].sort((a, b) => String(a.name).localeCompare(String(b.name)));
    expect(sort(ENTRY_SLICES[url]?.map((s) => ({ ...s })) ?? [])).toEqual(
      sort(snapshotSlices(snapshotElements(definition))),
    );
  });

  it.each(Object.keys(REQUIRED_ELEMENTS))('the required elements of %s are those of its snapshot', (url) => {
    const elements = snapshotElements(readDefinition(profileId(url)));
    const table = REQUIRED_ELEMENTS[url] ?? [];
    const extensionSlices = table.filter((p) => p.endsWith('.extension'));
    expect(table.filter((p) => !p.endsWith('.extension'))).toEqual(snapshotRequired(elements));
    for (const path of extensionSlices) {
      expect(elements.find((e) => e.id === path)?.min, path).toBeGreaterThanOrEqual(1);
    }
  });

  it('has required elements for every TWPAS profile a request Bundle may carry', () => {
    const inBundles = new Set(
      Object.values(ENTRY_SLICES)
        .flat()
        .map((s) => s.profile)
        .filter((p) => p.startsWith(TWPAS_PROFILES.claim.slice(0, TWPAS_PROFILES.claim.lastIndexOf('/')))),
    );
    expect([...inBundles].filter((p) => !(p in REQUIRED_ELEMENTS))).toEqual([]);
  });
});
