import type { ClaimResponse, ClaimResponseItemAdjudication } from '@openpas/fhir-model/browser';
import type { DetailDecision, DetailReason, ItemDecision, ItemReason } from './decide.ts';

function reasonOf(adjudication: readonly ClaimResponseItemAdjudication[] | undefined) {
  const reason = adjudication?.[0]?.reason;
  return { code: Number(reason?.coding?.[0]?.code), comment: reason?.text, value: adjudication?.[0]?.value };
}

/**
 * The item decisions a ClaimResponse states (reason code, the reviewer's comment, the approved quantity of
 * a partial approval, per-order details): what `decide` writes, read back, so that a payer's update of the
 * ClaimResponse can be checked exactly as a $decide with the same decisions is. Codes that are not
 * decisions come through as they are; `decide` refuses them.
 */
export function decisionsFromResponse(response: ClaimResponse): ItemDecision[] {
  return (response.item ?? []).map((item) => {
    const { code, comment, value } = reasonOf(item.adjudication);
    const details: DetailDecision[] = (item.detail ?? []).map((detail) => {
      const decided = reasonOf(detail.adjudication);
      return {
        sequence: detail.detailSequence,
        reason: decided.code as DetailReason,
        ...(decided.comment ? { comment: decided.comment } : {}),
      };
    });
    return {
      sequence: item.itemSequence,
      reason: code as ItemReason,
      ...(comment ? { comment } : {}),
      ...(code === 3 && value !== undefined ? { approvedQuantity: value } : {}),
      ...(details.length > 0 ? { details } : {}),
    };
  });
}
