import type { Bundle } from '@openpas/fhir-model/browser';
import { describe, expect, it } from 'vitest';
import { decisionParameters, itemDecision } from './case.ts';
import {
  hospitalReferencesOf,
  hospitalSearchPath,
  queueFilters,
  queuePageOf,
  queueSearchPath,
} from './queue.ts';

const DUE = 'https://openpas.dev/fhir/StructureDefinition/review-due';
const DRUG = 'https://openpas.dev/fhir/StructureDefinition/requested-medication';
const NHI_DRUGS = 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-medication';

describe('the queue’s FHIR search', () => {
  it('asks for open cases, the one due first first, with their hospitals (the number is on the case)', () => {
    const path = queueSearchPath(queueFilters.parse({}));
    const [type, query] = path.split('?');
    const params = new URLSearchParams(query);
    expect(type).toBe('ClaimResponse');
    expect(params.get('_sort')).toBe('review-due,_id');
    expect(params.get('disposition:exact')).toBe('已受理,審查中');
    expect(params.get('review-due:missing')).toBe('false');
    expect(params.getAll('_include')).toEqual(['ClaimResponse:requestor']);
  });

  it('turns each filter into its search parameter', () => {
    const params = new URLSearchParams(
      queueSearchPath(
        queueFilters.parse({
          hospital: '0131020016',
          drug: 'KC00958209',
          status: '審畢結果',
          dueBy: '2026-12-31',
          cursor: 'abc',
        }),
        ['Organization/h-b', 'Organization/h-b2'],
      ).split('?')[1],
    );
    expect(params.get('requestor')).toBe('Organization/h-b,Organization/h-b2');
    expect(params.has('requestor.identifier')).toBe(false);
    expect(params.get('medication')).toBe('KC00958209');
    expect(params.get('disposition:exact')).toBe('審畢結果');
    expect(params.get('review-due')).toBe('le2026-12-31');
    expect(params.get('_cursor')).toBe('abc');
    expect(params.has('_total')).toBe(false);
  });

  it('finds a hospital by its code first, and will not filter by a hospital it has not found', () => {
    expect(hospitalSearchPath('0131020016')).toBe('Organization?identifier=0131020016&_elements=identifier');
    const found: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [{ resource: { resourceType: 'Organization', id: 'h-b' } }],
    };
    expect(hospitalReferencesOf(found)).toEqual(['Organization/h-b']);
    expect(hospitalReferencesOf({ resourceType: 'Bundle', type: 'searchset' })).toEqual([]);
    expect(() => queueSearchPath(queueFilters.parse({ hospital: '0131020016' }))).toThrow(/Organizations/);
  });

  it.each([
    ['a hospital code with a chain', { hospital: '0101090517&_id=x' }],
    ['a drug code with a modifier', { drug: 'KC:exact' }],
    ['an unknown status', { status: 'approved' }],
    ['a date that is not one', { dueBy: '31/12/2026' }],
  ])('refuses %s', (_name, input) => {
    expect(queueFilters.safeParse(input).success).toBe(false);
  });
});

describe('a page of the queue', () => {
  const searchset: Bundle = {
    resourceType: 'Bundle',
    type: 'searchset',
    total: 41,
    link: [{ relation: 'next', url: 'http://fhir.example/ClaimResponse?_cursor=next-1&_count=20' }],
    entry: [
      {
        search: { mode: 'match' },
        resource: {
          resourceType: 'ClaimResponse',
          id: 'cr-1',
          status: 'active',
          type: { coding: [] },
          use: 'preauthorization',
          patient: { reference: 'Patient/p' },
          created: '2026-10-06T09:00:00+08:00',
          insurer: { reference: 'Organization/nhia' },
          outcome: 'partial',
          disposition: '審查中',
          preAuthRef: '202610060101090517000001',
          request: { reference: 'Claim/c-1' },
          requestor: { reference: 'Organization/h-a' },
          extension: [
            { url: DUE, valueDateTime: '2026-10-20T09:00:00+08:00' },
            { url: DRUG, valueCodeableConcept: { coding: [{ system: NHI_DRUGS, code: 'KC00958209' }] } },
          ],
        },
      },
      {
        search: { mode: 'include' },
        resource: {
          resourceType: 'Organization',
          id: 'h-a',
          name: '臺北市立聯合醫院',
          identifier: [{ value: '0101090517' }],
        },
      },
    ],
  };

  it('reads each case’s number, hospital, drugs (named where a name was looked up), status and due date', () => {
    const page = queuePageOf(searchset, new Map([[`${NHI_DRUGS}|KC00958209`, 'Herceptin']]));
    expect(page).toEqual({
      total: 41,
      nextCursor: 'next-1',
      rows: [
        {
          id: 'cr-1',
          acceptanceNumber: '202610060101090517000001',
          hospital: { name: '臺北市立聯合醫院', code: '0101090517' },
          drugs: [{ code: 'KC00958209', name: 'Herceptin' }],
          status: '審查中',
          statusLabel: { zh: '審查中', en: expect.any(String) },
          acceptedAt: null,
          due: '2026-10-20T09:00:00+08:00',
          decided: false,
          decidedAt: null,
        },
      ],
    });
    expect(queuePageOf(searchset).rows[0]?.drugs).toEqual([{ code: 'KC00958209', name: 'KC00958209' }]);
  });
});

describe('the decision sent to $decide', () => {
  it('carries each item’s reason, comment and, for a partial approval, the quantity', () => {
    expect(
      decisionParameters([
        { sequence: 1, reason: 1 },
        { sequence: 2, reason: 3, comment: '減量', approvedQuantity: 4 },
      ]),
    ).toEqual({
      resourceType: 'Parameters',
      parameter: [
        {
          name: 'item',
          part: [
            { name: 'sequence', valueInteger: 1 },
            { name: 'reason', valueCode: '1' },
          ],
        },
        {
          name: 'item',
          part: [
            { name: 'sequence', valueInteger: 2 },
            { name: 'reason', valueCode: '3' },
            { name: 'comment', valueString: '減量' },
            { name: 'approvedQuantity', valueDecimal: 4 },
          ],
        },
      ],
    });
  });

  it('needs a comment unless approved, and a quantity for a partial approval', () => {
    expect(itemDecision.safeParse({ sequence: 1, reason: 2 }).success).toBe(false);
    expect(itemDecision.safeParse({ sequence: 1, reason: 3, comment: 'x' }).success).toBe(false);
    expect(itemDecision.safeParse({ sequence: 1, reason: 4, comment: '請補件' }).success).toBe(true);
  });
});
