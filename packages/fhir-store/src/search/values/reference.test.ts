import { describe, expect, it } from 'vitest';
import { parseReference } from './reference.ts';

const known = (type: string): boolean => ['Claim', 'Patient', 'Encounter', 'Organization'].includes(type);

describe('parseReference', () => {
  it.each([
    ['a relative reference', 'Claim/cla-1', { targetType: 'Claim', targetId: 'cla-1' }],
    [
      'a versioned relative reference',
      'Patient/pat-min/_history/3',
      { targetType: 'Patient', targetId: 'pat-min' },
    ],
    [
      'an absolute reference on our base',
      'https://nhicore.nhi.gov.tw/pas/Claim/cla-1',
      { targetType: 'Claim', targetId: 'cla-1' },
    ],
    [
      'an absolute versioned reference',
      'http://localhost:3000/fhir/Encounter/enc-min/_history/1',
      { targetType: 'Encounter', targetId: 'enc-min' },
    ],
    [
      'an id with dots and dashes',
      'Organization/a.b-C.9',
      { targetType: 'Organization', targetId: 'a.b-C.9' },
    ],
  ])('reads %s', (_name, reference, expected) => {
    expect(parseReference(reference, known)).toEqual(expected);
  });

  it.each([
    ['a urn:uuid reference (rewritten before storing)', 'urn:uuid:2c6d1b0e-8f7f-4c27-9a43-0e4a39b1a001'],
    ['a contained reference', '#med1'],
    ['a conditional reference', 'Patient?identifier=A123456789'],
    ['a type that is not a resource type', 'Foo/123'],
    ['a lowercase type', 'patient/123'],
    ['an id with characters FHIR ids cannot have', 'Patient/a_b'],
    ['an id longer than 64 characters', `Patient/${'a'.repeat(65)}`],
    ['a relative reference with extra segments', 'fhir/Patient/123'],
    ['a bare id', 'pat-min'],
    ['an absolute URL with only a host and a type', 'https://example.org/Patient'],
  ])('skips %s', (_name, reference) => {
    expect(parseReference(reference, known)).toBeNull();
  });
});
