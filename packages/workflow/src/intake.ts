/**
 * Intake of a request Bundle that passed validation: the Claim gets its acceptance number and file name,
 * a ClaimResponse is opened in 待處理, moved to 處理中, pre-checked, and moved to 已受理 (complete) or
 * 申請檔案未備齊 (incomplete, with the reasons).
 *
 * References in the ClaimResponse are those of the Bundle (`request` = the Claim entry's fullUrl,
 * `patient`/`requestor` = the Claim's own references, `insurer` = the Coverage's payor): rewrite them
 * with the same map that turns the Bundle's fullUrls into server ids.
 */
import {
  type Bundle,
  type Claim,
  type ClaimResponse,
  type ClaimResponseRefs,
  IDENTIFIER_SYSTEMS,
  NHIA,
} from '@openpas/fhir-model/browser';
import { acceptanceNumberOf, assignIdentifiers, hospitalCodeOf } from './acceptance.ts';
import { type Actor, INTAKE_ACTOR } from './actor.ts';
import { type BundleIndex, claimEntry, indexBundle } from './bundle-index.ts';
import { withAcceptanceReference, withRequestedMedications } from './case-facts.ts';
import { fail } from './errors.ts';
import type { StatusChange } from './history.ts';
import { withPrecheckReasons } from './notes.ts';
import type { Sequence } from './pending-sequence.ts';
import { type PrecheckReason, precheck } from './precheck.ts';
import { ACCEPTED, INCOMPLETE } from './states.ts';
import { receive, transition } from './transitions.ts';

export interface IntakeOptions {
  /** The uploaded file's name, when the Bundle came as a file. */
  readonly originalFileName?: string;
  readonly maxLabAgeDays?: number;
  /** Defaults to the platform's intake step. */
  readonly actor?: Actor;
}

export interface IntakeResult {
  /** The Claim with its acceptance number (official) and original file name (usual). */
  readonly claim: Claim;
  /** 已受理 / partial, or 申請檔案未備齊 / error with the reasons. */
  readonly claimResponse: ClaimResponse;
  readonly acceptanceNumber: string;
  /** Empty when the case is complete. */
  readonly precheck: PrecheckReason[];
  /** One record per status change, oldest first: store them with the resources. */
  readonly audit: StatusChange[];
}

function insurerOf(claim: Claim, index: BundleIndex): string {
  const coverage = index.resolve(claim.insurance?.[0]?.coverage.reference);
  const payor = coverage?.resourceType === 'Coverage' ? coverage.payor[0]?.reference : undefined;
  if (payor) return payor;
  const nhia = (index.bundle.entry ?? []).find(
    (e) =>
      e.resource?.resourceType === 'Organization' &&
      e.resource.identifier?.some(
        (i) => i.system === IDENTIFIER_SYSTEMS.governmentOrganization && i.value === NHIA.identifier,
      ),
  );
  if (nhia?.fullUrl) return nhia.fullUrl;
  return fail('insurer-missing', '申請檔中找不到保險人（健保署）', 'the Bundle names no insurer (the NHIA)');
}

/** ClaimResponse references taken from the request Bundle. */
export function responseRefs(bundle: Bundle): ClaimResponseRefs {
  const entry = claimEntry(bundle);
  const claim = entry.resource;
  const request = entry.fullUrl ?? (claim.id ? `Claim/${claim.id}` : undefined);
  if (!request) fail('claim-missing', 'Claim 沒有 fullUrl 或 id', 'the Claim has neither fullUrl nor id');
  return {
    patient: claim.patient.reference ?? '',
    insurer: insurerOf(claim, indexBundle(bundle)),
    requestor: claim.provider.reference ?? '',
    request,
  };
}

/** From 處理中: pre-check the Bundle and move to 已受理 or 申請檔案未備齊. */
export function settleAfterPrecheck(
  processing: ClaimResponse,
  bundle: Bundle,
  now: Date,
  actor: Actor,
  maxLabAgeDays?: number,
): { claimResponse: ClaimResponse; precheck: PrecheckReason[]; audit: StatusChange } {
  const reasons = precheck(bundle, { now, ...(maxLabAgeDays === undefined ? {} : { maxLabAgeDays }) });
  if (reasons.length === 0) {
    const accepted = transition(processing, ACCEPTED, now, actor, '智能預檢通過 pre-check passed');
    return { ...accepted, precheck: reasons };
  }
  const incomplete = transition(
    processing,
    INCOMPLETE,
    now,
    actor,
    `智能預檢：${reasons.map((r) => r.code).join(', ')}`,
  );
  return {
    claimResponse: withPrecheckReasons(incomplete.claimResponse, reasons),
    precheck: reasons,
    audit: incomplete.audit,
  };
}

export function intake(
  bundle: Bundle,
  now: Date,
  sequence: Sequence,
  options: IntakeOptions = {},
): IntakeResult {
  const actor = options.actor ?? INTAKE_ACTOR;
  const claim = assignIdentifiers(claimEntry(bundle).resource, {
    hospitalCode: hospitalCodeOf(bundle),
    at: now,
    sequence,
    ...(options.originalFileName ? { originalFileName: options.originalFileName } : {}),
  });
  const received = receive(responseRefs(bundle), now, actor);
  const processing = transition(received.claimResponse, '處理中', now, actor);
  const settled = settleAfterPrecheck(processing.claimResponse, bundle, now, actor, options.maxLabAgeDays);
  return {
    claim,
    claimResponse: withAcceptanceReference(withRequestedMedications(settled.claimResponse, bundle), claim),
    acceptanceNumber: acceptanceNumberOf(claim) ?? '',
    precheck: settled.precheck,
    audit: [received.audit, processing.audit, settled.audit],
  };
}
