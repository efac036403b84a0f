import type { Claim, ClaimResponse } from '@openpas/fhir-model/browser';
import { historyExtension } from '@openpas/workflow';
import { describe, expect, it } from 'vitest';
import { caseViewOf } from './case-view.ts';

const claim = {
  resourceType: 'Claim',
  subType: { coding: [{ code: '3' }] },
  created: '2026-12-05',
  identifier: [{ use: 'official', value: '202612050101090517000001' }],
  item: [
    {
      sequence: 1,
      extension: [
        {
          url: 'https://nhicore.nhi.gov.tw/pas/StructureDefinition/extension-requestedService',
          valueReference: { reference: 'MedicationRequest/m1' },
        },
      ],
      quantity: { value: 6, code: '{vial}' },
    },
    { sequence: 2, quantity: { value: 4, code: '{vial}' } },
  ],
} as unknown as Claim;

function response(disposition: string, outcome: ClaimResponse['outcome']): ClaimResponse & { id: string } {
  return {
    resourceType: 'ClaimResponse',
    id: 'cr-1',
    disposition,
    outcome,
    extension: [
      historyExtension({
        action: 'receive',
        from: null,
        to: '待處理',
        at: '2026-12-05T10:00:00+08:00',
        actor: { kind: 'system', id: 'intake' },
      }),
      historyExtension({
        action: 'decide',
        from: '審查中',
        to: '審畢結果',
        at: '2026-12-05T11:00:00+08:00',
        actor: { kind: 'reviewer', id: 'r1' },
        reason: '核定 1:1',
      }),
    ],
    item: [
      {
        itemSequence: 1,
        adjudication: [
          {
            category: { coding: [{ code: 'submitted' }] },
            reason: { coding: [{ code: '3' }], text: '先核 4 瓶' },
            value: 4,
          },
        ],
      },
    ],
  } as unknown as ClaimResponse & { id: string };
}

describe('the case as the hospital sees it', () => {
  it('names the case, its type, each item and its decision, and the timeline in both languages', () => {
    const view = caseViewOf(response('審畢結果', 'complete'), claim);
    expect(view).toMatchObject({
      id: 'cr-1',
      acceptanceNumber: '202612050101090517000001',
      applyType: { code: '3', zh: '申復' },
      statusLabel: { zh: '審畢結果', en: 'Review finished' },
      decided: true,
    });
    expect(view.items).toEqual([
      {
        sequence: 1,
        requestedService: 'MedicationRequest/m1',
        requested: '6 {vial}',
        reason: '3',
        label: { zh: '部份同意', en: 'Partly approved' },
        approved: 4,
        comment: '先核 4 瓶',
      },
      { sequence: 2, requested: '4 {vial}' },
    ]);
    expect(view.timeline.map((entry) => [entry.label.en, entry.actorKind, entry.reason])).toEqual([
      ['Waiting', 'system', undefined],
      ['Review finished', 'reviewer', '核定 1:1'],
    ]);
  });

  it('is not decided while accepted or under review (outcome partial)', () => {
    expect(caseViewOf(response('審查中', 'partial'), claim).decided).toBe(false);
    expect(caseViewOf(response('已受理', 'partial'), claim).decided).toBe(false);
  });
});
