import type { Bundle, Claim, ClaimResponse, Parameters } from '@openpas/fhir-model/browser';
import { type CaseView, caseViewOf, type Dossier, dossierOf } from '@openpas/pa-request';
import {
  PRECHECK_REASON_SYSTEM,
  REVIEW_FINISHED,
  readHistory,
  requestedMedicationsOf,
  reviewDueOf,
} from '@openpas/workflow';
import { z } from 'zod';
import { drugName, drugNames } from './drug-names.ts';
import { FhirCallFailed, type FhirGateway, fhirRead, outcomeMessages } from './fhir-gateway.ts';

// One case as the reviewer works on it: the case (status, timeline, items), the submission read as a
// dossier, the intake pre-check's findings, the SLA clock; and the decision, sent through $decide.

export interface ReviewCase {
  id: string;
  /** The version the page shows; a decision is sent If-Match this version */
  version: string;
  view: CaseView;
  dossier: Dossier | null;
  /** The intake pre-check's findings (智能預檢) */
  precheck: { code: string; zh: string; en: string }[];
  due: string | null;
  /** Who decided the current round and when (審畢結果), by the portal account's id */
  decidedBy: { id: string; at: string } | null;
}

function versionOf(etag: string | null, response: ClaimResponse): string {
  const tagged = etag?.match(/^W\/"(.+)"$/)?.[1];
  return tagged ?? response.meta?.versionId ?? '';
}

function precheckOf(response: ClaimResponse): ReviewCase['precheck'] {
  return (response.error ?? []).flatMap((error) =>
    (error.code.coding ?? [])
      .filter((coding) => coding.system === PRECHECK_REASON_SYSTEM)
      .map((coding) => ({
        code: coding.code ?? '',
        zh: coding.display ?? '',
        en: error.code.text ?? coding.display ?? '',
      })),
  );
}

function decidedByOf(response: ClaimResponse): ReviewCase['decidedBy'] {
  if (response.disposition !== REVIEW_FINISHED) return null;
  const decision = readHistory(response)
    .filter((change) => change.to === REVIEW_FINISHED)
    .at(-1);
  return decision ? { id: decision.actor.id, at: decision.at } : null;
}

/** The submission the case's current Claim came in (kept by the FHIR API under its acceptance number). */
async function submissionOf(fhir: FhirGateway, claim: Claim): Promise<Bundle | null> {
  const number = claim.identifier?.find((i) => i.use === 'official')?.value;
  if (!number) return null;
  const { body } = await fhirRead<Bundle>(fhir, `Bundle?identifier=${encodeURIComponent(number)}&_count=1`);
  return (body.entry?.[0]?.resource as Bundle | undefined) ?? null;
}

export async function loadCase(fhir: FhirGateway, id: string): Promise<ReviewCase | null> {
  const path = `ClaimResponse/${encodeURIComponent(id)}`;
  const answer = await fhir.request(path);
  if (answer.status === 404 || answer.status === 410) return null;
  if (answer.status !== 200) {
    throw new FhirCallFailed(answer.status, path, outcomeMessages(answer.body).join('; ') || 'no details');
  }
  return loadFrom(fhir, answer.body as ClaimResponse, answer.etag);
}

async function loadFrom(
  fhir: FhirGateway,
  response: ClaimResponse,
  etag: string | null,
): Promise<ReviewCase> {
  const claimRef = response.request?.reference;
  const claim = claimRef ? (await fhirRead<Claim>(fhir, claimRef)).body : undefined;
  const submission = claim ? await submissionOf(fhir, claim) : null;
  const drugs = requestedMedicationsOf(response);
  const names = await drugNames(fhir, drugs);
  const dossier = submission ? dossierOf(submission) : null;
  // Items whose drug came as a bare code get its name from the guide's code system.
  for (const item of dossier?.items ?? []) {
    const concept = drugs.find((drug) => drug.coding?.[0]?.code === item.drugCode);
    if (concept && item.drug === item.drugCode) item.drug = drugName(concept, names);
  }
  return {
    id: response.id ?? '',
    version: versionOf(etag, response),
    view: caseViewOf(response, claim),
    dossier,
    precheck: precheckOf(response),
    due: reviewDueOf(response) ?? null,
    decidedBy: decidedByOf(response),
  };
}

export const itemDecision = z
  .object({
    sequence: z.number().int().min(1),
    reason: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    comment: z.string().trim().max(2000).optional(),
    approvedQuantity: z.number().positive().optional(),
  })
  .refine((item) => item.reason === 1 || (item.comment ?? '') !== '', {
    message: 'a comment is required unless the item is approved',
    path: ['comment'],
  })
  .refine((item) => item.reason !== 3 || item.approvedQuantity !== undefined, {
    message: 'a partial approval needs the approved quantity',
    path: ['approvedQuantity'],
  });

export type ReviewItemDecision = z.infer<typeof itemDecision>;

/** The body of $decide. */
export function decisionParameters(items: readonly ReviewItemDecision[]): Parameters {
  return {
    resourceType: 'Parameters',
    parameter: items.map((item) => ({
      name: 'item',
      part: [
        { name: 'sequence', valueInteger: item.sequence },
        { name: 'reason', valueCode: String(item.reason) },
        ...(item.comment ? [{ name: 'comment', valueString: item.comment }] : []),
        ...(item.approvedQuantity !== undefined && item.reason === 3
          ? [{ name: 'approvedQuantity', valueDecimal: item.approvedQuantity }]
          : []),
      ],
    })),
  };
}

export type DecisionOutcome =
  | { ok: true }
  /** Someone decided it first */
  | { ok: false; reason: 'already-decided'; by: { id: string; at: string } | null }
  /** It changed since the page was loaded (not decided): load it again */
  | { ok: false; reason: 'changed' }
  /** The FHIR API refused the decision itself (the workflow's rules) */
  | { ok: false; reason: 'refused'; messages: string[] };

/** Sends the decision If-Match the version the reviewer saw; a refusal says why, in the reviewer's terms. */
export async function decideCase(
  fhir: FhirGateway,
  id: string,
  version: string,
  items: readonly ReviewItemDecision[],
): Promise<DecisionOutcome> {
  const path = `ClaimResponse/${encodeURIComponent(id)}/$decide`;
  const answer = await fhir.request(path, {
    method: 'POST',
    body: decisionParameters(items),
    ifMatch: `W/"${version}"`,
  });
  if (answer.status === 200) return { ok: true };
  if (answer.status === 409 || answer.status === 412 || answer.status === 422) {
    const current = (await fhirRead<ClaimResponse>(fhir, `ClaimResponse/${encodeURIComponent(id)}`)).body;
    if (current.disposition === REVIEW_FINISHED)
      return { ok: false, reason: 'already-decided', by: decidedByOf(current) };
    if (answer.status === 412 || answer.status === 409) return { ok: false, reason: 'changed' };
  }
  return { ok: false, reason: 'refused', messages: outcomeMessages(answer.body) };
}
