import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { sharedAvailable, sharedPath } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import {
  BUNDLED_PACKAGE_PATH,
  loadGuideResources,
  packTwpas,
  readFhirPackage,
  readTar,
} from '../src/index.ts';

describe('the bundled TWPAS package', () => {
  const pkg = readFhirPackage(BUNDLED_PACKAGE_PATH);

  it('is tw.gov.mohw.nhi.pas 1.2.3 for FHIR 4.0.1 with the guide’s dependencies', () => {
    expect(pkg.manifest).toMatchObject({
      name: 'tw.gov.mohw.nhi.pas',
      version: '1.2.3',
      fhirVersions: ['4.0.1'],
      dependencies: { 'hl7.fhir.r4.core': '4.0.1', 'tw.gov.mohw.twcore': '0.3.2' },
    });
  });

  it('holds the guide’s conformance resources, each listed in .index.json', () => {
    const files = readTar(gunzipSync(readFileSync(BUNDLED_PACKAGE_PATH)));
    const names = files.map((f) => f.name);
    expect(names.slice(0, 2)).toEqual(['package/package.json', 'package/.index.json']);
    expect(names.slice(2)).toEqual([...names.slice(2)].sort());
    const index = JSON.parse(Buffer.from(files[1]?.data ?? []).toString()) as {
      'index-version': number;
      files: { filename: string; resourceType: string; url?: string }[];
    };
    expect(index['index-version']).toBe(1);
    expect(index.files.map((f) => `package/${f.filename}`)).toEqual(names.slice(2));
    const guide = loadGuideResources([BUNDLED_PACKAGE_PATH]);
    const count = (type: string) => guide.ofType(type).length;
    expect([count('StructureDefinition'), count('ValueSet'), count('CodeSystem')]).toEqual([46, 38, 21]);
    expect(guide.byUrl('https://nhicore.nhi.gov.tw/pas/StructureDefinition/Claim-twpas')).toMatchObject({
      type: 'Claim',
      snapshot: expect.anything(),
    });
    expect(guide.byUrl('https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-medication')).toMatchObject({
      count: 45036,
    });
  });
});

describe.skipIf(!sharedAvailable())('the bundled TWPAS package against ../shared/twpas/definitions', () => {
  it('is what `./openpas guide:pack` makes from ../shared/twpas/definitions, byte for byte', () => {
    const made = packTwpas(sharedPath('twpas', 'definitions'));
    const committed = readFileSync(BUNDLED_PACKAGE_PATH);
    // The tar inside first (a clearer failure), then the gzip bytes (same zlib, same bytes).
    expect(
      gunzipSync(committed).equals(gunzipSync(made)),
      'run ./openpas guide:pack and commit the result',
    ).toBe(true);
    expect(committed.equals(made)).toBe(true);
  });

  it('makes the same bytes every time', () => {
    expect(
      packTwpas(sharedPath('twpas', 'definitions')).equals(packTwpas(sharedPath('twpas', 'definitions'))),
    ).toBe(true);
  });
});
