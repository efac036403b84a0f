import { readdirSync } from 'node:fs';
import { sharedAvailable } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { SANDBOX_CASE_KEYS, sandboxRequestBundle } from '../sandbox-cases.ts';
import { readExampleBundle, twpasPath } from '../testing/shared-twpas.ts';
import { r4Elements } from './elements.ts';
import { unknownElements } from './unknown-elements.ts';

const expressions = (resource: unknown, path?: string) =>
  unknownElements(resource, path === undefined ? {} : { path }).map((found) => found.expression);

describe('unknownElements', () => {
  it('finds nothing on a valid Patient with choice, primitive siblings, extensions and contained resources', () => {
    const patient = {
      resourceType: 'Patient',
      id: 'p1',
      meta: { profile: ['https://example.org/p'], tag: [{ code: 'x' }] },
      text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' },
      extension: [{ url: 'https://example.org/e', valueQuantity: { value: 1, unit: 'kg' } }],
      identifier: [{ system: 'http://www.moi.gov.tw', value: 'A123456789', type: { text: 'ID' } }],
      name: [{ given: ['小明', '大明'], _given: [null, { extension: [{ url: 'u', valueString: 's' }] }] }],
      gender: 'male',
      _gender: { id: 'g', extension: [{ url: 'u', valueCode: 'x' }] },
      deceasedBoolean: false,
      contact: [{ name: { text: '王' }, relationship: [{ text: 'mother' }] }],
      contained: [
        {
          resourceType: 'Observation',
          status: 'final',
          code: { text: 'weight' },
          valueQuantity: { value: 60 },
          component: [{ code: { text: 'a' }, valueString: 'b' }],
        },
      ],
    };
    expect(unknownElements(patient)).toEqual([]);
  });

  it('names an unknown top-level element with its FHIRPath and says why', () => {
    expect(unknownElements({ resourceType: 'Patient', gender: 'male', zzz: 1 })).toEqual([
      { expression: 'Patient.zzz', message: 'zzz is not an element of Patient in FHIR R4' },
    ]);
  });

  it.each([
    ['inside a data type', { name: [{ text: 'x' }, { text: 'y', yyy: 2 }] }, 'Patient.name[1].yyy'],
    ['inside a backbone element', { contact: [{ name: { text: 'x' }, nope: 1 }] }, 'Patient.contact[0].nope'],
    [
      'in a choice data type',
      { extension: [{ url: 'u', valueQuantity: { v: 1 } }] },
      'Patient.extension[0].value.ofType(Quantity).v',
    ],
    ['as a choice type R4 does not allow', { deceasedString: 'yes' }, 'Patient.deceasedString'],
    ['inside a primitive sibling', { _gender: { qq: 1 } }, 'Patient.gender.qq'],
    [
      'inside a repeating primitive sibling',
      { name: [{ given: ['a', 'b'], _given: [null, { qq: 1 }] }] },
      'Patient.name[0].given[1].qq',
    ],
    ['as a sibling of a non-primitive', { _name: {} }, 'Patient._name'],
    [
      'in a contained resource',
      { contained: [{ resourceType: 'Basic', code: { text: 'x' }, bad: 1 }] },
      'Patient.contained[0].ofType(Basic).bad',
    ],
    [
      'as resourceType inside a data type',
      { name: [{ resourceType: 'HumanName' }] },
      'Patient.name[0].resourceType',
    ],
    [
      'as a contained resource of no R4 type',
      { contained: [{ resourceType: 'Nonsense' }] },
      'Patient.contained[0].resourceType',
    ],
  ])('finds an unknown element %s', (_name, content, expression) => {
    expect(expressions({ resourceType: 'Patient', ...content })).toEqual([expression]);
  });

  it('finds elements in nested backbone elements and content references (Questionnaire.item.item)', () => {
    const questionnaire = {
      resourceType: 'Questionnaire',
      status: 'active',
      item: [{ linkId: '1', type: 'group', item: [{ linkId: '1.1', type: 'string', answer: 1 }] }],
    };
    expect(expressions(questionnaire)).toEqual(['Questionnaire.item[0].item[0].answer']);
  });

  it('walks the resources of a Bundle under the path given', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:uuid:1', resource: { resourceType: 'Patient', gender: 'male' } },
        { fullUrl: 'urn:uuid:2', resource: { resourceType: 'Patient', zzz: 1 }, extra: true },
      ],
    };
    expect(expressions(bundle)).toEqual([
      'Bundle.entry[1].extra',
      'Bundle.entry[1].resource.ofType(Patient).zzz',
    ]);
    expect(expressions(bundle.entry[1]?.resource, 'Bundle.entry[1].resource.ofType(Patient)')).toEqual([
      'Bundle.entry[1].resource.ofType(Patient).zzz',
    ]);
  });

  it('reports a root that is not an R4 resource, and nothing for a value that is not an object', () => {
    expect(expressions({ resourceType: 'Banana', zzz: 1 })).toEqual(['Banana.resourceType']);
    expect(unknownElements(null)).toEqual([]);
    expect(unknownElements([1, 2])).toEqual([]);
  });

  it('walks 10,000 levels of nesting without exhausting the call stack', () => {
    let value: Record<string, unknown> = { url: 'u' };
    for (let n = 0; n < 10_000; n++) value = { url: 'u', extension: [value] };
    expect(expressions({ resourceType: 'Patient', extension: [value] })).toEqual([]);
  });

  it.each(SANDBOX_CASE_KEYS)('finds nothing in the sandbox case %s', (key) => {
    expect(unknownElements(sandboxRequestBundle(key))).toEqual([]);
  });
});

describe.skipIf(!sharedAvailable())('unknownElements on the official TWPAS examples', () => {
  const files = sharedAvailable()
    ? readdirSync(twpasPath('examples')).filter((f) => f.endsWith('.json'))
    : [];

  it.each(files)('finds nothing in %s', (file) => {
    expect(unknownElements(readExampleBundle(file))).toEqual([]);
  });

  it('checks the 28-entry Bundle-bun-1 in a few milliseconds', () => {
    r4Elements();
    const bundle = readExampleBundle('Bundle-bun-1.json');
    expect(bundle.entry).toHaveLength(28);
    // The fastest of 20 runs: what the walk costs, whatever else shares the machine.
    const times = Array.from({ length: 20 }, () => {
      const started = performance.now();
      unknownElements(bundle);
      return performance.now() - started;
    });
    expect(Math.min(...times)).toBeLessThan(2);
  });
});
