/**
 * Facts the payer's queue sorts and filters by, kept on the case's ClaimResponse so that one search
 * answers it (the index sees one resource at a time, and the drug lives in the Bundle's MedicationRequests):
 *
 * - `review-due`: when the decision is due — the acceptance (已受理) plus the review period. The NHI's
 *   review rules give the insurer two weeks from accepting a prior-review application to decide it
 *   (全民健康保險醫療費用申報與核付及醫療服務審查辦法), so the clock starts again when a resubmission
 *   is accepted.
 * - `requested-medication`: the drugs the Claim's items ask for (each item's MedicationRequest), set at
 *   intake and at every resubmission, for the queue's drug filter and column.
 * - `preAuthRef`: the acceptance number (受理編號) of the case's current Claim — the payer's reference
 *   for the prior authorization, which is what FHIR's element means — so that a page of the queue need
 *   not carry each case's Claim to show its number.
 */
import type {
  Bundle,
  Claim,
  ClaimResponse,
  CodeableConcept,
  Extension,
  MedicationRequest,
} from '@openpas/fhir-model/browser';
import { acceptanceNumberOf } from './acceptance.ts';
import { claimEntry, indexBundle } from './bundle-index.ts';
import { fhirDateTime, fhirTime } from './time.ts';

export const REVIEW_DUE_EXTENSION = 'https://openpas.dev/fhir/StructureDefinition/review-due';
export const REQUESTED_MEDICATION_EXTENSION =
  'https://openpas.dev/fhir/StructureDefinition/requested-medication';
const REQUESTED_SERVICE_EXTENSION =
  'https://nhicore.nhi.gov.tw/pas/StructureDefinition/extension-requestedService';

/** Calendar days the payer has to decide an accepted case. */
export const REVIEW_PERIOD_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

function replacing(response: ClaimResponse, url: string, added: Extension[]): ClaimResponse {
  return {
    ...response,
    extension: [...(response.extension ?? []).filter((e) => e.url !== url), ...added],
  };
}

/** The case with its decision due {@link REVIEW_PERIOD_DAYS} days after `acceptedAt` (a FHIR dateTime). */
export function withReviewDue(response: ClaimResponse, acceptedAt: string): ClaimResponse {
  const due = fhirDateTime(new Date(fhirTime(acceptedAt) + REVIEW_PERIOD_DAYS * DAY_MS));
  return replacing(response, REVIEW_DUE_EXTENSION, [{ url: REVIEW_DUE_EXTENSION, valueDateTime: due }]);
}

/** When the decision is due, or undefined for a case never accepted. */
export function reviewDueOf(response: ClaimResponse): string | undefined {
  return response.extension?.find((e) => e.url === REVIEW_DUE_EXTENSION)?.valueDateTime;
}

/** The drugs the Bundle's Claim asks for, in item order, without repeats. */
export function requestedMedications(bundle: Bundle): CodeableConcept[] {
  const index = indexBundle(bundle);
  const seen = new Set<string>();
  const drugs: CodeableConcept[] = [];
  for (const item of claimEntry(bundle).resource.item ?? []) {
    const reference = item.extension?.find((e) => e.url === REQUESTED_SERVICE_EXTENSION)?.valueReference
      ?.reference;
    const request = index.resolve(reference);
    if (request?.resourceType !== 'MedicationRequest') continue;
    const drug = (request as MedicationRequest).medicationCodeableConcept;
    const key = JSON.stringify(drug?.coding?.map((c) => [c.system, c.code]) ?? drug?.text);
    if (!drug || seen.has(key)) continue;
    seen.add(key);
    drugs.push(structuredClone(drug));
  }
  return drugs;
}

/** The case naming the drugs its current Claim asks for. */
export function withRequestedMedications(response: ClaimResponse, bundle: Bundle): ClaimResponse {
  return replacing(
    response,
    REQUESTED_MEDICATION_EXTENSION,
    requestedMedications(bundle).map((drug) => ({
      url: REQUESTED_MEDICATION_EXTENSION,
      valueCodeableConcept: drug,
    })),
  );
}

/** The drugs recorded on the case. */
export function requestedMedicationsOf(response: ClaimResponse): CodeableConcept[] {
  return (response.extension ?? [])
    .filter((e) => e.url === REQUESTED_MEDICATION_EXTENSION && e.valueCodeableConcept)
    .map((e) => e.valueCodeableConcept as CodeableConcept);
}

/** The case answering with the acceptance number of `claim` (its current Claim) as `preAuthRef`. */
export function withAcceptanceReference(response: ClaimResponse, claim: Claim): ClaimResponse {
  const number = acceptanceNumberOf(claim);
  if (!number) return response;
  return { ...response, preAuthRef: number };
}
