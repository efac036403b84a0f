import type { Claim, ClaimResponse } from '@openpas/fhir-model';
import type { Actor } from '../src/actor.ts';
import { decide, type Reviewer, startReview } from '../src/decide.ts';
import type { Status } from '../src/states.ts';
import { receive, transition } from '../src/transitions.ts';

export const SYSTEM: Actor = { kind: 'system', id: 'intake' };
export const HOSPITAL: Actor = { kind: 'hospital', id: 'client-0101090517' };
export const REVIEWER: Reviewer = { id: 'reviewer-7', nationalId: 'F123456789' };
export const REVIEWER_ACTOR: Actor = { kind: 'reviewer', id: 'reviewer-7' };

export const REFS = {
  patient: 'urn:uuid:00000000-0000-4000-8000-000000000001',
  insurer: 'urn:uuid:00000000-0000-4000-8000-000000000002',
  requestor: 'urn:uuid:00000000-0000-4000-8000-000000000003',
  request: 'urn:uuid:00000000-0000-4000-8000-000000000004',
};

/** 2026-10-05 09:00 Taiwan time, plus `minutes`. */
export function t(minutes = 0): Date {
  return new Date(Date.UTC(2026, 9, 5, 1, minutes));
}

/** A minimal Claim with items of the given requested quantities. */
export function claimWithItems(quantities: number[]): Claim {
  return {
    resourceType: 'Claim',
    status: 'active',
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'institutional' }] },
    use: 'preauthorization',
    patient: { reference: REFS.patient },
    created: '2026-10-05',
    provider: { reference: REFS.requestor },
    priority: { coding: [{ code: '1' }] },
    insurance: [{ sequence: 1, focal: true, coverage: { reference: 'Coverage/c' } }],
    item: quantities.map((value, i) => ({
      sequence: i + 1,
      productOrService: { coding: [{ code: '1' }] },
      quantity: { value, system: 'http://unitsofmeasure.org', code: '{tbl}' },
    })),
  };
}

/** A ClaimResponse brought to `status` through legal moves, one minute apart. */
export function caseIn(status: Status, claim: Claim = claimWithItems([10])): ClaimResponse {
  let minute = 0;
  let response = receive(REFS, t(minute), SYSTEM).claimResponse;
  const step = (to: Status, actor: Actor = SYSTEM) => {
    minute += 1;
    response = transition(response, to, t(minute), actor).claimResponse;
  };
  if (status === '待處理') return response;
  if (status.startsWith('處理中')) {
    step(status);
    return response;
  }
  step('處理中');
  if (status !== '已受理' && status !== '審查中' && status !== '審畢結果') {
    step(status);
    return response;
  }
  step('已受理');
  if (status === '已受理') return response;
  minute += 1;
  response = startReview(response, t(minute), REVIEWER).claimResponse;
  if (status === '審查中') return response;
  minute += 1;
  return decide(response, claim, {
    reviewer: REVIEWER,
    at: t(minute),
    items: (claim.item ?? []).map((i) => ({ sequence: i.sequence, reason: 1 })),
  }).claimResponse;
}

export function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}
