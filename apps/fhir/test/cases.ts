import { type SandboxCaseKey, sandboxRequestBundle } from '@openpas/fhir-model';
import { expect } from 'vitest';
import { call, type Platform } from './harness.ts';

// Submitting sandbox cases and building their amendments and appeals, as the hospital's tests do.

export interface StoredEntry {
  resource: {
    resourceType: string;
    id: string;
    identifier?: { use?: string; value: string }[];
    item?: unknown[];
    [key: string]: unknown;
  };
}

export interface SubmittedCase {
  bundleId: string;
  claim: StoredEntry['resource'];
  /** The case's ClaimResponse as the submission left it */
  response: { id: string; disposition: string; [key: string]: unknown };
  /** The Claim's official identifier */
  acceptanceNumber: string;
  entries: StoredEntry[];
}

/** POSTs a request Bundle as `token`'s hospital and expects 201; the stored case. */
export async function submitCase(platform: Platform, token: string, bundle: unknown): Promise<SubmittedCase> {
  const reply = await call(`${platform.base}/Bundle`, token, { method: 'POST', body: bundle });
  expect(reply.status, JSON.stringify(reply.body).slice(0, 400)).toBe(201);
  const entries = reply.body.entry as StoredEntry[];
  const claim = entries.find((entry) => entry.resource.resourceType === 'Claim')?.resource;
  if (!claim) throw new Error('the stored Bundle has no Claim');
  const found = await call(`${platform.base}/ClaimResponse?request=Claim/${claim.id}`, token);
  const response = (found.body.entry as { resource: SubmittedCase['response'] }[])[0]?.resource;
  if (!response) throw new Error('the case has no ClaimResponse');
  return {
    bundleId: String(reply.body.id),
    claim,
    response,
    acceptanceNumber: String(claim.identifier?.find((identifier) => identifier.use === 'official')?.value),
    entries,
  };
}

/** A sandbox case's Bundle resent as an amendment or appeal (subType 2–5) citing `acceptanceNumber`. */
export function resubmissionOf(key: SandboxCaseKey, acceptanceNumber: string, subType = '3') {
  const bundle = sandboxRequestBundle(key) as unknown as { entry: { resource: Record<string, unknown> }[] };
  const claim = bundle.entry.find((entry) => entry.resource.resourceType === 'Claim')?.resource as {
    subType: { coding: { code: string }[] };
    identifier?: { use: string; value: string }[];
  };
  const coding = claim.subType.coding[0];
  if (coding) coding.code = subType;
  claim.identifier = [{ use: 'secondary', value: acceptanceNumber }];
  return { bundle, claim };
}
