import type { Claim, ClaimResponse, Parameters, ParametersParameter } from '@openpas/fhir';
import {
  enqueueNotifications,
  isVisible,
  readResource,
  StoreError,
  updateResource,
} from '@openpas/fhir-store';
import { currentStatus, decide, type ItemDecision, startReview, WorkflowError } from '@openpas/workflow';
import { recordAudit } from '../audit.ts';
import { authorize } from '../auth/authorize.ts';
import { asResource, readJsonBody } from '../http/body.ts';
import { badRequest, FhirHttpError, forbidden, notFound } from '../http/errors.ts';
import { sendFhir, versionHeaders } from '../http/respond.ts';
import type { Interaction } from './context.ts';

// POST ClaimResponse/[id]/$decide: a payer reviewer records the decision on every item of a case.
// Body: Parameters with one `item` per Claim item, parts `sequence` (integer), `reason` (code 1–5),
// `comment` (string), `approvedQuantity` (decimal, for 1 and 3) and `detail` (parts sequence, reason
// 0–7, comment). A case still in 已受理 is moved to 審查中 first. One transaction; every step audited.

function part(parameter: ParametersParameter, name: string): ParametersParameter | undefined {
  return parameter.part?.find((candidate) => candidate.name === name);
}

export function itemDecisions(parameters: Parameters): ItemDecision[] {
  const items = (parameters.parameter ?? []).filter((parameter) => parameter.name === 'item');
  if (items.length === 0)
    throw badRequest('the decision needs at least one "item" parameter', 'Parameters.parameter');
  return items.map((item, index) => {
    const sequence = part(item, 'sequence')?.valueInteger;
    const reason = part(item, 'reason')?.valueCode;
    if (sequence === undefined || reason === undefined) {
      throw badRequest(
        'each item needs "sequence" (valueInteger) and "reason" (valueCode)',
        `Parameters.parameter[${index}]`,
      );
    }
    const comment = part(item, 'comment')?.valueString;
    const quantity = part(item, 'approvedQuantity')?.valueDecimal;
    const details = (item.part ?? [])
      .filter((candidate) => candidate.name === 'detail')
      .map((detail) => ({
        sequence: part(detail, 'sequence')?.valueInteger ?? 0,
        reason: Number(part(detail, 'reason')?.valueCode) as never,
        ...(part(detail, 'comment')?.valueString ? { comment: part(detail, 'comment')?.valueString } : {}),
      }));
    return {
      sequence,
      reason: Number(reason) as ItemDecision['reason'],
      ...(comment ? { comment } : {}),
      ...(quantity !== undefined ? { approvedQuantity: quantity } : {}),
      ...(details.length ? { details } : {}),
    } as ItemDecision;
  });
}

export async function decideCase(interaction: Interaction): Promise<void> {
  const { access, env, req } = interaction;
  const id = interaction.id ?? '';
  const { visibility } = authorize(access, { resourceType: 'ClaimResponse', interaction: 'update' });
  if (!access.userId || !access.userRoles.includes('reviewer') || access.userOrganization?.kind !== 'payer') {
    throw forbidden('only a payer reviewer decides prior-authorization cases');
  }
  const items = itemDecisions(
    asResource(await readJsonBody(req, env.FHIR_MAX_BODY_BYTES), 'Parameters') as unknown as Parameters,
  );
  const reviewer = { id: access.userId };
  const now = new Date();
  const stored = await interaction.sql.transaction(async (tx) => {
    await tx.execute('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`case:${id}`]);
    const current = await readResource(tx, 'ClaimResponse', id);
    if (!current || current.deleted || !isVisible(current, visibility)) throw notFound(`ClaimResponse/${id}`);
    const claimRef = (current.resource as ClaimResponse).request?.reference ?? '';
    const claim = await readResource(tx, 'Claim', claimRef.replace(/^Claim\//, ''));
    if (!claim) throw new FhirHttpError(409, 'conflict', `the case's Claim (${claimRef}) is missing`);
    try {
      let response = current.resource as ClaimResponse;
      const steps = [];
      if (currentStatus(response) === '已受理') {
        const review = startReview(response, now, reviewer);
        response = review.claimResponse;
        steps.push(review.audit);
      }
      const decision = decide(response, claim.resource as Claim, { reviewer, items, at: now });
      steps.push(decision.audit);
      const next = await updateResource(
        tx,
        { ...decision.claimResponse, id },
        { expectedVersion: current.versionId },
      );
      if (current.ownerOrganization) await enqueueNotifications(tx, next.resource, current.ownerOrganization);
      for (const step of steps) {
        await recordAudit(tx, {
          action: 'U',
          subtype: `workflow-${step.action}`,
          outcome: 0,
          access,
          requestId: interaction.requestId,
          resourceType: 'ClaimResponse',
          resourceId: id,
          detail: { from: step.from, to: step.to, at: step.at, actor: step.actor.kind },
        });
      }
      return next;
    } catch (error) {
      if (error instanceof WorkflowError) {
        const conflict = error.code === 'not-under-review' || error.code === 'illegal-transition';
        throw new FhirHttpError(conflict ? 409 : 422, conflict ? 'conflict' : 'business-rule', error.en);
      }
      if (error instanceof StoreError) throw new FhirHttpError(error.status, 'conflict', error.message);
      throw error;
    }
  });
  sendFhir(interaction.res, 200, stored.resource, versionHeaders(stored));
}
