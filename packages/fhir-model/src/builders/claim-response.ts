import { TWPAS_EXTENSIONS, TWPAS_PROFILES } from '../twpas/canonical.ts';
import { CODE_SYSTEMS, TWPAS_CODE_SYSTEMS } from '../twpas/code-systems.ts';
import {
  ADJUDICATION_REASONS,
  type AdjudicationReasonCode,
  DETAIL_ADJUDICATION_REASONS,
  type DetailAdjudicationReasonCode,
  DISPOSITIONS,
  type DispositionCode,
} from '../twpas/codes.ts';
import { IDENTIFIER_SYSTEMS } from '../twpas/identifier-systems.ts';
import type {
  ClaimResponse,
  ClaimResponseItem,
  ClaimResponseItemAdjudication,
  CodeableConcept,
} from '../types.ts';
import { concept, type FhirDate, profileMeta, reference } from './common.ts';

export interface ClaimResponseRefs {
  patient: string;
  /** The NHIA organisation. */
  insurer: string;
  /** The hospital organisation. */
  requestor: string;
  /** The Claim decided on. */
  request: string;
}

export interface ItemDecisionInput {
  /** Claim.item.sequence */
  itemSequence: number;
  reason: AdjudicationReasonCode;
  /** The reviewer's comment (reason.text). */
  comment?: string;
  /** Approved quantity. */
  approvedQuantity: number;
  /** Per order (Claim.item.detail), when the review decides orders one by one. */
  details?: { detailSequence: number; reason: DetailAdjudicationReasonCode }[];
}

export interface ClaimResponseInput {
  disposition: DispositionCode;
  /** Date of the last status change. */
  created: FhirDate;
  items?: ItemDecisionInput[];
}

function submitted(): CodeableConcept {
  return concept(CODE_SYSTEMS.adjudication, 'submitted');
}

function reasonConcept(code: string, display: string, comment?: string): CodeableConcept {
  const reason = concept(TWPAS_CODE_SYSTEMS.approveComment, code, display);
  if (comment) reason.text = comment;
  return reason;
}

function itemDecision(item: ItemDecisionInput): ClaimResponseItem {
  const adjudication: ClaimResponseItemAdjudication = {
    category: submitted(),
    reason: reasonConcept(item.reason, ADJUDICATION_REASONS[item.reason].zh, item.comment),
    value: item.approvedQuantity,
  };
  const result: ClaimResponseItem = { itemSequence: item.itemSequence, adjudication: [adjudication] };
  if (item.details?.length) {
    result.detail = item.details.map((d) => ({
      detailSequence: d.detailSequence,
      adjudication: [
        { category: submitted(), reason: reasonConcept(d.reason, DETAIL_ADJUDICATION_REASONS[d.reason].zh) },
      ],
    }));
  }
  return result;
}

/**
 * ClaimResponse-twpas: the payer's view of a case — its status (disposition, in Chinese) with the
 * matching outcome, and per item the decision once there is one.
 */
export function buildClaimResponse(input: ClaimResponseInput, refs: ClaimResponseRefs): ClaimResponse {
  const response: ClaimResponse = {
    resourceType: 'ClaimResponse',
    meta: profileMeta(TWPAS_PROFILES.claimResponse),
    status: 'active',
    type: concept(CODE_SYSTEMS.claimType, 'institutional'),
    use: 'preauthorization',
    patient: reference(refs.patient),
    created: input.created,
    insurer: reference(refs.insurer),
    requestor: reference(refs.requestor),
    request: reference(refs.request),
    outcome: DISPOSITIONS[input.disposition].outcome,
    disposition: input.disposition,
  };
  if (input.items?.length) response.item = input.items.map(itemDecision);
  return response;
}

/** A freshly received case: 待處理, outcome queued, no decisions yet. */
export function buildQueuedClaimResponse(created: FhirDate, refs: ClaimResponseRefs): ClaimResponse {
  return buildClaimResponse({ disposition: '待處理', created }, refs);
}

export interface SelfAssessmentResponseInput {
  reviewerNationalIds: string[];
  created: FhirDate;
  items: { itemSequence: number; reason: AdjudicationReasonCode; approvedQuantity: number }[];
}

/**
 * ClaimResponse-self-assessment-twpas: the hospital's own review that a 自主審查 (priority 3) case
 * carries inside its request Bundle.
 */
export function buildSelfAssessmentClaimResponse(
  input: SelfAssessmentResponseInput,
  refs: { patient: string; insurer: string },
): ClaimResponse {
  if (input.reviewerNationalIds.length === 0)
    throw new Error('a self-assessment names at least one reviewer');
  return {
    resourceType: 'ClaimResponse',
    meta: profileMeta(TWPAS_PROFILES.claimResponseSelfAssessment),
    extension: input.reviewerNationalIds.map((id) => ({
      url: TWPAS_EXTENSIONS.claimResponseRequestor,
      valueIdentifier: { system: IDENTIFIER_SYSTEMS.nationalId, value: id },
    })),
    status: 'active',
    type: concept(CODE_SYSTEMS.claimType, 'institutional'),
    use: 'preauthorization',
    patient: reference(refs.patient),
    created: input.created,
    insurer: reference(refs.insurer),
    outcome: 'complete',
    item: input.items.map((item) => ({
      itemSequence: item.itemSequence,
      adjudication: [
        {
          category: submitted(),
          reason: reasonConcept(item.reason, ADJUDICATION_REASONS[item.reason].zh),
          value: item.approvedQuantity,
        },
      ],
    })),
  };
}
