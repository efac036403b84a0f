import { describe, expect, it } from 'vitest';
import { elementInstances } from './element-instances.ts';
import type { ElementLike } from './guide.ts';

const MOI = 'http://www.moi.gov.tw';
const ENCOUNTER_EXT = 'https://example.org/StructureDefinition/encounter';
const elements: ElementLike[] = [
  { id: 'Patient', path: 'Patient' },
  {
    id: 'Patient.identifier',
    path: 'Patient.identifier',
    slicing: { discriminator: [{ type: 'pattern', path: 'system' }] },
  },
  { id: 'Patient.identifier:national', path: 'Patient.identifier', sliceName: 'national' },
  { id: 'Patient.identifier:national.system', path: 'Patient.identifier.system', patternUri: MOI },
  { id: 'Patient.identifier:national.value', path: 'Patient.identifier.value' },
  {
    id: 'Patient.extension',
    path: 'Patient.extension',
    slicing: { discriminator: [{ type: 'value', path: 'url' }] },
  },
  {
    id: 'Patient.extension:encounter',
    path: 'Patient.extension',
    sliceName: 'encounter',
    type: [{ code: 'Extension', profile: [ENCOUNTER_EXT] }],
  },
  { id: 'Patient.extension:encounter.value[x]', path: 'Patient.extension.value[x]' },
  {
    id: 'Patient.contact',
    path: 'Patient.contact',
    slicing: { discriminator: [{ type: 'exists', path: 'name' }] },
  },
  { id: 'Patient.contact:named', path: 'Patient.contact', sliceName: 'named' },
];
const index = new Map(elements.map((element) => [element.id, element]));
const patient = {
  resourceType: 'Patient',
  identifier: [
    { system: 'https://hospital.example/mrn', value: '123' },
    { system: MOI, value: 'A123456789' },
  ],
  extension: [
    { url: 'https://example.org/other', valueString: 'x' },
    { url: ENCOUNTER_EXT, valueReference: { reference: 'Encounter/1' } },
  ],
};

describe('elementInstances', () => {
  it('keeps the items a pattern discriminator selects, with their index in the resource', () => {
    expect(elementInstances(patient, 'Patient.identifier:national.value', index)).toEqual([
      { value: 'A123456789', path: 'Patient.identifier[1].value', base: 'Patient.identifier.value' },
    ]);
  });

  it('tells extension slices apart by url and names a choice by its type', () => {
    expect(elementInstances(patient, 'Patient.extension:encounter.value[x]', index)).toEqual([
      {
        value: { reference: 'Encounter/1' },
        path: 'Patient.extension[1].value.ofType(Reference)',
        base: 'Reference',
        choiceType: 'Reference',
      },
    ]);
  });

  it('names primitive choices in lower case', () => {
    const found = elementInstances(patient, 'Patient.extension.value[x]', index);
    expect(found?.map((i) => i.path)).toEqual([
      'Patient.extension[0].value.ofType(string)',
      'Patient.extension[1].value.ofType(Reference)',
    ]);
  });

  it('finds nothing when no item fits the slice, and refuses a discriminator it cannot apply', () => {
    expect(
      elementInstances({ resourceType: 'Patient', identifier: [] }, 'Patient.identifier:national', index),
    ).toEqual([]);
    expect(elementInstances(patient, 'Patient.contact:named', index)).toBeUndefined();
  });
});
