import { sharedAvailable } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { readExampleBundle } from '../testing/shared-twpas.ts';
import type { Bundle, BundleEntry } from '../types.ts';
import { TWPAS_PROFILES } from './canonical.ts';
import { searchsetProfiles } from './response-bundle.ts';

const claimResponse = (id: string): BundleEntry => ({
  fullUrl: `https://pas.example/fhir/ClaimResponse/${id}`,
  resource: {
    resourceType: 'ClaimResponse',
    id,
    meta: { profile: [TWPAS_PROFILES.claimResponse] },
    status: 'active',
    type: { coding: [{ code: 'institutional' }] },
    use: 'preauthorization',
    patient: { reference: 'Patient/p' },
    created: '2026-11-23',
    insurer: { reference: 'Organization/nhia' },
    outcome: 'queued',
  },
  search: { mode: 'match' },
});

const searchset = (entry: BundleEntry[], relations = ['self']): Bundle => ({
  resourceType: 'Bundle',
  type: 'searchset',
  link: relations.map((relation) => ({
    relation,
    url: `https://pas.example/fhir/ClaimResponse?${relation}`,
  })),
  entry,
});

describe('searchsetProfiles', () => {
  it('claims Bundle-response-twpas for one ClaimResponse-twpas match with a self link', () => {
    expect(searchsetProfiles(searchset([claimResponse('a')]))).toEqual([TWPAS_PROFILES.bundleResponse]);
  });

  it.each([
    ['no entry', searchset([])],
    ['two cases', searchset([claimResponse('a'), claimResponse('b')])],
    [
      'an included Claim',
      searchset([
        claimResponse('a'),
        { resource: { resourceType: 'Claim' } as never, search: { mode: 'include' } },
      ]),
    ],
    ['a next link', searchset([claimResponse('a')], ['self', 'next'])],
    [
      'a ClaimResponse without the TWPAS profile',
      searchset([{ ...claimResponse('a'), resource: { ...claimResponse('a').resource, meta: {} } as never }]),
    ],
    [
      'a Patient',
      searchset([
        { resource: { resourceType: 'Patient', meta: { profile: [TWPAS_PROFILES.claimResponse] } } },
      ]),
    ],
    ['a history Bundle', { ...searchset([claimResponse('a')]), type: 'history' as const }],
  ])('claims nothing for %s', (_name, bundle) => {
    expect(searchsetProfiles(bundle)).toEqual([]);
  });

  it.skipIf(!sharedAvailable())(
    'claims the profile of the official response example Bundle-bun-response',
    () => {
      const official = readExampleBundle('Bundle-bun-response.json');
      expect(searchsetProfiles(official)).toEqual(official.meta?.profile);
    },
  );
});
