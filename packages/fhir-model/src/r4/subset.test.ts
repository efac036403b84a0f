import { describe, expect, it } from 'vitest';
import { FhirRequestError } from '../request-error.ts';
import { parseElements, parseSubsetQuery, parseSummary, SUBSETTED, subsetResource } from './subset.ts';

const patient = {
  resourceType: 'Patient',
  id: 'p1',
  meta: { versionId: '2', tag: [{ system: 'https://example.org/t', code: 'x' }] },
  text: {
    status: 'generated' as const,
    div: '<div xmlns="http://www.w3.org/1999/xhtml">王小明 A123456789</div>',
  },
  extension: [{ url: 'https://example.org/e', valueString: 'x' }],
  identifier: [{ system: 'http://www.moi.gov.tw', value: 'A123456789' }],
  active: true,
  name: [{ text: '王小明', family: '王' }],
  gender: 'male',
  _gender: { extension: [{ url: 'https://example.org/g', valueString: 'y' }] },
  birthDate: '1970-01-01',
  maritalStatus: { text: 'married' },
  contact: [{ name: { text: '王媽媽' } }],
};

const tags = (tagged: { meta?: unknown }) => (tagged.meta as { tag?: unknown[] }).tag;

function refusal(run: () => unknown): FhirRequestError {
  try {
    run();
  } catch (error) {
    if (error instanceof FhirRequestError) return error;
    throw error;
  }
  throw new Error('expected a FhirRequestError');
}

describe('subsetResource', () => {
  it('keeps only the listed top-level elements with resourceType, id and meta, tagged SUBSETTED', () => {
    const subset = subsetResource(patient, { elements: ['gender'] });
    expect(subset).toEqual({
      resourceType: 'Patient',
      id: 'p1',
      meta: { versionId: '2', tag: [patient.meta.tag[0], SUBSETTED] },
      gender: 'male',
      _gender: patient._gender,
    });
    expect(Object.keys(subset)[0]).toBe('resourceType');
  });

  it('accepts Type.element names and keeps every type of a choice element', () => {
    const observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'weight' },
      valueQuantity: { value: 60, unit: 'kg' },
    };
    expect(subsetResource(observation, { elements: ['Observation.value', 'status'] })).toEqual({
      resourceType: 'Observation',
      status: 'final',
      valueQuantity: { value: 60, unit: 'kg' },
      meta: { tag: [SUBSETTED] },
    });
  });

  it('keeps the summary elements of the base definition for _summary=true', () => {
    const summary = subsetResource(patient, { summary: 'true' });
    expect(Object.keys(summary)).toEqual([
      'resourceType',
      'id',
      'meta',
      'identifier',
      'active',
      'name',
      'gender',
      '_gender',
      'birthDate',
    ]);
    expect(tags(summary)).toContainEqual(SUBSETTED);
  });

  it('filters backbone elements by their own summary flags for _summary=true, and keeps data types whole', () => {
    const claim = {
      resourceType: 'Claim',
      status: 'active',
      item: [{ sequence: 1, productOrService: { text: 'x' } }],
      insurance: [
        { sequence: 1, focal: true, coverage: { reference: 'Coverage/1' }, businessArrangement: 'b' },
      ],
      patient: { reference: 'Patient/1', display: '王' },
    };
    expect(subsetResource(claim, { summary: 'true' })).toEqual({
      resourceType: 'Claim',
      status: 'active',
      insurance: [{ sequence: 1, focal: true, coverage: { reference: 'Coverage/1' } }],
      patient: { reference: 'Patient/1', display: '王' },
      meta: { tag: [SUBSETTED] },
    });
  });

  it('keeps text, id, meta and the mandatory elements for _summary=text', () => {
    const claim = {
      resourceType: 'Claim',
      id: 'c',
      status: 'active',
      use: 'claim',
      text: patient.text,
      total: { value: 1 },
    };
    expect(subsetResource(claim, { summary: 'text' })).toEqual({
      resourceType: 'Claim',
      id: 'c',
      status: 'active',
      use: 'claim',
      text: patient.text,
      meta: { tag: [SUBSETTED] },
    });
  });

  it('removes only the narrative for _summary=data', () => {
    const { text: _text, ...rest } = patient;
    expect(subsetResource(patient, { summary: 'data' })).toEqual({
      ...rest,
      meta: { ...patient.meta, tag: [...patient.meta.tag, SUBSETTED] },
    });
  });

  it('returns the resource itself for _summary=false, _summary=count or nothing asked', () => {
    expect(subsetResource(patient, { summary: 'false' })).toBe(patient);
    expect(subsetResource(patient, { summary: 'count' })).toBe(patient);
    expect(subsetResource(patient, {})).toBe(patient);
  });

  it('never changes its input and tags a resource only once', () => {
    const copy = structuredClone(patient);
    const once = subsetResource(patient, { elements: ['gender'] });
    expect(patient).toEqual(copy);
    expect(tags(subsetResource(once, { elements: ['gender'] }))).toEqual([patient.meta.tag[0], SUBSETTED]);
  });
});

describe('the _summary and _elements parameters', () => {
  it.each(['true', 'text', 'data', 'count', 'false'])('accepts _summary=%s', (value) => {
    expect(parseSummary(value)).toBe(value);
  });

  it('refuses another _summary with 400 at _summary', () => {
    const error = refusal(() => parseSummary('banana'));
    expect([error.status, error.issues]).toEqual([
      400,
      [
        {
          code: 'invalid',
          diagnostics: '_summary=banana is not one of true, text, data, count, false',
          expression: '_summary',
        },
      ],
    ]);
  });

  it('splits _elements and refuses a name that is not an element name', () => {
    expect(parseElements('gender,Patient.birthDate')).toEqual(['gender', 'Patient.birthDate']);
    expect(refusal(() => parseElements('gender,name.family')).issues[0]?.expression).toBe('_elements');
    expect(refusal(() => parseElements('')).status).toBe(400);
  });

  it('reads both from a read query, and refuses _summary=count or a repeated parameter', () => {
    expect(parseSubsetQuery(new URLSearchParams('_summary=true&_elements=gender,name'))).toEqual({
      summary: 'true',
      elements: ['gender', 'name'],
    });
    expect(parseSubsetQuery(new URLSearchParams('_pretty=true'))).toEqual({});
    expect(refusal(() => parseSubsetQuery(new URLSearchParams('_summary=count'))).status).toBe(400);
    expect(refusal(() => parseSubsetQuery(new URLSearchParams('_elements=a&_elements=b'))).status).toBe(400);
  });
});
