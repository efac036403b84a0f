import { describe, expect, it } from 'vitest';
import { decide, type ItemDecision, startReview } from '../src/decide.ts';
import { readHistory } from '../src/history.ts';
import { caseIn, claimWithItems, errorCode, REVIEWER, t } from './helpers.ts';

const CLAIM = claimWithItems([52, 70]);
const APPROVE_BOTH: ItemDecision[] = [
  { sequence: 1, reason: 1 },
  { sequence: 2, reason: 1 },
];

function decideOn(items: readonly ItemDecision[]) {
  return decide(caseIn('審查中', CLAIM), CLAIM, { reviewer: REVIEWER, at: t(100), items });
}

describe('starting a review', () => {
  it('moves an accepted case to 審查中 with the reviewer as actor', () => {
    const { claimResponse, audit } = startReview(caseIn('已受理'), t(100), REVIEWER);
    expect(claimResponse.disposition).toBe('審查中');
    expect(claimResponse.outcome).toBe('partial');
    expect(audit).toEqual({
      action: 'start-review',
      from: '已受理',
      to: '審查中',
      at: '2026-10-05T10:40:00+08:00',
      actor: { kind: 'reviewer', id: 'reviewer-7' },
    });
  });
});

describe('a reviewer decision', () => {
  it.each([
    [1, undefined, 52, '同意', undefined],
    [3, 30, 30, '部份同意', '依體重調整劑量'],
    [2, undefined, 0, '不予同意', '不符給付規定'],
    [4, undefined, 0, '補件', '請補影像報告'],
    [5, undefined, 0, '退件', '申請資料錯誤'],
  ] as const)(
    'records reason %i with quantity %s as value %i (%s)',
    (reason, approvedQuantity, value, display, comment) => {
      const { claimResponse } = decideOn([
        {
          sequence: 1,
          reason,
          ...(approvedQuantity ? { approvedQuantity } : {}),
          ...(comment ? { comment } : {}),
        },
        { sequence: 2, reason: 1 },
      ]);
      expect(claimResponse.item?.[0]).toEqual({
        itemSequence: 1,
        adjudication: [
          {
            category: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'submitted' }],
            },
            reason: {
              coding: [
                {
                  system: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-approve-comment',
                  code: String(reason),
                  display,
                },
              ],
              ...(comment ? { text: comment } : {}),
            },
            value,
          },
        ],
      });
      expect(claimResponse.disposition).toBe('審畢結果');
      expect(claimResponse.outcome).toBe('complete');
      expect(claimResponse.created).toBe('2026-10-05T10:40:00+08:00');
    },
  );

  it('ends the review round even when documents are needed (reason 4)', () => {
    const { claimResponse } = decideOn([
      { sequence: 1, reason: 4, comment: '請補基因檢測報告' },
      { sequence: 2, reason: 4, comment: '請補基因檢測報告' },
    ]);
    expect([claimResponse.disposition, claimResponse.outcome]).toEqual(['審畢結果', 'complete']);
  });

  it('records per-order details with their comments', () => {
    const { claimResponse } = decideOn([
      {
        sequence: 1,
        reason: 3,
        approvedQuantity: 26,
        comment: '核半量',
        details: [
          { sequence: 1, reason: 1 },
          { sequence: 2, reason: 7, comment: '改核 26 錠' },
        ],
      },
      { sequence: 2, reason: 1 },
    ]);
    expect(claimResponse.item?.[0]?.detail).toEqual([
      {
        detailSequence: 1,
        adjudication: [
          {
            category: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'submitted' }],
            },
            reason: {
              coding: [
                {
                  system: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-approve-comment',
                  code: '1',
                  display: '同意',
                },
              ],
            },
          },
        ],
      },
      {
        detailSequence: 2,
        adjudication: [
          {
            category: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'submitted' }],
            },
            reason: {
              coding: [
                {
                  system: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-approve-comment',
                  code: '7',
                  display: '改核:如審查核定意見',
                },
              ],
              text: '改核 26 錠',
            },
          },
        ],
      },
    ]);
  });

  it('names the reviewer in the TWPAS reviewer extension and in the history', () => {
    const { claimResponse, audit } = decideOn(APPROVE_BOTH);
    expect(claimResponse.extension).toContainEqual({
      url: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/extension-claimResponse-requestor',
      valueIdentifier: { system: 'http://www.moi.gov.tw', value: 'F123456789' },
    });
    expect(audit).toEqual({
      action: 'decide',
      from: '審查中',
      to: '審畢結果',
      at: '2026-10-05T10:40:00+08:00',
      actor: { kind: 'reviewer', id: 'reviewer-7' },
      reason: '核定 1:1 2:1',
    });
    expect(readHistory(claimResponse).at(-1)).toEqual(audit);
  });

  it('uses the OpenPAS reviewer id when the national ID is not known', () => {
    const { claimResponse } = decide(caseIn('審查中', CLAIM), CLAIM, {
      reviewer: { id: 'u-9' },
      at: t(100),
      items: APPROVE_BOTH,
    });
    expect(claimResponse.extension).toContainEqual({
      url: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/extension-claimResponse-requestor',
      valueIdentifier: { system: 'https://openpas.dev/fhir/sid/reviewer', value: 'u-9' },
    });
  });

  it.each([
    ['已受理', 'not-under-review'],
    ['處理中', 'not-under-review'],
    ['審畢結果', 'not-under-review'],
  ] as const)('refuses to decide a case in %s (%s)', (status, code) => {
    expect(
      errorCode(() =>
        decide(caseIn(status, CLAIM), CLAIM, { reviewer: REVIEWER, at: t(100), items: APPROVE_BOTH }),
      ),
    ).toBe(code);
  });

  it.each([
    ['an item left undecided', [{ sequence: 1, reason: 1 }], 'item-not-decided'],
    ['an unknown item', [...APPROVE_BOTH, { sequence: 3, reason: 1 }], 'unknown-item'],
    ['an item decided twice', [...APPROVE_BOTH, { sequence: 2, reason: 1 }], 'duplicate-item'],
    [
      'reason 6 on an item',
      [
        { sequence: 1, reason: 6 },
        { sequence: 2, reason: 1 },
      ],
      'invalid-reason',
    ],
    [
      'a denial without comment',
      [
        { sequence: 1, reason: 2 },
        { sequence: 2, reason: 1 },
      ],
      'comment-required',
    ],
    [
      'a blank comment',
      [
        { sequence: 1, reason: 5, comment: '  ' },
        { sequence: 2, reason: 1 },
      ],
      'comment-required',
    ],
    [
      'a quantity on a denial',
      [
        { sequence: 1, reason: 2, comment: 'x', approvedQuantity: 1 },
        { sequence: 2, reason: 1 },
      ],
      'quantity-not-allowed',
    ],
    [
      'a quantity on documents needed',
      [
        { sequence: 1, reason: 4, comment: 'x', approvedQuantity: 1 },
        { sequence: 2, reason: 1 },
      ],
      'quantity-not-allowed',
    ],
    [
      'a partial approval without quantity',
      [
        { sequence: 1, reason: 3, comment: 'x' },
        { sequence: 2, reason: 1 },
      ],
      'quantity-required',
    ],
    [
      'a partial approval of everything',
      [
        { sequence: 1, reason: 3, comment: 'x', approvedQuantity: 52 },
        { sequence: 2, reason: 1 },
      ],
      'quantity-out-of-range',
    ],
    [
      'an approval of less than requested',
      [
        { sequence: 1, reason: 1, approvedQuantity: 50 },
        { sequence: 2, reason: 1 },
      ],
      'quantity-out-of-range',
    ],
    [
      'a zero quantity',
      [
        { sequence: 1, reason: 3, comment: 'x', approvedQuantity: 0 },
        { sequence: 2, reason: 1 },
      ],
      'quantity-out-of-range',
    ],
    [
      'detail reason 8',
      [
        { sequence: 1, reason: 1, details: [{ sequence: 1, reason: 8 }] },
        { sequence: 2, reason: 1 },
      ],
      'invalid-detail-reason',
    ],
    [
      'detail reason 0 (under review)',
      [
        { sequence: 1, reason: 1, details: [{ sequence: 1, reason: 0 }] },
        { sequence: 2, reason: 1 },
      ],
      'detail-under-review',
    ],
    [
      'a detail decided twice',
      [
        {
          sequence: 1,
          reason: 1,
          details: [
            { sequence: 1, reason: 1 },
            { sequence: 1, reason: 2 },
          ],
        },
        { sequence: 2, reason: 1 },
      ],
      'duplicate-detail',
    ],
    [
      'detail sequence 0',
      [
        { sequence: 1, reason: 1, details: [{ sequence: 0, reason: 1 }] },
        { sequence: 2, reason: 1 },
      ],
      'unknown-detail',
    ],
  ])('refuses %s with %s', (_what, items, code) => {
    expect(errorCode(() => decideOn(items as ItemDecision[]))).toBe(code);
  });

  it('refuses a detail sequence the Claim item does not list', () => {
    const claim = claimWithItems([10]);
    const item = claim.item?.[0];
    if (item) item.detail = [{ sequence: 1, productOrService: { coding: [{ code: '1' }] } }];
    const run = () =>
      decide(caseIn('審查中', claim), claim, {
        reviewer: REVIEWER,
        at: t(100),
        items: [{ sequence: 1, reason: 1, details: [{ sequence: 2, reason: 1 }] }],
      });
    expect(errorCode(run)).toBe('unknown-detail');
  });
});
