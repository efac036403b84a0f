import { createHash } from 'node:crypto';
import type { SqlRunner } from '@openpas/db';
import type { Claim, Resource } from '@openpas/fhir-model';
import { putResource } from '../repository/resources.ts';
import { chartEntriesOfClaim, encounterOfClaim } from './chart-from-claim.ts';

type ChartResource = Resource & { id: string; [key: string]: unknown };

interface BundleLike {
  entry?: { fullUrl?: string; resource?: { resourceType: string; id?: string } }[];
}

/** Resource types that are the request itself, not chart data: the sandbox holds the chart only. */
const REQUEST_ONLY = new Set(['Claim', 'ClaimResponse']);

/**
 * Turns a request Bundle into the chart records a hospital EHR would hold: each entry under a stable id,
 * its urn:uuid references rewritten to Type/id, in Bundle order; then what the Claim says that an EHR
 * keeps as records (diagnoses, vital signs, procedures). The patient record names its hospital
 * (managingOrganization) and the encounter its patient, as in an EHR.
 */
export function chartRecordsOf(bundle: BundleLike, idPrefix: string): ChartResource[] {
  const byUrn = new Map<string, string>();
  const resources: ChartResource[] = [];
  let claim: Claim | undefined;
  (bundle.entry ?? []).forEach((entry, index) => {
    const resource = entry.resource as ChartResource | undefined;
    if (resource?.resourceType === 'Claim') claim = resource as unknown as Claim;
    if (!resource || REQUEST_ONLY.has(resource.resourceType)) return;
    const id = stableId(resource, idPrefix, index);
    if (entry.fullUrl) byUrn.set(entry.fullUrl, `${resource.resourceType}/${id}`);
    resources.push({ ...resource, id });
  });
  if (claim) {
    for (const { name, resource } of chartEntriesOfClaim(claim))
      resources.push({ ...resource, id: `${idPrefix}-${name}` } as ChartResource);
    const encounter = encounterOfClaim(claim);
    for (const resource of resources) {
      if (resource.resourceType === 'Patient' && claim.provider)
        resource.managingOrganization = claim.provider;
      if (
        resource.resourceType === 'Encounter' &&
        encounter &&
        byUrn.get(encounter) === `Encounter/${resource.id}`
      )
        resource.subject = claim.patient;
    }
  }
  return resources.map((resource) => rewriteReferences(resource, byUrn) as ChartResource);
}

/**
 * Patients take the case key; organisations and practitioners, shared by many cases, an id derived from
 * their first identifier (hashed: a national ID never appears in a URL); the rest key and position.
 */
function stableId(resource: ChartResource, idPrefix: string, index: number): string {
  const type = resource.resourceType;
  if (type === 'Patient') return idPrefix;
  const first = (resource.identifier as { system?: string; value?: string }[] | undefined)?.[0];
  if ((type === 'Organization' || type === 'Practitioner') && first?.value) {
    const digest = createHash('sha256')
      .update(`${first.system ?? ''}|${first.value}`)
      .digest('hex');
    return `${type.toLowerCase()}-${digest.slice(0, 16)}`;
  }
  return `${idPrefix}-${type.toLowerCase()}-${index}`;
}

function rewriteReferences(value: unknown, byUrn: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteReferences(item, byUrn));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] =
        key === 'reference' && typeof item === 'string'
          ? (byUrn.get(item) ?? item)
          : rewriteReferences(item, byUrn);
    }
    return out;
  }
  return value;
}

export interface ChartRecord {
  resource: ChartResource;
  /** Database id of the organisation whose chart holds it */
  owner: string;
}

/**
 * Stores chart records, each as its next version (nothing new when unchanged); a resource shared by
 * several cases (an organisation, a practitioner) is written once, as the first case has it.
 * Returns how many were created or changed.
 */
export async function storeChartRecords(tx: SqlRunner, records: ChartRecord[]): Promise<number> {
  let changed = 0;
  const seen = new Set<string>();
  for (const { resource, owner } of records) {
    const key = `${resource.resourceType}/${resource.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const outcome = await putResource(tx, resource, { owner });
    if (outcome !== 'unchanged') changed += 1;
  }
  return changed;
}
