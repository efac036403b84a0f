import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGuideResources } from './guide-resources.ts';
import { packFhirPackage } from './pack.ts';
import { readFhirPackage } from './read.ts';

const manifest = { name: 'example.guide', version: '0.1.0', fhirVersions: ['4.0.1'], dependencies: {} };
const sd = {
  resourceType: 'StructureDefinition',
  id: 'p',
  url: 'http://x/StructureDefinition/p',
  version: '1',
};
const vs = { resourceType: 'ValueSet', id: 'v', url: 'http://x/ValueSet/v' };
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'guide-package-'));
}

describe('readFhirPackage', () => {
  it('reads a .tgz: its manifest, its resources by file name, and an index that lists them', () => {
    const path = join(tempDir(), 'p.tgz');
    writeFileSync(
      path,
      packFhirPackage(manifest, [
        { filename: 'b.json', data: json(vs) },
        { filename: 'a.json', data: json(sd) },
      ]),
    );
    const pkg = readFhirPackage(path);
    expect(pkg.manifest).toEqual(manifest);
    expect(pkg.resources).toEqual([sd, vs]);
  });

  it('reads an unpacked package folder and a plain folder of resources, not their sub-folders', () => {
    const unpacked = tempDir();
    mkdirSync(join(unpacked, 'package', 'example'), { recursive: true });
    writeFileSync(join(unpacked, 'package', 'package.json'), JSON.stringify(manifest));
    writeFileSync(join(unpacked, 'package', 'sd.json'), JSON.stringify(sd));
    writeFileSync(join(unpacked, 'package', 'example', 'ex.json'), JSON.stringify(vs));
    expect(readFhirPackage(unpacked)).toMatchObject({ manifest, resources: [sd] });

    const plain = join(tempDir(), 'definitions');
    mkdirSync(plain);
    writeFileSync(join(plain, 'vs.json'), JSON.stringify(vs));
    writeFileSync(join(plain, 'notes.txt'), 'not a resource');
    expect(readFhirPackage(plain)).toMatchObject({
      manifest: { name: 'definitions', version: 'local' },
      resources: [vs],
    });
  });

  it('names the path it cannot read', () => {
    expect(() => readFhirPackage('/no/such/package.tgz')).toThrow('/no/such/package.tgz does not exist');
    const bad = join(tempDir(), 'bad.tgz');
    writeFileSync(bad, 'not gzip');
    expect(() => readFhirPackage(bad)).toThrow(`cannot read ${bad}`);
    const broken = tempDir();
    writeFileSync(join(broken, 'x.json'), '{');
    expect(() => readFhirPackage(broken)).toThrow(`cannot read ${join(broken, 'x.json')}`);
  });
});

describe('loadGuideResources', () => {
  it('finds resources by type and canonical URL; a later package replaces an earlier one’s resource', () => {
    const first = tempDir();
    writeFileSync(join(first, 'sd.json'), JSON.stringify(sd));
    writeFileSync(join(first, 'vs.json'), JSON.stringify(vs));
    const second = tempDir();
    const newer = { ...vs, title: 'replaced' };
    writeFileSync(join(second, 'vs.json'), JSON.stringify(newer));
    const guide = loadGuideResources([first, second]);
    expect(guide.packages).toHaveLength(2);
    expect(guide.ofType('StructureDefinition')).toEqual([sd]);
    expect(guide.ofType('CodeSystem')).toEqual([]);
    expect(guide.byUrl('http://x/StructureDefinition/p')).toEqual(sd);
    expect(guide.byUrl('http://x/StructureDefinition/p|1', 'StructureDefinition')).toEqual(sd);
    expect(guide.byUrl('http://x/StructureDefinition/p', 'ValueSet')).toBeUndefined();
    expect(guide.byUrl('http://x/ValueSet/v')).toEqual(newer);
  });
});
