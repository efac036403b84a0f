import type { Claim, ClaimResponse } from '@openpas/fhir-model';
import { describe, expect, it } from 'vitest';
import { decide, type ItemDecision } from './decide.ts';
import { decisionsFromResponse } from './decisions-from-response.ts';

const claim = {
  resourceType: 'Claim',
  item: [
    { sequence: 1, quantity: { value: 4 } },
    { sequence: 2, quantity: { value: 6 } },
    { sequence: 3, quantity: { value: 2 } },
  ],
} as unknown as Claim;

const underReview = {
  resourceType: 'ClaimResponse',
  disposition: '審查中',
  outcome: 'queued',
  created: '2026-11-23T10:00:00+08:00',
} as unknown as ClaimResponse;

describe('decisionsFromResponse', () => {
  it('reads back exactly the decisions that decide wrote', () => {
    const items: ItemDecision[] = [
      { sequence: 1, reason: 1 },
      { sequence: 2, reason: 3, approvedQuantity: 2, comment: '先核 2 次，評估後再議' },
      { sequence: 3, reason: 4, comment: '請補基因檢測報告' },
    ];
    const decided = decide(underReview, claim, {
      reviewer: { id: 'r1' },
      items,
      at: new Date('2026-11-24T02:00:00Z'),
    }).claimResponse;
    expect(decisionsFromResponse(decided)).toEqual(items);
  });

  it('keeps what is not a decision, for decide to refuse', () => {
    const proposed = {
      ...underReview,
      item: [{ itemSequence: 1, adjudication: [{ category: {}, reason: { coding: [{ code: '9' }] } }] }],
    } as unknown as ClaimResponse;
    expect(decisionsFromResponse(proposed)).toEqual([{ sequence: 1, reason: 9 }]);
  });
});
