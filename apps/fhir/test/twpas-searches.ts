// The searches of spec/twpas.md that a hospital uses to follow a case, run against the API with the
// answers checked: the case is found, every answer is valid R4, a one-case answer claims and meets
// Bundle-response-twpas (the guide's own validation), and `_include=ClaimResponse:request` adds the Claim.
import {
  type Bundle,
  type Claim,
  type ClaimResponse,
  type Encounter,
  type Organization,
  type Patient,
  TWPAS_PROFILES,
} from '@openpas/fhir-model';
import { loadImplementationGuide, validateWithGuide } from '@openpas/twpas-validation';
import { sharedPath } from '@openpas/vitest-config/shared';
import { expect } from 'vitest';
import { assertValidR4 } from './fhir-validator.ts';
import { call, type Platform } from './harness.ts';

const guide = () => loadImplementationGuide([sharedPath('twpas/definitions')]);

/** The nine searches for the case of a stored request Bundle (its resources under server ids). */
export function twpasSearches(stored: Bundle, disposition: string): string[] {
  const today = new Date().toISOString().slice(0, 10);
  const resources = (stored.entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []));
  const claim = resources.find((r): r is Claim => r.resourceType === 'Claim');
  const patient = resources.find((r): r is Patient => r.resourceType === 'Patient');
  const hospital = resources.find(
    (r): r is Organization =>
      r.resourceType === 'Organization' && `Organization/${r.id}` === claim?.provider.reference,
  );
  const encounterRef = claim?.extension?.find((e) => e.url.endsWith('extension-claim-encounter'))
    ?.valueReference?.reference;
  const encounter = resources.find(
    (r): r is Encounter => r.resourceType === 'Encounter' && `Encounter/${r.id}` === encounterRef,
  );
  if (!claim || !patient || !hospital || !encounter)
    throw new Error('the stored Bundle lacks a case resource');
  const acceptance = claim.identifier?.find((i) => i.use === 'official')?.value;
  const fileName = claim.identifier?.find((i) => i.use === 'usual')?.value;
  const nationalId = patient.identifier?.find((i) => i.system === 'http://www.moi.gov.tw');
  const hospitalCode = hospital.identifier?.[0];
  const department = encounter.serviceType?.coding?.[0]?.code;
  const name = patient.name?.[0]?.text ?? patient.name?.[0]?.family;
  return [
    `request=Claim/${claim.id}`,
    `request.identifier=${acceptance}`,
    `request.identifier=${encodeURIComponent(String(fileName))}`,
    `request.patient.identifier=${nationalId?.system}|${nationalId?.value}`,
    `request.patient.name=${encodeURIComponent(String(name))}`,
    `request._lastUpdated=ge${today}`,
    `request.func-type.service-type=${department}`,
    `requestor.identifier=${hospitalCode?.system}|${hospitalCode?.value}`,
    `created=ge${today}&disposition=${encodeURIComponent(disposition)}`,
  ];
}

/**
 * Runs every TWPAS search for the case of `stored` as `token` and checks each answer; returns how many
 * answers held the one case alone (and so claimed Bundle-response-twpas).
 */
export async function expectFoundByEveryTwpasSearch(
  platform: Platform,
  token: string,
  stored: Bundle,
  disposition: string,
): Promise<number> {
  const claimId = stored.entry?.find((entry) => entry.resource?.resourceType === 'Claim')?.resource?.id;
  const searches = twpasSearches(stored, disposition);
  expect(searches).toHaveLength(9);
  let profiled = 0;
  for (const query of searches) {
    const answer = await call(`${platform.base}/ClaimResponse?${query}`, token);
    expect(answer.status, query).toBe(200);
    assertValidR4(answer.body);
    const found = answer.body as unknown as Bundle;
    const cases = (found.entry ?? []).map((entry) => entry.resource as ClaimResponse);
    expect(
      cases.map((c) => c.request?.reference),
      query,
    ).toContain(`Claim/${claimId}`);
    if (cases.length === 1) {
      profiled += 1;
      expect(found.meta?.profile, query).toEqual([TWPAS_PROFILES.bundleResponse]);
      expect(validateWithGuide(found, guide()), query).toEqual([]);
      // Not vacuous: the same answer with its case twice breaks the guide's claimResponse slice (1..1).
      const twice = { ...found, entry: [...(found.entry ?? []), ...(found.entry ?? [])] };
      expect(validateWithGuide(twice, guide()).map((issue) => issue.rule)).toContain('ig.bundle-slices');
    } else {
      expect(found.meta, query).toBeUndefined();
    }
    const withClaims = await call(
      `${platform.base}/ClaimResponse?${query}&_include=ClaimResponse:request`,
      token,
    );
    const included = (withClaims.body as unknown as Bundle).entry ?? [];
    expect(
      included.filter((e) => e.search?.mode === 'include').map((e) => e.resource?.id),
      query,
    ).toContain(claimId);
    expect((withClaims.body as unknown as Bundle).meta, query).toBeUndefined();
  }
  return profiled;
}
