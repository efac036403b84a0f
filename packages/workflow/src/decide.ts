/**
 * The reviewer's decision ($decide). Only a case 審查中 can be decided (start the review first with
 * `startReview`: 已受理 → 審查中). Semantics:
 *
 * - Every Claim item is decided exactly once; unknown and repeated item sequences are refused.
 * - reason 1 同意: `value` = the requested quantity; an approvedQuantity, if given, must equal it.
 * - reason 3 部份同意: approvedQuantity required, more than 0 and less than the requested quantity.
 * - reasons 2 不予同意, 4 補件, 5 退件: no approvedQuantity; `value` = 0 (the profile needs a value).
 * - A comment (reason.text) is required for 2, 3, 4 and 5, optional for 1.
 * - details (per order): unique sequences, reasons 0–7 except 0 (審核中: a decision ends the review);
 *   when the Claim item lists details, the sequences must be among them.
 * - Reason 4 (documents needed) does NOT keep the case open: the review round ends (審畢結果 /
 *   complete) with reason 4 on the item, which the hospital finds with `adjudication-reason=4`; its
 *   送核補件 (subType 2) citing this acceptance number reopens the case (see resubmission.ts).
 *
 * The reviewer is recorded in the TWPAS reviewer extension (extension-claimResponse-requestor,
 * 審查委員身分證號): their national ID when given, else their OpenPAS user id under
 * https://openpas.dev/fhir/sid/reviewer; and as the actor of the history entry and audit record.
 */
import {
  ADJUDICATION_REASONS,
  type AdjudicationReasonCode,
  type Claim,
  type ClaimItem,
  type ClaimResponse,
  type ClaimResponseItem,
  type ClaimResponseItemAdjudication,
  CODE_SYSTEMS,
  type CodeableConcept,
  DETAIL_ADJUDICATION_REASONS,
  type DetailAdjudicationReasonCode,
  IDENTIFIER_SYSTEMS,
  TWPAS_CODE_SYSTEMS,
  TWPAS_EXTENSIONS,
} from '@openpas/fhir-model/browser';
import type { Actor } from './actor.ts';
import { fail } from './errors.ts';
import { REVIEW_FINISHED, UNDER_REVIEW } from './states.ts';
import { applyTransition, currentStatus, type TransitionResult, transition } from './transitions.ts';

export const REVIEWER_ID_SYSTEM = 'https://openpas.dev/fhir/sid/reviewer';

export type ItemReason = 1 | 2 | 3 | 4 | 5;
export type DetailReason = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface DetailDecision {
  readonly sequence: number;
  readonly reason: DetailReason;
  readonly comment?: string;
}

export interface ItemDecision {
  /** Claim.item.sequence */
  readonly sequence: number;
  readonly reason: ItemReason;
  readonly comment?: string;
  readonly approvedQuantity?: number;
  readonly details?: readonly DetailDecision[];
}

export interface Reviewer {
  /** OpenPAS user id (the token's subject). */
  readonly id: string;
  /** 身分證號, for the TWPAS reviewer extension. */
  readonly nationalId?: string;
}

export interface DecisionInput {
  readonly reviewer: Reviewer;
  readonly items: readonly ItemDecision[];
  readonly at: Date;
}

function reviewerActor(reviewer: Reviewer): Actor {
  return { kind: 'reviewer', id: reviewer.id };
}

/** 已受理 → 審查中. */
export function startReview(current: ClaimResponse, at: Date, reviewer: Reviewer): TransitionResult {
  return transition(current, UNDER_REVIEW, at, reviewerActor(reviewer));
}

function reasonConcept(code: string, display: string, comment: string | undefined): CodeableConcept {
  const concept: CodeableConcept = {
    coding: [{ system: TWPAS_CODE_SYSTEMS.approveComment, code, display }],
  };
  if (comment) concept.text = comment;
  return concept;
}

function submitted(): CodeableConcept {
  return { coding: [{ system: CODE_SYSTEMS.adjudication, code: 'submitted' }] };
}

function approvedValue(decision: ItemDecision, item: ClaimItem): number {
  const requested = item.quantity?.value;
  const given = decision.approvedQuantity;
  const where = `item ${decision.sequence}`;
  if (decision.reason === 2 || decision.reason === 4 || decision.reason === 5) {
    if (given !== undefined) {
      fail(
        'quantity-not-allowed',
        `第 ${decision.sequence} 項核定為「${ADJUDICATION_REASONS[String(decision.reason) as AdjudicationReasonCode].zh}」，不應有核定數量`,
        `${where}: an approved quantity goes only with reason 1 or 3`,
      );
    }
    return 0;
  }
  if (given !== undefined && !(Number.isFinite(given) && given > 0)) {
    fail(
      'quantity-out-of-range',
      `第 ${decision.sequence} 項核定數量須大於 0`,
      `${where}: the approved quantity must be above 0`,
    );
  }
  if (decision.reason === 1) {
    const value = given ?? requested;
    if (value === undefined) {
      fail(
        'quantity-required',
        `第 ${decision.sequence} 項須填核定數量`,
        `${where}: the approved quantity is needed`,
      );
    }
    if (requested !== undefined && value !== requested) {
      fail(
        'quantity-out-of-range',
        `第 ${decision.sequence} 項「同意」的核定數量應等於申請數量 ${requested}；較少請用「部份同意」`,
        `${where}: approval is for the requested ${requested}; use reason 3 (partly) for less`,
      );
    }
    return value;
  }
  if (given === undefined) {
    fail(
      'quantity-required',
      `第 ${decision.sequence} 項「部份同意」須填核定數量`,
      `${where}: reason 3 (partly) needs the approved quantity`,
    );
  }
  if (requested !== undefined && given >= requested) {
    fail(
      'quantity-out-of-range',
      `第 ${decision.sequence} 項「部份同意」的核定數量應少於申請數量 ${requested}`,
      `${where}: a partial approval must be less than the requested ${requested}`,
    );
  }
  return given;
}

function detailDecisions(decision: ItemDecision, item: ClaimItem): ClaimResponseItem['detail'] {
  const details = decision.details ?? [];
  if (details.length === 0) return undefined;
  const claimDetails = item.detail?.map((d) => d.sequence);
  const seen = new Set<number>();
  return details.map((d) => {
    const code = String(d.reason) as DetailAdjudicationReasonCode;
    if (!Object.hasOwn(DETAIL_ADJUDICATION_REASONS, code)) {
      fail(
        'invalid-detail-reason',
        `醫令核定註記「${d.reason}」不在 0–7`,
        `detail reason ${d.reason} is not 0–7`,
      );
    }
    if (d.reason === 0) {
      fail(
        'detail-under-review',
        `第 ${decision.sequence} 項醫令 ${d.sequence} 不能以「審核中」結案`,
        `item ${decision.sequence} detail ${d.sequence}: 0 (under review) cannot end a review`,
      );
    }
    if (seen.has(d.sequence)) {
      fail(
        'duplicate-detail',
        `第 ${decision.sequence} 項醫令 ${d.sequence} 重複`,
        `item ${decision.sequence} detail ${d.sequence} is decided twice`,
      );
    }
    seen.add(d.sequence);
    if (
      !Number.isInteger(d.sequence) ||
      d.sequence < 1 ||
      (claimDetails && !claimDetails.includes(d.sequence))
    ) {
      fail(
        'unknown-detail',
        `第 ${decision.sequence} 項沒有醫令 ${d.sequence}`,
        `item ${decision.sequence} has no detail ${d.sequence}`,
      );
    }
    return {
      detailSequence: d.sequence,
      adjudication: [
        {
          category: submitted(),
          reason: reasonConcept(code, DETAIL_ADJUDICATION_REASONS[code].zh, d.comment),
        },
      ],
    };
  });
}

function itemResponse(decision: ItemDecision, item: ClaimItem): ClaimResponseItem {
  const code = String(decision.reason) as AdjudicationReasonCode;
  if (!Object.hasOwn(ADJUDICATION_REASONS, code)) {
    fail('invalid-reason', `核定註記「${decision.reason}」不在 1–5`, `reason ${decision.reason} is not 1–5`);
  }
  const comment = decision.comment?.trim();
  if (decision.reason !== 1 && !comment) {
    fail(
      'comment-required',
      `第 ${decision.sequence} 項核定為「${ADJUDICATION_REASONS[code].zh}」，須填審查意見`,
      `item ${decision.sequence}: reason ${code} (${ADJUDICATION_REASONS[code].en}) needs the reviewer's comment`,
    );
  }
  const adjudication: ClaimResponseItemAdjudication = {
    category: submitted(),
    reason: reasonConcept(code, ADJUDICATION_REASONS[code].zh, comment),
    value: approvedValue(decision, item),
  };
  const response: ClaimResponseItem = { itemSequence: decision.sequence, adjudication: [adjudication] };
  const detail = detailDecisions(decision, item);
  if (detail) response.detail = detail;
  return response;
}

function checkCoverage(claim: Claim, items: readonly ItemDecision[]): void {
  const sequences = (claim.item ?? []).map((i) => i.sequence);
  const seen = new Set<number>();
  for (const d of items) {
    if (!sequences.includes(d.sequence)) {
      fail('unknown-item', `申請案件沒有第 ${d.sequence} 項`, `the Claim has no item ${d.sequence}`);
    }
    if (seen.has(d.sequence)) {
      fail('duplicate-item', `第 ${d.sequence} 項重複核定`, `item ${d.sequence} is decided twice`);
    }
    seen.add(d.sequence);
  }
  const missing = sequences.filter((s) => !seen.has(s));
  if (missing.length > 0) {
    fail('item-not-decided', `第 ${missing.join('、')} 項未核定`, `item ${missing.join(', ')} not decided`);
  }
}

/** Records the decision and moves the case 審查中 → 審畢結果 (complete). */
export function decide(current: ClaimResponse, claim: Claim, input: DecisionInput): TransitionResult {
  const status = currentStatus(current);
  if (status !== UNDER_REVIEW) {
    fail(
      'not-under-review',
      `案件為「${status}」，須先開始審查（審查中）才能核定`,
      `the case is ${status}; start the review (審查中) before deciding`,
    );
  }
  checkCoverage(claim, input.items);
  const items = [...input.items]
    .sort((a, b) => a.sequence - b.sequence)
    .map((d) => {
      const item = (claim.item ?? []).find((i) => i.sequence === d.sequence);
      if (!item)
        return fail('unknown-item', `申請案件沒有第 ${d.sequence} 項`, `the Claim has no item ${d.sequence}`);
      return itemResponse(d, item);
    });
  const reviewerIdentifier = input.reviewer.nationalId
    ? { system: IDENTIFIER_SYSTEMS.nationalId, value: input.reviewer.nationalId }
    : { system: REVIEWER_ID_SYSTEM, value: input.reviewer.id };
  const decided: ClaimResponse = {
    ...current,
    extension: [
      ...(current.extension ?? []).filter((e) => e.url !== TWPAS_EXTENSIONS.claimResponseRequestor),
      { url: TWPAS_EXTENSIONS.claimResponseRequestor, valueIdentifier: reviewerIdentifier },
    ],
    item: items,
  };
  const summary = items
    .map((i) => `${i.itemSequence}:${i.adjudication[0]?.reason?.coding?.[0]?.code ?? '?'}`)
    .join(' ');
  return applyTransition(
    decided,
    REVIEW_FINISHED,
    input.at,
    reviewerActor(input.reviewer),
    `核定 ${summary}`,
    {
      via: 'decision',
    },
  );
}
