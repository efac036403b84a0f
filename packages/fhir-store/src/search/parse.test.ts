import { describe, expect, it } from 'vitest';
import { encodeCursor } from './paging.ts';
import { fixtureLookup, P } from './parse.fixture.ts';
import { type ParseSearchOptions, parseSearch } from './parse.ts';
import { pseudoParameter } from './parse-name.ts';
import { SearchError, type SearchRequest } from './types.ts';

/** Parses `Type?query` against the fixture registry. */
function parse(url: string, options?: ParseSearchOptions): SearchRequest {
  const mark = url.indexOf('?');
  const resourceType = mark < 0 ? url : url.slice(0, mark);
  const query = mark < 0 ? '' : url.slice(mark + 1);
  return parseSearch(resourceType, new URLSearchParams(query), fixtureLookup, options);
}

function errorOf(url: string, options?: ParseSearchOptions): SearchError {
  try {
    parse(url, options);
  } catch (error) {
    if (error instanceof SearchError) return error;
    throw error;
  }
  throw new Error(`expected ${url} to be refused`);
}

/** The request a bare search yields, with `extra` on top. */
function request(resourceType: string, extra: Partial<SearchRequest> = {}): SearchRequest {
  return { resourceType, clauses: [], include: [], sort: [], count: 20, total: 'none', ...extra };
}

const NATIONAL_ID = 'http://www.moi.gov.tw|A123456789';
const HOSPITAL = 'https://nhicore.nhi.gov.tw/pas/CodeSystem/organization-identifier-tw|0101090517';
const cursor40 = encodeCursor({ offset: 40 });

describe('parseSearch turns every TWPAS hospital search into a typed request', () => {
  const cases: Array<[string, string, SearchRequest]> = [
    [
      'decisions for a national ID, through the claim’s patient, with the claims included',
      `ClaimResponse?request.patient.identifier=${NATIONAL_ID}&_include=ClaimResponse:request`,
      request('ClaimResponse', {
        clauses: [
          {
            param: P.crRequest,
            chain: [P.claimPatient, P.patientIdentifier],
            values: [{ value: NATIONAL_ID, system: 'http://www.moi.gov.tw', code: 'A123456789' }],
          },
        ],
        include: [{ sourceType: 'ClaimResponse', param: P.crRequest, reverse: false }],
      }),
    ],
    [
      'decisions for a patient name, URL-encoded Chinese',
      'ClaimResponse?request.patient.name=%E7%8E%8B%E5%B0%8F%E6%98%8E&_include=ClaimResponse:request',
      request('ClaimResponse', {
        clauses: [
          { param: P.crRequest, chain: [P.claimPatient, P.patientName], values: [{ value: '王小明' }] },
        ],
        include: [{ sourceType: 'ClaimResponse', param: P.crRequest, reverse: false }],
      }),
    ],
    [
      'decisions for an acceptance number of the claim',
      'ClaimResponse?request.identifier=1130701A0001',
      request('ClaimResponse', {
        clauses: [
          {
            param: P.crRequest,
            chain: [P.claimIdentifier],
            values: [{ value: '1130701A0001', code: '1130701A0001' }],
          },
        ],
      }),
    ],
    [
      'decisions for an original file name of the claim',
      'ClaimResponse?request.identifier=0101090517_20240701_001.json',
      request('ClaimResponse', {
        clauses: [
          {
            param: P.crRequest,
            chain: [P.claimIdentifier],
            values: [{ value: '0101090517_20240701_001.json', code: '0101090517_20240701_001.json' }],
          },
        ],
      }),
    ],
    [
      'decisions whose claim was uploaded since a date',
      'ClaimResponse?request._lastUpdated=ge2024-01-01',
      request('ClaimResponse', {
        clauses: [
          {
            param: P.crRequest,
            chain: [pseudoParameter('Claim', '_lastUpdated')],
            values: [{ prefix: 'ge', value: '2024-01-01' }],
          },
        ],
      }),
    ],
    [
      'decisions for a hospital code',
      `ClaimResponse?requestor.identifier=${HOSPITAL}`,
      request('ClaimResponse', {
        clauses: [
          {
            param: P.crRequestor,
            chain: [P.organizationIdentifier],
            values: [
              {
                value: HOSPITAL,
                system: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/organization-identifier-tw',
                code: '0101090517',
              },
            ],
          },
        ],
      }),
    ],
    [
      'decisions with an adjudication reason (2 denied)',
      'ClaimResponse?adjudication-reason=2',
      request('ClaimResponse', {
        clauses: [{ param: P.crAdjudicationReason, values: [{ value: '2', code: '2' }] }],
      }),
    ],
    [
      'decisions changed since a date with a disposition, raw Chinese',
      'ClaimResponse?created=ge2024-01-01&disposition=審畢結果',
      request('ClaimResponse', {
        clauses: [
          { param: P.crCreated, values: [{ prefix: 'ge', value: '2024-01-01' }] },
          { param: P.crDisposition, values: [{ value: '審畢結果', code: '審畢結果' }] },
        ],
      }),
    ],
    [
      'decisions with a disposition, percent-encoded Chinese',
      'ClaimResponse?disposition=%E5%AF%A9%E7%95%A2%E7%B5%90%E6%9E%9C',
      request('ClaimResponse', {
        clauses: [{ param: P.crDisposition, values: [{ value: '審畢結果', code: '審畢結果' }] }],
      }),
    ],
    [
      'decisions for a department, through the claim’s encounter',
      'ClaimResponse?request.func-type.service-type=AJ',
      request('ClaimResponse', {
        clauses: [
          {
            param: P.crRequest,
            chain: [P.claimFuncType, P.encounterServiceType],
            values: [{ value: 'AJ', code: 'AJ' }],
          },
        ],
      }),
    ],
    [
      'decisions for one claim id',
      'ClaimResponse?request=Claim/123',
      request('ClaimResponse', { clauses: [{ param: P.crRequest, values: [{ value: 'Claim/123' }] }] }),
    ],
    [
      'decisions for a plain claim id (request has one target type)',
      'ClaimResponse?request=123',
      request('ClaimResponse', { clauses: [{ param: P.crRequest, values: [{ value: 'Claim/123' }] }] }),
    ],
    ['claims by two ids', 'Claim?_id=a,b', request('Claim', { ids: ['a', 'b'] })],
    [
      'claims uploaded in a month (two AND-ed _lastUpdated)',
      'Claim?_lastUpdated=ge2024-01-01&_lastUpdated=lt2024-02-01',
      request('Claim', {
        lastUpdated: [
          { prefix: 'ge', value: '2024-01-01' },
          { prefix: 'lt', value: '2024-02-01' },
        ],
      }),
    ],
    [
      'claims by identifier',
      'Claim?identifier=1130701A0001',
      request('Claim', {
        clauses: [{ param: P.claimIdentifier, values: [{ value: '1130701A0001', code: '1130701A0001' }] }],
      }),
    ],
    [
      'claims by patient',
      'Claim?patient=Patient/p1',
      request('Claim', { clauses: [{ param: P.claimPatient, values: [{ value: 'Patient/p1' }] }] }),
    ],
    [
      'patients by a Chinese name',
      'Patient?name=王',
      request('Patient', { clauses: [{ param: P.patientName, values: [{ value: '王' }] }] }),
    ],
    [
      'patients by national ID',
      `Patient?identifier=${NATIONAL_ID}`,
      request('Patient', {
        clauses: [
          {
            param: P.patientIdentifier,
            values: [{ value: NATIONAL_ID, system: 'http://www.moi.gov.tw', code: 'A123456789' }],
          },
        ],
      }),
    ],
    [
      'organizations by hospital code',
      `Organization?identifier=${HOSPITAL}`,
      request('Organization', {
        clauses: [
          {
            param: P.organizationIdentifier,
            values: [
              {
                value: HOSPITAL,
                system: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/organization-identifier-tw',
                code: '0101090517',
              },
            ],
          },
        ],
      }),
    ],
  ];
  it.each(cases)('parses %s', (_name, url, expected) => {
    expect(parse(url)).toStrictEqual(expected);
  });
});

describe('parseSearch reads result parameters', () => {
  const cases: Array<[string, string, SearchRequest, ParseSearchOptions?]> = [
    ['a bare search with the default page size', 'Claim', request('Claim')],
    ['_count within the limit', 'Claim?_count=50', request('Claim', { count: 50 })],
    ['_count above the limit, capped at 100', 'Claim?_count=1000', request('Claim', { count: 100 })],
    ['_count=0 as only a total', 'Claim?_count=0', request('Claim', { count: 0, total: 'accurate' })],
    [
      'a configured default page size',
      'Claim',
      request('Claim', { count: 10 }),
      { lenient: false, defaultCount: 10 },
    ],
    [
      'a default page size above a configured maximum, capped',
      'Claim?_count=7',
      request('Claim', { count: 5 }),
      { lenient: false, maxCount: 5 },
    ],
    [
      '_sort with a descending parameter and _id',
      'ClaimResponse?_sort=-created,_id',
      request('ClaimResponse', {
        sort: [
          { param: P.crCreated, descending: true },
          { param: '_id', descending: false },
        ],
      }),
    ],
    [
      '_sort by _lastUpdated descending and a token',
      'ClaimResponse?_sort=-_lastUpdated,outcome',
      request('ClaimResponse', {
        sort: [
          { param: '_lastUpdated', descending: true },
          { param: P.crOutcome, descending: false },
        ],
      }),
    ],
    ['_total=accurate', 'Claim?_total=accurate', request('Claim', { total: 'accurate' })],
    ['_total=estimate as accurate', 'Claim?_total=estimate', request('Claim', { total: 'accurate' })],
    ['_total=none', 'Claim?_total=none', request('Claim')],
    [
      '_summary=count as a zero-size page with a total',
      'Claim?_summary=count&_count=5',
      request('Claim', { count: 0, total: 'accurate' }),
    ],
    ['_summary=false as nothing', 'Claim?_summary=false', request('Claim')],
    ...(['true', 'text', 'data'] as const).map((summary): [string, string, SearchRequest] => [
      `_summary=${summary} as the subset of each match`,
      `Claim?_summary=${summary}`,
      request('Claim', { subset: { summary } }),
    ]),
    [
      '_elements as the subset of each match, with Type.element names',
      'Claim?_elements=status,Claim.patient&_summary=data',
      request('Claim', { subset: { summary: 'data', elements: ['status', 'Claim.patient'] } }),
    ],
    [
      '_summary=count with _elements as only a total',
      'Claim?_summary=count&_elements=status',
      request('Claim', { count: 0, total: 'accurate' }),
    ],
    [
      '_format and _pretty as nothing (left to the HTTP layer)',
      'Claim?_format=xml&_pretty=true',
      request('Claim'),
    ],
    [
      '_include with a target type',
      'ClaimResponse?_include=ClaimResponse:request:Claim&_include=ClaimResponse:requestor',
      request('ClaimResponse', {
        include: [
          { sourceType: 'ClaimResponse', param: P.crRequest, targetType: 'Claim', reverse: false },
          { sourceType: 'ClaimResponse', param: P.crRequestor, reverse: false },
        ],
      }),
    ],
    [
      '_revinclude of the decisions of claims',
      'Claim?_revinclude=ClaimResponse:request',
      request('Claim', { include: [{ sourceType: 'ClaimResponse', param: P.crRequest, reverse: true }] }),
    ],
    ['_cursor as the opaque cursor', `Claim?_cursor=${cursor40}`, request('Claim', { cursor: cursor40 })],
    ['_page as the opaque cursor', `Claim?_page=${cursor40}`, request('Claim', { cursor: cursor40 })],
    [
      'an unknown parameter under lenient handling, ignored',
      'ClaimResponse?utm_source=mail&created=2024',
      request('ClaimResponse', {
        clauses: [{ param: P.crCreated, values: [{ prefix: 'eq', value: '2024' }] }],
      }),
      { lenient: true },
    ],
    [
      'an unknown chained link under lenient handling, ignored',
      'ClaimResponse?request.foo=1',
      request('ClaimResponse'),
      { lenient: true },
    ],
  ];
  it.each(cases)('parses %s', (_name, url, expected, options) => {
    expect(parse(url, options)).toStrictEqual(expected);
  });

  it('reports each parameter it ignores under lenient handling', () => {
    const ignored: string[] = [];
    parse('ClaimResponse?foo=1&created=2024&bar:exact=2', {
      lenient: true,
      onIgnored: (name) => ignored.push(name),
    });
    expect(ignored).toStrictEqual(['foo', 'bar:exact']);
  });
});

describe('parseSearch reads values by parameter type and modifier', () => {
  const cases: Array<[string, string, SearchRequest]> = [
    [
      'comma-separated values as one OR clause',
      'Claim?status=active,cancelled',
      request('Claim', {
        clauses: [
          {
            param: P.claimStatus,
            values: [
              { value: 'active', code: 'active' },
              { value: 'cancelled', code: 'cancelled' },
            ],
          },
        ],
      }),
    ],
    [
      'a repeated parameter as AND-ed clauses',
      'Claim?status=active&status=draft',
      request('Claim', {
        clauses: [
          { param: P.claimStatus, values: [{ value: 'active', code: 'active' }] },
          { param: P.claimStatus, values: [{ value: 'draft', code: 'draft' }] },
        ],
      }),
    ],
    [
      'a token |code as a code without system',
      'Claim?status=|active',
      request('Claim', {
        clauses: [{ param: P.claimStatus, values: [{ value: '|active', system: null, code: 'active' }] }],
      }),
    ],
    [
      'a token system| as any code of the system',
      'Patient?identifier=http://www.moi.gov.tw|',
      request('Patient', {
        clauses: [
          {
            param: P.patientIdentifier,
            values: [{ value: 'http://www.moi.gov.tw|', system: 'http://www.moi.gov.tw' }],
          },
        ],
      }),
    ],
    [
      'a token that looks prefixed as a literal code (prefixes are for dates and numbers)',
      'ClaimResponse?adjudication-reason=ge2',
      request('ClaimResponse', {
        clauses: [{ param: P.crAdjudicationReason, values: [{ value: 'ge2', code: 'ge2' }] }],
      }),
    ],
    [
      'string :exact',
      'Patient?name:exact=%E7%8E%8B%E5%B0%8F%E6%98%8E',
      request('Patient', {
        clauses: [{ param: P.patientName, modifier: 'exact', values: [{ value: '王小明' }] }],
      }),
    ],
    [
      'string :contains',
      'Patient?name:contains=小',
      request('Patient', {
        clauses: [{ param: P.patientName, modifier: 'contains', values: [{ value: '小' }] }],
      }),
    ],
    [
      'token :not',
      'Claim?status:not=cancelled',
      request('Claim', {
        clauses: [
          { param: P.claimStatus, modifier: 'not', values: [{ value: 'cancelled', code: 'cancelled' }] },
        ],
      }),
    ],
    [
      'token :text as plain text with its pipe',
      'Patient?gender:text=fe|male',
      request('Patient', {
        clauses: [{ param: P.patientGender, modifier: 'text', values: [{ value: 'fe|male' }] }],
      }),
    ],
    [
      'identifier :of-type as type system, type code and value',
      'Patient?identifier:of-type=http://terminology.hl7.org/CodeSystem/v2-0203|MR|12345',
      request('Patient', {
        clauses: [
          {
            param: P.patientIdentifier,
            modifier: 'of-type',
            values: [{ value: '12345', system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }],
          },
        ],
      }),
    ],
    [
      ':missing=true',
      'Claim?patient:missing=true',
      request('Claim', {
        clauses: [{ param: P.claimPatient, modifier: 'missing', values: [{ value: 'true' }] }],
      }),
    ],
    [
      'reference :Type with a plain id',
      'Claim?enterer:Practitioner=d1',
      request('Claim', {
        clauses: [
          { param: P.claimEnterer, modifier: 'Practitioner', values: [{ value: 'Practitioner/d1' }] },
        ],
      }),
    ],
    [
      'reference :identifier as a token',
      `Claim?patient:identifier=${NATIONAL_ID}`,
      request('Claim', {
        clauses: [
          {
            param: P.claimPatient,
            modifier: 'identifier',
            values: [{ value: NATIONAL_ID, system: 'http://www.moi.gov.tw', code: 'A123456789' }],
          },
        ],
      }),
    ],
    [
      'an absolute reference URL as Type/id',
      'ClaimResponse?request=https://fhir.example.org/fhir/Claim/123',
      request('ClaimResponse', { clauses: [{ param: P.crRequest, values: [{ value: 'Claim/123' }] }] }),
    ],
    [
      'a chain through a multi-target reference that names its type',
      'Claim?enterer:Practitioner.name=陳',
      request('Claim', {
        clauses: [
          {
            param: P.claimEnterer,
            modifier: 'Practitioner',
            chain: [P.practitionerName],
            values: [{ value: '陳' }],
          },
        ],
      }),
    ],
    [
      'a chain through three references, the deepest allowed',
      'ClaimResponse?request.patient.organization.identifier=0101090517',
      request('ClaimResponse', {
        clauses: [
          {
            param: P.crRequest,
            chain: [P.claimPatient, P.patientOrganization, P.organizationIdentifier],
            values: [{ value: '0101090517', code: '0101090517' }],
          },
        ],
      }),
    ],
    [
      'a chain ending in _id',
      'ClaimResponse?request._id=123',
      request('ClaimResponse', {
        clauses: [
          { param: P.crRequest, chain: [pseudoParameter('Claim', '_id')], values: [{ value: '123' }] },
        ],
      }),
    ],
    [
      'dates of every precision, OR-ed',
      'ClaimResponse?created=2024,2024-03,2024-03-05,2024-03-05T10:00Z,2024-03-05T10:00:00.123%2B08:00',
      request('ClaimResponse', {
        clauses: [
          {
            param: P.crCreated,
            values: [
              { prefix: 'eq', value: '2024' },
              { prefix: 'eq', value: '2024-03' },
              { prefix: 'eq', value: '2024-03-05' },
              { prefix: 'eq', value: '2024-03-05T10:00Z' },
              { prefix: 'eq', value: '2024-03-05T10:00:00.123+08:00' },
            ],
          },
        ],
      }),
    ],
    [
      'a zone whose + arrived unencoded (decoded as a space)',
      'ClaimResponse?created=ge2024-03-05T10:00:00+08:00',
      request('ClaimResponse', {
        clauses: [{ param: P.crCreated, values: [{ prefix: 'ge', value: '2024-03-05T10:00:00+08:00' }] }],
      }),
    ],
    [
      'every date prefix',
      'Patient?birthdate=eq2000,ne2000,gt2000,lt2000,ge2000,le2000,sa2000,eb2000,ap2000',
      request('Patient', {
        clauses: [
          {
            param: P.patientBirthdate,
            values: (['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap'] as const).map((prefix) => ({
              prefix,
              value: '2000',
            })),
          },
        ],
      }),
    ],
    [
      'a number with a prefix',
      'RiskAssessment?probability=gt0.8',
      request('RiskAssessment', {
        clauses: [{ param: P.riskProbability, values: [{ prefix: 'gt', value: '0.8' }] }],
      }),
    ],
    [
      'a quantity with system and code',
      'Observation?value-quantity=le5.4|http://unitsofmeasure.org|mg',
      request('Observation', {
        clauses: [
          {
            param: P.observationValue,
            values: [{ prefix: 'le', value: '5.4', system: 'http://unitsofmeasure.org', code: 'mg' }],
          },
        ],
      }),
    ],
    [
      'a quantity with a code in any system',
      'Observation?value-quantity=5.4||mg',
      request('Observation', {
        clauses: [{ param: P.observationValue, values: [{ prefix: 'eq', value: '5.4', code: 'mg' }] }],
      }),
    ],
    [
      'escaped comma, dollar, pipe and backslash as data',
      'Patient?name=a\\,b\\$c\\|d\\\\e',
      request('Patient', { clauses: [{ param: P.patientName, values: [{ value: 'a,b$c|d\\e' }] }] }),
    ],
    [
      'an escaped pipe inside a token code',
      'Claim?identifier=urn:sys|co\\|de',
      request('Claim', {
        clauses: [
          {
            param: P.claimIdentifier,
            values: [{ value: 'urn:sys|co|de', system: 'urn:sys', code: 'co|de' }],
          },
        ],
      }),
    ],
    [
      'quotes, semicolons and SQL as data',
      `Patient?name=${encodeURIComponent(`O'Brien"; DROP TABLE fhir_resource;--`)}`,
      request('Patient', {
        clauses: [{ param: P.patientName, values: [{ value: `O'Brien"; DROP TABLE fhir_resource;--` }] }],
      }),
    ],
    [
      'a percent sign and LIKE wildcards as data',
      'Patient?name=100%25_off',
      request('Patient', { clauses: [{ param: P.patientName, values: [{ value: '100%_off' }] }] }),
    ],
    [
      'a pipe in a string as data',
      'Patient?name=a|b',
      request('Patient', { clauses: [{ param: P.patientName, values: [{ value: 'a|b' }] }] }),
    ],
    [
      'a value of exactly 512 characters',
      `Patient?name=${'x'.repeat(512)}`,
      request('Patient', { clauses: [{ param: P.patientName, values: [{ value: 'x'.repeat(512) }] }] }),
    ],
    [
      'a repeated _id: the first as ids, the next as an AND-ed clause',
      'Claim?_id=a,b&_id=b,c',
      request('Claim', {
        ids: ['a', 'b'],
        clauses: [{ param: pseudoParameter('Claim', '_id'), values: [{ value: 'b' }, { value: 'c' }] }],
      }),
    ],
    [
      'an OR of _lastUpdated values as a clause',
      'Claim?_lastUpdated=lt2020,gt2024',
      request('Claim', {
        clauses: [
          {
            param: pseudoParameter('Claim', '_lastUpdated'),
            values: [
              { prefix: 'lt', value: '2020' },
              { prefix: 'gt', value: '2024' },
            ],
          },
        ],
      }),
    ],
  ];
  it.each(cases)('parses %s', (_name, url, expected) => {
    expect(parse(url)).toStrictEqual(expected);
  });
});

describe('parseSearch refuses bad searches with 400 and the parameter as expression', () => {
  const lenient: ParseSearchOptions = { lenient: true };
  const cases: Array<[string, string, string, string, ParseSearchOptions?]> = [
    [
      'an unknown parameter',
      'ClaimResponse?foo=bar',
      'foo',
      'Unknown search parameter "foo" for ClaimResponse',
    ],
    [
      'an unknown link of a chain',
      'ClaimResponse?request.foo=1',
      'request.foo',
      'Unknown search parameter "request.foo"',
    ],
    ['a malformed parameter name', 'ClaimResponse?created::x=1', 'created::x', 'Unknown search parameter'],
    ['a month 13', 'ClaimResponse?created=2024-13-01', 'created', 'is not a FHIR date'],
    ['February 30', 'ClaimResponse?created=ge2024-02-30', 'created', 'is not a FHIR date'],
    [
      'a dateTime without a zone',
      'ClaimResponse?created=2024-01-01T10:00:00',
      'created',
      'is not a FHIR date',
    ],
    ['an unknown prefix on a date', 'ClaimResponse?created=zz2024-01-01', 'created', 'is not a FHIR date'],
    ['a date with slashes', 'ClaimResponse?created=2024/01/01', 'created', 'is not a FHIR date'],
    [
      'a bad date among OR-ed ones',
      'ClaimResponse?created=2024,yesterday',
      'created',
      '"yesterday" is not a FHIR date',
    ],
    ['a bad _lastUpdated', 'Claim?_lastUpdated=yesterday', '_lastUpdated', 'is not a FHIR date'],
    [
      'a bad date at the end of a chain',
      'ClaimResponse?request._lastUpdated=ge2024-99',
      'request._lastUpdated',
      'is not a FHIR date',
    ],
    ['a bad number', 'RiskAssessment?probability=gt0.8x', 'probability', 'is not a number'],
    [
      'a quantity with two parts',
      'Observation?value-quantity=5|mg',
      'value-quantity',
      'is not number, number|system|code',
    ],
    [
      'an unknown modifier',
      'Patient?name:fuzzy=x',
      'name:fuzzy',
      'the modifier ":fuzzy" is not supported on the string parameter name',
    ],
    [
      'an unknown modifier even under lenient handling',
      'Patient?name:fuzzy=x',
      'name:fuzzy',
      'is not supported',
      lenient,
    ],
    [
      'a modifier a date does not take',
      'ClaimResponse?created:exact=2024',
      'created:exact',
      'the modifier ":exact" is not supported',
    ],
    [
      ':of-type on a token that is no identifier',
      'Claim?status:of-type=a|b|c',
      'status:of-type',
      'is not supported',
    ],
    [
      'a type modifier that is not a target',
      'Claim?enterer:Patient=1',
      'enterer:Patient',
      'refers to Practitioner or PractitionerRole, not Patient',
    ],
    [
      '_has',
      'Claim?_has:ClaimResponse:request:outcome=complete',
      '_has:ClaimResponse:request:outcome',
      '"_has" (reverse chaining) is not supported',
    ],
    [
      '_has even under lenient handling',
      'Claim?_has:ClaimResponse:request:outcome=complete',
      '_has:ClaimResponse:request:outcome',
      'not supported',
      lenient,
    ],
    [
      'a chain through a date',
      'ClaimResponse?created.identifier=x',
      'created.identifier',
      'cannot chain through created, a date parameter',
    ],
    [
      'a chain through a token',
      'ClaimResponse?request.identifier.value=x',
      'request.identifier.value',
      'cannot chain through identifier, a token parameter',
    ],
    [
      'a chain through a reference with several targets',
      'Claim?enterer.name=x',
      'enterer.name',
      'enterer may refer to Practitioner, PractitionerRole; name the type to chain through, e.g. enterer:Practitioner.name',
    ],
    [
      'a chain through a reference of unknown targets',
      'Claim?insurer.name=x',
      'insurer.name',
      'insurer may refer to any type',
    ],
    [
      'a chain through a type that is not a target',
      'Claim?enterer:Patient.name=x',
      'enterer:Patient.name',
      'refers to Practitioner or PractitionerRole, not Patient',
    ],
    [
      'a chained link with a non-type modifier',
      'ClaimResponse?request:missing.identifier=x',
      'request:missing.identifier',
      'only a resource type modifier',
    ],
    [
      'a modifier on the last link of a chain',
      'ClaimResponse?request.patient.name:exact=x',
      'request.patient.name:exact',
      'modifiers on the last link of a chain are not supported',
    ],
    [
      'a chain through four references',
      'ClaimResponse?request.patient.organization.partof.name=x',
      'request.patient.organization.partof.name',
      'at most 3',
    ],
    ['a negative _count', 'Claim?_count=-1', '_count', '"-1" is not a non-negative integer'],
    ['a fractional _count', 'Claim?_count=1.5', '_count', 'is not a non-negative integer'],
    ['a repeated _count', 'Claim?_count=1&_count=2', '_count', 'may appear only once'],
    ['_sort by an unknown parameter', 'Claim?_sort=foo', '_sort', '"foo" is not a search parameter of Claim'],
    ['_sort by a reference', 'Claim?_sort=patient', '_sort', 'cannot sort by patient, a reference parameter'],
    ['_sort with an empty key', 'Claim?_sort=created,,_id', '_sort', 'has an empty sort key'],
    [
      '_sort by a chain',
      'ClaimResponse?_sort=request.created',
      '_sort',
      'is not a search parameter of ClaimResponse',
    ],
    [
      '_include of an unknown parameter',
      'ClaimResponse?_include=ClaimResponse:foo',
      '_include',
      'foo is not a search parameter of ClaimResponse',
    ],
    ['_include of everything', 'ClaimResponse?_include=*', '_include', 'wildcards ("*") are not supported'],
    [
      '_include of every parameter of a type',
      'ClaimResponse?_include=ClaimResponse:*',
      '_include',
      'wildcards ("*") are not supported',
    ],
    [
      '_include from another type',
      'ClaimResponse?_include=Claim:patient',
      '_include',
      'starts from Claim, but the search is on ClaimResponse',
    ],
    [
      '_include of a non-reference',
      'ClaimResponse?_include=ClaimResponse:created',
      '_include',
      'is a date parameter, not a reference',
    ],
    [
      '_include of a target it cannot have',
      'ClaimResponse?_include=ClaimResponse:request:Patient',
      '_include',
      'refers to Claim, not Patient',
    ],
    [
      '_include:iterate',
      'ClaimResponse?_include:iterate=Claim:patient',
      '_include:iterate',
      '_include takes no modifier or chain',
    ],
    [
      '_revinclude of a parameter that cannot point here',
      'Claim?_revinclude=ClaimResponse:requestor',
      '_revinclude',
      'cannot refer to Claim',
    ],
    ['an unknown _total', 'Claim?_total=maybe', '_total', 'is not none, estimate or accurate'],
    ['an unknown _summary', 'Claim?_summary=banana', '_summary', 'is not true, text, data, count or false'],
    ['a repeated _elements', 'Claim?_elements=status&_elements=use', '_elements', 'may appear only once'],
    [
      'an _elements that is not an element name',
      'Claim?_elements=item.sequence',
      '_elements',
      'is not an element name',
    ],
    [
      'a cursor that is not base64url',
      'Claim?_cursor=not+a+cursor',
      '_cursor',
      'is not a paging cursor issued by this server',
    ],
    [
      'a cursor of another shape',
      `Claim?_page=${Buffer.from('{"x":1}').toString('base64url')}`,
      '_page',
      'is not a paging cursor',
    ],
    [
      'both _cursor and _page',
      `Claim?_cursor=${cursor40}&_page=${cursor40}`,
      '_page',
      'may appear only once',
    ],
    [
      'a reference to a type it cannot have',
      'ClaimResponse?request=Patient/1',
      'request',
      'request refers to Claim, not Patient',
    ],
    [
      'a plain id for a multi-target reference',
      'Claim?enterer=123',
      'enterer',
      'the plain id "123" is ambiguous',
    ],
    [
      'a versioned reference',
      'ClaimResponse?request=Claim/1/_history/2',
      'request',
      'is not a reference of the form Type/id',
    ],
    [
      'a urn reference',
      'ClaimResponse?request=urn:uuid:8c5b1b1e-5d0a-4a4b-9a4e-2f4b3c2d1e0f',
      'request',
      'http(s) URL ending in Type/id',
    ],
    [
      'a reference with a bad id',
      'ClaimResponse?request=Claim/a%20b',
      'request',
      'does not end in a resource id',
    ],
    ['a token with two pipes', 'Claim?identifier=a|b|c', 'identifier', 'has more than one "|"'],
    ['a token of a lone pipe', 'Claim?identifier=|', 'identifier', '"|" needs a system, a code or both'],
    [
      ':of-type with two parts',
      'Patient?identifier:of-type=MR|12345',
      'identifier:of-type',
      ':of-type needs "type-system|type-code|identifier-value"',
    ],
    [
      ':missing with a non-boolean',
      'Claim?patient:missing=maybe',
      'patient:missing',
      ':missing takes true or false',
    ],
    ['a value of 513 characters', `Patient?name=${'x'.repeat(513)}`, 'name', 'is longer than 512 characters'],
    ['a NUL in a value', 'Patient?name=a%00b', 'name', 'contains the control character U+0000'],
    ['a newline in a value', 'Patient?name=a%0Ab', 'name', 'contains the control character U+000A'],
    [
      'a control character in a name, even under lenient handling',
      'Patient?na%7Fme=x',
      'na\u007fme',
      'U+007F',
      lenient,
    ],
    ['an empty value', 'Patient?name=', 'name', 'has an empty value'],
    ['an empty value among OR-ed ones', 'Claim?status=a,,b', 'status', 'has an empty value'],
    ['an empty _id', 'Claim?_id=', '_id', 'has an empty value'],
    [
      'a backslash that escapes nothing',
      'Patient?name=a\\qb',
      'name',
      'has a backslash that does not escape',
    ],
    ['an _id with a slash', 'Claim?_id=Claim/1', '_id', 'is not a resource id'],
    ['an _id with a modifier', 'Claim?_id:not=1', '_id:not', '_id takes no modifier or chain'],
  ];
  it.each(cases)('refuses %s', (_name, url, expression, message, options) => {
    const error = errorOf(url, options);
    expect(error.status).toBe(400);
    expect(error.expression).toBe(expression);
    expect(error.message).toContain(message);
  });

  it('names the parameter in an unknown-parameter message exactly', () => {
    expect(errorOf('ClaimResponse?foo=bar').message).toBe('Unknown search parameter "foo" for ClaimResponse');
  });
});
