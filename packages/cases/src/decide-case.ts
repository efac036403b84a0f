import type { FastSql } from '@openpas/db';
import type { Claim, ClaimResponse } from '@openpas/fhir-model';
import {
  type AuditWriter,
  admits,
  type Caller,
  isPayerReviewer,
  permit,
  type StoredResource,
} from '@openpas/fhir-store';
import {
  enqueueNotifications,
  readResource,
  recordAudits,
  updateResource,
} from '@openpas/fhir-store/workflow';
import {
  currentStatus,
  decide,
  decisionsFromResponse,
  type ItemDecision,
  REVIEW_FINISHED,
  startReview,
  type TransitionResult,
  UNDER_REVIEW,
  WorkflowError,
} from '@openpas/workflow';
import { CaseError } from './errors.ts';

// The payer's decision on a case, two ways in and one set of checks: POST ClaimResponse/[id]/$decide with
// the item decisions, or a PUT of the ClaimResponse by the payer, read as the transition it asks for.
// Only a payer reviewer, only a case the token reaches (granular filters included), one transaction with
// the case locked; a case still 已受理 is moved to 審查中 first; every step audited; the hospital's
// Subscriptions hear of it.

export interface DecisionDeps {
  sql: FastSql;
  audit: AuditWriter;
}

export interface DecisionRequest {
  /** The ClaimResponse's id */
  id: string;
  /** If-Match */
  expectedVersion?: number;
}

type Move = (response: ClaimResponse, claim: Claim, at: Date, reviewer: { id: string }) => TransitionResult[];

/** POST ClaimResponse/[id]/$decide */
export function decideCase(
  deps: DecisionDeps,
  caller: Caller,
  requestId: string,
  request: DecisionRequest & { items: readonly ItemDecision[] },
  now = new Date(),
): Promise<StoredResource> {
  return changeCase(
    deps,
    caller,
    requestId,
    request,
    (response, claim, at, reviewer) => reviewSteps(response, claim, at, reviewer, request.items),
    now,
  );
}

/**
 * PUT ClaimResponse/[id] by the payer: accepted only as a legal workflow transition — to 審查中 (start the
 * review) or 審畢結果 (a decision, its items read from the body and checked as $decide checks them).
 */
export function updateCaseResponse(
  deps: DecisionDeps,
  caller: Caller,
  requestId: string,
  request: DecisionRequest & { proposed: ClaimResponse },
): Promise<StoredResource> {
  const target = request.proposed.disposition;
  return changeCase(deps, caller, requestId, request, (response, claim, at, reviewer) => {
    const from = currentStatus(response);
    if (target === UNDER_REVIEW) return [startReview(response, at, reviewer)];
    if (target === REVIEW_FINISHED)
      return reviewSteps(response, claim, at, reviewer, decisionsFromResponse(request.proposed));
    throw new CaseError(
      'business-rule',
      `a ClaimResponse changes only by a workflow transition: the payer moves a case to ${UNDER_REVIEW} or decides it (${REVIEW_FINISHED}); "${target ?? ''}" from ${from} is not such a move`,
      { expression: 'ClaimResponse.disposition' },
    );
  });
}

function reviewSteps(
  response: ClaimResponse,
  claim: Claim,
  at: Date,
  reviewer: { id: string },
  items: readonly ItemDecision[],
): TransitionResult[] {
  const steps: TransitionResult[] = [];
  let current = response;
  if (currentStatus(current) === '已受理') {
    const review = startReview(current, at, reviewer);
    steps.push(review);
    current = review.claimResponse;
  }
  steps.push(decide(current, claim, { reviewer, items, at }));
  return steps;
}

async function changeCase(
  deps: DecisionDeps,
  caller: Caller,
  requestId: string,
  request: DecisionRequest,
  move: Move,
  at = new Date(),
): Promise<StoredResource> {
  const { id } = request;
  const refused = (outcomeDesc: string) =>
    deps.audit.record({
      action: 'U',
      subtype: 'decide',
      outcome: 4,
      outcomeDesc,
      caller,
      requestId,
      resourceType: 'ClaimResponse',
      resourceId: id,
    });
  let p: ReturnType<typeof permit>;
  try {
    p = permit(caller, { resourceType: 'ClaimResponse', interaction: 'update' });
  } catch (error) {
    await refused('refused by scope');
    throw error;
  }
  if (!isPayerReviewer(caller) || !caller.userId) {
    await refused('not a payer reviewer');
    throw new CaseError('forbidden', 'only a payer reviewer decides prior-authorization cases');
  }
  const reviewer = { id: caller.userId };
  return deps.sql.transaction(async (tx) => {
    await tx.execute('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`case:${id}`]);
    const current = await readResource(tx, 'ClaimResponse', id);
    if (!current || !admits(p, current)) throw new CaseError('not-found', `ClaimResponse/${id} is not known`);
    if (request.expectedVersion !== undefined && request.expectedVersion !== current.versionId)
      throw new CaseError(
        'precondition-failed',
        `ClaimResponse/${id} is at version ${current.versionId}, not ${request.expectedVersion} (If-Match)`,
        {
          expression: 'If-Match',
        },
      );
    const claimRef = (current.resource as ClaimResponse).request?.reference ?? '';
    const claim = await readResource(tx, 'Claim', claimRef.replace(/^Claim\//, ''));
    if (!claim) throw new CaseError('conflict', `the case's Claim (${claimRef}) is missing`);
    let steps: TransitionResult[];
    try {
      steps = move(current.resource as ClaimResponse, claim.resource as Claim, at, reviewer);
    } catch (error) {
      if (error instanceof WorkflowError) {
        const conflict = error.code === 'not-under-review' || error.code === 'illegal-transition';
        throw new CaseError(conflict ? 'conflict' : 'business-rule', error.en);
      }
      throw error;
    }
    const last = steps[steps.length - 1];
    if (!last) throw new Error('a case change has at least one step');
    const next = await updateResource(
      tx,
      { ...last.claimResponse, id },
      { expectedVersion: current.versionId },
    );
    if (current.ownerOrganization) await enqueueNotifications(tx, next.resource, current.ownerOrganization);
    await recordAudits(
      tx,
      steps.map(({ audit: step }) => ({
        action: 'U' as const,
        subtype: `workflow-${step.action}`,
        outcome: 0 as const,
        caller,
        requestId,
        resourceType: 'ClaimResponse',
        resourceId: id,
        detail: { from: step.from, to: step.to, at: step.at, actor: step.actor.kind },
      })),
    );
    return next;
  });
}
