import { readdirSync, readFileSync } from 'node:fs';
import { sharedAvailable } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { definitionUrls, twpasPath } from '../testing/shared-twpas.ts';
import {
  DAVINCI_PAS_EXTENSIONS,
  TW_CORE_PROFILES,
  TWPAS_EXTENSIONS,
  TWPAS_IG,
  TWPAS_PROFILES,
} from './canonical.ts';
import { TW_CORE_CODE_SYSTEMS, TWPAS_CODE_SYSTEMS } from './code-systems.ts';
import { IDENTIFIER_SYSTEMS } from './identifier-systems.ts';

/** All the text of the guide's definitions or examples, to find the outside canonicals they refer to. */
function folderText(folder: 'definitions' | 'examples'): string {
  const dir = twpasPath(folder);
  return readdirSync(dir)
    .map((file) => readFileSync(`${dir}/${file}`, 'utf8'))
    .join('\n');
}

describe.skipIf(!sharedAvailable())('the hard-coded TWPAS canonicals', () => {
  it('name exactly the resource profiles the guide defines', () => {
    const profiles = [...(definitionUrls().get('StructureDefinition') ?? [])].filter(
      (url) => !/extension-|Model$/.test(url),
    );
    expect(Object.values(TWPAS_PROFILES).sort()).toEqual(profiles.sort());
  });

  it('name extensions the guide defines', () => {
    const defined = definitionUrls().get('StructureDefinition') ?? new Set();
    expect(Object.values(TWPAS_EXTENSIONS).filter((url) => !defined.has(url))).toEqual([]);
  });

  it('name exactly the code systems the guide defines', () => {
    expect(Object.values(TWPAS_CODE_SYSTEMS).sort()).toEqual(
      [...(definitionUrls().get('CodeSystem') ?? [])].sort(),
    );
  });

  it('all start with the guide canonical', () => {
    const ours = [
      ...Object.values(TWPAS_PROFILES),
      ...Object.values(TWPAS_EXTENSIONS),
      ...Object.values(TWPAS_CODE_SYSTEMS),
    ];
    expect(ours.filter((url) => !url.startsWith(`${TWPAS_IG.canonical}/`))).toEqual([]);
  });

  it('of TW Core, Da Vinci PAS and the identifier systems are the ones the definitions refer to', () => {
    const text = folderText('definitions');
    const outside = [
      ...Object.values(TW_CORE_PROFILES),
      ...Object.values(TW_CORE_CODE_SYSTEMS),
      ...Object.values(DAVINCI_PAS_EXTENSIONS),
      ...Object.values(IDENTIFIER_SYSTEMS),
    ];
    // The NHIA organisation is a TW Core profile: its identifier systems appear only in the examples.
    expect(outside.filter((url) => !text.includes(`"${url}"`))).toEqual([
      TW_CORE_CODE_SYSTEMS.identifierType,
      IDENTIFIER_SYSTEMS.governmentOrganization,
    ]);
    const examples = folderText('examples');
    expect(
      [TW_CORE_CODE_SYSTEMS.identifierType, IDENTIFIER_SYSTEMS.governmentOrganization].filter(
        (url) => !examples.includes(`"${url}"`),
      ),
    ).toEqual([]);
  });
});
