import { readFileSync } from 'node:fs';
import { sharedAvailable, sharedPath } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { FAR_FUTURE } from './date-range.ts';
import { extractIndexRows } from './extract.ts';
import type { IndexRows } from './types.ts';

type Resource = { resourceType: string } & Record<string, unknown>;

/** The rows of one parameter, with dates as ISO strings and empty tables left out. */
function rowsOf(rows: IndexRows, param: string): Record<string, unknown[]> {
  const picked: Record<string, unknown[]> = {
    tokens: rows.tokens.filter((r) => r.param === param),
    strings: rows.strings.filter((r) => r.param === param),
    dates: rows.dates
      .filter((r) => r.param === param)
      .map((r) => ({ param: r.param, start: r.start.toISOString(), end: r.end.toISOString() })),
    references: rows.references.filter((r) => r.param === param),
    numbers: rows.numbers.filter((r) => r.param === param),
  };
  return Object.fromEntries(Object.entries(picked).filter(([, list]) => list.length > 0));
}

/** Extraction of a resource literal (its fields are beyond the `{ resourceType }` the extractor needs). */
function extract(resource: Resource): IndexRows {
  return extractIndexRows(resource);
}

function example(file: string): Resource {
  return JSON.parse(readFileSync(sharedPath('twpas', 'examples', file), 'utf8')) as Resource;
}

describe.skipIf(!sharedAvailable())('index rows of the TWPAS examples', () => {
  it.each([
    [
      'a Patient gives its national ID and chart number as identifier tokens',
      'Patient-pat-min.json',
      'identifier',
      {
        tokens: [
          { param: 'identifier', system: 'http://www.moi.gov.tw', code: 'A123456789', text: null },
          { param: 'identifier', system: 'https://tpech.gov.taipei', code: '123456', text: null },
        ],
      },
    ],
    [
      'a Patient gives its name text as a name string',
      'Patient-pat-min.json',
      'name',
      { strings: [{ param: 'name', value: '王大明' }] },
    ],
    [
      'a Patient gives its birth date as the whole day',
      'Patient-pat-min.json',
      'birthdate',
      { dates: [{ param: 'birthdate', start: '2001-01-01T00:00:00.000Z', end: '2001-01-01T23:59:59.999Z' }] },
    ],
    [
      'a ClaimResponse gives its disposition as a string (a string parameter in the guide)',
      'ClaimResponse-claim-response-example.json',
      'disposition',
      { strings: [{ param: 'disposition', value: '審畢結果' }] },
    ],
    [
      'a ClaimResponse gives the item adjudication reason code as a string (a string parameter in the guide)',
      'ClaimResponse-claim-response-example.json',
      'adjudication-reason',
      { strings: [{ param: 'adjudication-reason', value: '1' }] },
    ],
    [
      'a ClaimResponse points its request at the Claim',
      'ClaimResponse-claim-response-example.json',
      'request',
      { references: [{ param: 'request', targetType: 'Claim', targetId: 'cla-1' }] },
    ],
    [
      'a ClaimResponse points its requestor at the hospital',
      'ClaimResponse-claim-response-example.json',
      'requestor',
      { references: [{ param: 'requestor', targetType: 'Organization', targetId: 'org-hosp-example' }] },
    ],
    [
      'a ClaimResponse gives its created date as the whole day',
      'ClaimResponse-claim-response-example.json',
      'created',
      { dates: [{ param: 'created', start: '2024-07-30T00:00:00.000Z', end: '2024-07-30T23:59:59.999Z' }] },
    ],
    [
      'a ClaimResponse gives its outcome as a code token',
      'ClaimResponse-claim-response-example.json',
      'outcome',
      { tokens: [{ param: 'outcome', system: null, code: 'complete', text: null }] },
    ],
    [
      'a Claim gives its acceptance number, file name and earlier number as identifier tokens',
      'Claim-cla-3.json',
      'identifier',
      {
        tokens: [
          { param: 'identifier', system: null, code: '202505301000002', text: null },
          { param: 'identifier', system: null, code: 'FHR3501200000_2016101000000001.JSON', text: null },
          { param: 'identifier', system: null, code: '202405301000002', text: null },
        ],
      },
    ],
    [
      'a Claim points func-type at the Encounter of its claim-encounter extension',
      'Claim-cla-1.json',
      'func-type',
      { references: [{ param: 'func-type', targetType: 'Encounter', targetId: 'enc-min' }] },
    ],
    [
      'a Claim points patient at the Patient',
      'Claim-cla-1.json',
      'patient',
      { references: [{ param: 'patient', targetType: 'Patient', targetId: 'pat-min' }] },
    ],
    [
      'a Claim gives its priority coding with the display as text',
      'Claim-cla-1.json',
      'priority',
      {
        tokens: [
          {
            param: 'priority',
            system: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-tmhb-type',
            code: '1',
            text: '一般事前審查申請',
          },
        ],
      },
    ],
    [
      'a Claim gives its id as the guide’s id token',
      'Claim-cla-1.json',
      'id',
      { tokens: [{ param: 'id', system: null, code: 'cla-1', text: null }] },
    ],
    [
      'an Encounter gives its department as a service-type token',
      'Encounter-enc-min.json',
      'service-type',
      {
        tokens: [
          {
            param: 'service-type',
            system: 'https://twcore.mohw.gov.tw/ig/twcore/CodeSystem/medical-consultation-department-nhi-tw',
            code: 'AJ',
            text: null,
          },
        ],
      },
    ],
    [
      'an Organization gives its hospital code as an identifier token',
      'Organization-org-hosp-example.json',
      'identifier',
      {
        tokens: [
          {
            param: 'identifier',
            system: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/organization-identifier-tw',
            code: '0101090517',
            text: null,
          },
        ],
      },
    ],
    [
      'an Organization gives its name as a string',
      'Organization-org-hosp-example.json',
      'name',
      { strings: [{ param: 'name', value: '臺北市立聯合醫院' }] },
    ],
  ])('%s', (_name, file, param, expected) => {
    expect(rowsOf(extractIndexRows(example(file)), param)).toEqual(expected);
  });

  it('leaves the resource unchanged', () => {
    const claim = example('Claim-cla-1.json');
    const before = JSON.stringify(claim);
    extractIndexRows(claim);
    expect(JSON.stringify(claim)).toBe(before);
  });

  it('indexes every entry of Bundle-bun-1 without throwing', () => {
    const bundle = example('Bundle-bun-1.json');
    const entries = (bundle.entry as { resource: Resource }[]).map((entry) => entry.resource);
    const counts = entries.map((resource) => {
      const rows = extractIndexRows(resource);
      return Object.values(rows).reduce((sum, list) => sum + list.length, 0);
    });
    expect(entries).toHaveLength(28);
    expect(counts.every((count) => count > 0)).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(166);
  });
});

describe('string rows', () => {
  it.each([
    [
      'a Western name gives each part, the text and the whole name, accents removed and lowercased',
      { family: 'Müller', given: ['José', 'Ana'], prefix: ['Dr.'], text: 'Dr. José Ana Müller' },
      ['muller', 'jose', 'ana', 'dr.', 'dr. jose ana muller'],
    ],
    [
      'a Chinese name also gives family and given written together',
      { family: '王', given: ['大明'] },
      ['王', '大明', '大明 王', '王大明'],
    ],
    [
      'a full-width name text is folded to ASCII with whitespace collapsed',
      { text: 'ＣＨＥＮ　 Ｔａ－ｍｉｎｇ' },
      ['chen ta-ming'],
    ],
    ['an empty name gives nothing', { given: ['  '] }, []],
  ])('%s', (_name, humanName, values) => {
    const rows = extract({ resourceType: 'Patient', name: [humanName] });
    expect(rows.strings.filter((r) => r.param === 'name').map((r) => r.value)).toEqual(values);
  });

  it('gives family and given their own parameters', () => {
    const rows = extract({
      resourceType: 'Patient',
      name: [{ family: 'Lín', given: ['Yì', 'Chén'] }],
    });
    expect([rowsOf(rows, 'family'), rowsOf(rows, 'given')]).toEqual([
      { strings: [{ param: 'family', value: 'lin' }] },
      {
        strings: [
          { param: 'given', value: 'yi' },
          { param: 'given', value: 'chen' },
        ],
      },
    ]);
  });

  it('gives every part of an address', () => {
    const rows = extract({
      resourceType: 'Patient',
      address: [
        {
          line: ['中正路 1 號', '5F'],
          city: '臺北市',
          district: '中正區',
          postalCode: '100',
          country: 'TW',
          text: '100 臺北市中正區中正路1號5F',
        },
      ],
    });
    expect(rows.strings.filter((r) => r.param === 'address').map((r) => r.value)).toEqual([
      '中正路 1 號',
      '5f',
      '臺北市',
      '中正區',
      '100',
      'tw',
      '100 臺北市中正區中正路1號5f',
    ]);
    expect(rowsOf(rows, 'address-city')).toEqual({ strings: [{ param: 'address-city', value: '臺北市' }] });
  });
});

describe('token rows', () => {
  it.each([
    [
      'a CodeableConcept gives each coding with its display, and its text on its own, codes kept as given',
      {
        resourceType: 'Condition',
        code: {
          coding: [
            { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E11.9', display: 'Type 2 Diabetes' },
            { system: 'http://snomed.info/sct', code: '44054006' },
          ],
          text: 'DM 第二型',
        },
      },
      'code',
      [
        {
          param: 'code',
          system: 'http://hl7.org/fhir/sid/icd-10-cm',
          code: 'E11.9',
          text: 'type 2 diabetes',
        },
        { param: 'code', system: 'http://snomed.info/sct', code: '44054006', text: null },
        { param: 'code', system: null, code: null, text: 'dm 第二型' },
      ],
    ],
    [
      'an Identifier gives its type text as the text',
      {
        resourceType: 'Patient',
        identifier: [{ system: 'http://www.moi.gov.tw', value: 'a123456789', type: { text: 'National ID' } }],
      },
      'identifier',
      [{ param: 'identifier', system: 'http://www.moi.gov.tw', code: 'a123456789', text: 'national id' }],
    ],
    [
      'a boolean gives true or false as the code',
      { resourceType: 'Patient', active: true },
      'active',
      [{ param: 'active', system: null, code: 'true', text: null }],
    ],
    [
      'ContactPoints give their values, and phone only the phones',
      {
        resourceType: 'Patient',
        telecom: [
          { system: 'phone', value: '02-2345-6789' },
          { system: 'email', value: 'Wang@Example.org' },
        ],
      },
      'phone',
      [{ param: 'phone', system: null, code: '02-2345-6789', text: null }],
    ],
    [
      'the same identifier twice gives one row',
      {
        resourceType: 'Organization',
        identifier: [
          { system: 'urn:x', value: '1' },
          { system: 'urn:x', value: '1' },
        ],
      },
      'identifier',
      [{ param: 'identifier', system: 'urn:x', code: '1', text: null }],
    ],
    [
      'an identifier with neither system nor value gives nothing',
      { resourceType: 'Organization', identifier: [{ use: 'official' }] },
      'identifier',
      [],
    ],
  ])('%s', (_name, resource, param, expected) => {
    expect(extractIndexRows(resource).tokens.filter((r) => r.param === param)).toEqual(expected);
  });

  it('keeps an email token exactly as written', () => {
    const rows = extract({
      resourceType: 'Patient',
      telecom: [{ system: 'email', value: 'Wang@Example.org' }],
    });
    expect(rowsOf(rows, 'email')).toEqual({
      tokens: [{ param: 'email', system: null, code: 'Wang@Example.org', text: null }],
    });
  });
});

describe('reference rows', () => {
  it.each([
    ['a relative reference', 'Patient/p1', [{ targetType: 'Patient', targetId: 'p1' }]],
    [
      'an absolute reference on our base',
      'https://pas.example.tw/fhir/Patient/p1',
      [{ targetType: 'Patient', targetId: 'p1' }],
    ],
    ['a versioned reference', 'Patient/p1/_history/2', [{ targetType: 'Patient', targetId: 'p1' }]],
    ['a urn:uuid reference', 'urn:uuid:0d4b8f2e-1111-4d4e-9e55-000000000001', []],
    ['a contained reference', '#p1', []],
    ['a reference to a type the parameter does not target', 'Group/g1', []],
  ])('Claim.patient given %s', (_name, reference, expected) => {
    const rows = extract({ resourceType: 'Claim', patient: { reference } });
    expect(
      rows.references.filter((r) => r.param === 'patient').map(({ param: _p, ...target }) => target),
    ).toEqual(expected);
  });

  it('selects the Patient subject for patient with the R4 resolve() expression, and any subject for subject', () => {
    const rows = extract({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      subject: { reference: 'Group/g1' },
    });
    expect([rowsOf(rows, 'patient'), rowsOf(rows, 'subject')]).toEqual([
      {},
      { references: [{ param: 'subject', targetType: 'Group', targetId: 'g1' }] },
    ]);
  });
});

describe('date rows', () => {
  it.each([
    [
      'a period without an end runs to the far future',
      { resourceType: 'Encounter', period: { start: '2024-03' } },
      'date',
      [{ param: 'date', start: '2024-03-01T00:00:00.000Z', end: FAR_FUTURE.toISOString() }],
    ],
    [
      'a period with both ends covers both precisions',
      { resourceType: 'Encounter', period: { start: '2024-03-01T08:00:00+08:00', end: '2024-03-02' } },
      'date',
      [{ param: 'date', start: '2024-03-01T00:00:00.000Z', end: '2024-03-02T23:59:59.999Z' }],
    ],
    [
      'each Timing event is a range',
      {
        resourceType: 'MedicationRequest',
        dosageInstruction: [{ timing: { event: ['2024-05-01', '2024-05-08T09:00:00Z'] } }],
      },
      'date',
      [
        { param: 'date', start: '2024-05-01T00:00:00.000Z', end: '2024-05-01T23:59:59.999Z' },
        { param: 'date', start: '2024-05-08T09:00:00.000Z', end: '2024-05-08T09:00:00.999Z' },
      ],
    ],
    [
      'a month of a dateTime choice covers the month',
      { resourceType: 'Observation', effectiveDateTime: '2024-02' },
      'date',
      [{ param: 'date', start: '2024-02-01T00:00:00.000Z', end: '2024-02-29T23:59:59.999Z' }],
    ],
    ['an invalid date gives nothing', { resourceType: 'Patient', birthDate: '2024-02-30' }, 'birthdate', []],
  ])('%s', (_name, resource, param, expected) => {
    expect(rowsOf(extractIndexRows(resource), param).dates ?? []).toEqual(expected);
  });
});

describe('number rows', () => {
  it.each([
    [
      'a Quantity keeps its value, system and code',
      {
        resourceType: 'Observation',
        valueQuantity: { value: 7.25, system: 'http://unitsofmeasure.org', code: 'mmol/L' },
      },
      [{ param: 'value-quantity', value: '7.25', system: 'http://unitsofmeasure.org', code: 'mmol/L' }],
    ],
    [
      'a Quantity without a code uses its unit',
      { resourceType: 'Observation', valueQuantity: { value: 120, unit: 'mmHg' } },
      [{ param: 'value-quantity', value: '120', system: null, code: 'mmHg' }],
    ],
    [
      'a tiny value is written without an exponent, at the column’s six decimals',
      { resourceType: 'Observation', valueQuantity: { value: 0.0000006, code: 'g' } },
      [{ param: 'value-quantity', value: '0.000001', system: null, code: 'g' }],
    ],
    [
      'a value too large for the column gives nothing',
      { resourceType: 'Observation', valueQuantity: { value: 1e20, code: 'g' } },
      [],
    ],
  ])('%s', (_name, resource, expected) => {
    expect(extractIndexRows(resource).numbers).toEqual(expected);
  });
});

describe('odd data', () => {
  it.each([
    ['a type without search parameters', { resourceType: 'Basic', code: { text: 'x' } }],
    ['a name that is not an array', { resourceType: 'Patient', name: 'Wang' }],
    ['a system that is a number', { resourceType: 'Patient', identifier: [{ system: 5, value: 'x' }] }],
    ['a reference that is not a string', { resourceType: 'Claim', patient: { reference: 42 } }],
    ['a period that is a string', { resourceType: 'Encounter', period: '2024' }],
    ['null everywhere', { resourceType: 'Observation', code: null, subject: null, effectiveDateTime: null }],
  ])('does not throw on %s', (_name, resource) => {
    expect(() => extractIndexRows(resource)).not.toThrow();
  });

  it('gives empty rows for something that is not a resource', () => {
    expect(extractIndexRows(null as unknown as Resource)).toEqual({
      tokens: [],
      strings: [],
      dates: [],
      references: [],
      numbers: [],
    });
  });
});
