import {
  ADJUDICATION_REASONS,
  APPLY_TYPES,
  type Claim,
  type ClaimResponse,
} from '@openpas/fhir-model/browser';
import { isStatus, REVIEW_FINISHED, readHistory, statusLabel as workflowLabel } from '@openpas/workflow';

type Label = { zh: string; en: string };

export interface TimelineEntry {
  action: string;
  to: string;
  label: Label;
  at: string;
  actorKind: string;
  /** Who made the change (a reviewer's account id, a client id …) */
  actorId?: string;
  reason?: string;
}

export interface ItemDecision {
  sequence: number;
  /** The MedicationRequest the item asks for (`MedicationRequest/id`), whose drug the page reads */
  requestedService?: string;
  requested: string;
  /** 核定註記 1–5, absent while undecided */
  reason?: string;
  label?: Label;
  /** The approved quantity */
  approved?: number;
  /** The reviewer's comment */
  comment?: string;
}

export interface CaseView {
  id: string;
  acceptanceNumber?: string;
  applyType?: Label & { code: string };
  status: string;
  statusLabel: Label;
  outcome: string;
  /** When the request was made (Claim.created) */
  created?: string;
  updated?: string;
  timeline: TimelineEntry[];
  items: ItemDecision[];
  /** Whether the review round is over (審畢結果): the decision stands and the case can be followed up (subType 2–5) */
  decided: boolean;
}

function statusLabel(status: string): Label {
  return isStatus(status) ? workflowLabel(status) : { zh: status, en: status };
}

/** The status changes of a case, oldest first (the workflow's own timeline, labelled). */
export function timelineOf(response: ClaimResponse): TimelineEntry[] {
  return readHistory(response).map((change) => ({
    action: change.action,
    to: change.to,
    label: workflowLabel(change.to),
    at: change.at,
    actorKind: change.actor.kind,
    ...(change.actor.id ? { actorId: change.actor.id } : {}),
    ...(change.reason ? { reason: change.reason } : {}),
  }));
}

/** The case as the hospital's case page shows it: its number, status, timeline and each item's decision. */
export function caseViewOf(response: ClaimResponse & { id?: string }, claim?: Claim): CaseView {
  const status = response.disposition ?? '';
  const subType = claim?.subType?.coding?.[0]?.code as keyof typeof APPLY_TYPES | undefined;
  const items = (claim?.item ?? []).map((item): ItemDecision => {
    const decided = response.item?.find((i) => i.itemSequence === item.sequence)?.adjudication?.[0];
    const reason = decided?.reason?.coding?.[0]?.code as keyof typeof ADJUDICATION_REASONS | undefined;
    const quantity = item.quantity;
    const requestedService = item.extension?.find((e) => e.url.endsWith('extension-requestedService'))
      ?.valueReference?.reference;
    return {
      sequence: item.sequence,
      ...(requestedService ? { requestedService } : {}),
      requested: quantity ? `${quantity.value ?? ''} ${quantity.unit ?? quantity.code ?? ''}`.trim() : '',
      ...(reason ? { reason, label: ADJUDICATION_REASONS[reason] } : {}),
      ...(decided?.value !== undefined ? { approved: decided.value } : {}),
      ...(decided?.reason?.text ? { comment: decided.reason.text } : {}),
    };
  });
  const acceptanceNumber = claim?.identifier?.find((i) => i.use === 'official')?.value;
  return {
    id: response.id ?? '',
    ...(acceptanceNumber ? { acceptanceNumber } : {}),
    ...(subType && APPLY_TYPES[subType] ? { applyType: { code: subType, ...APPLY_TYPES[subType] } } : {}),
    status,
    statusLabel: statusLabel(status),
    outcome: response.outcome ?? '',
    ...(claim?.created ? { created: claim.created } : {}),
    ...(response.meta?.lastUpdated ? { updated: response.meta.lastUpdated } : {}),
    timeline: timelineOf(response),
    items,
    // 已受理 and 審查中 are `partial` (accepted, not yet decided): only 審畢結果 ends the review round.
    decided: status === REVIEW_FINISHED,
  };
}
