import { isDeepStrictEqual } from 'node:util';
import type { Prisma } from '../generated/prisma/client.ts';

export interface StoredResource {
  resourceType: string;
  id: string;
  meta?: { versionId?: string; lastUpdated?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface PutOptions {
  /** Owning organisation (its database id), for system/ compartments */
  ownerOrganization?: string | null;
  /** Patient compartment the resource belongs to */
  patientId?: string | null;
}

export interface PutResult {
  resource: StoredResource;
  outcome: 'created' | 'updated' | 'unchanged';
}

function withoutMeta(resource: StoredResource): Record<string, unknown> {
  const { meta, ...rest } = resource;
  const { versionId: _v, lastUpdated: _l, ...metaRest } = meta ?? {};
  return Object.keys(metaRest).length ? { ...rest, meta: metaRest } : rest;
}

/**
 * Writes a resource under its own id as the next version (current row + history row, inside the caller's
 * transaction). Identical content writes nothing, so seeding twice creates no new versions.
 */
export async function putResource(
  tx: Prisma.TransactionClient,
  resource: StoredResource,
  options: PutOptions = {},
): Promise<PutResult> {
  const key = { resourceType: resource.resourceType, id: resource.id };
  const current = await tx.fhirResource.findUnique({ where: { resourceType_id: key } });
  if (
    current &&
    !current.deleted &&
    isDeepStrictEqual(withoutMeta(current.content as StoredResource), withoutMeta(resource))
  ) {
    return { resource: current.content as StoredResource, outcome: 'unchanged' };
  }
  const versionId = (current?.versionId ?? 0) + 1;
  const lastUpdated = new Date();
  const stored: StoredResource = {
    ...resource,
    meta: { ...resource.meta, versionId: String(versionId), lastUpdated: lastUpdated.toISOString() },
  };
  const content = stored as unknown as Prisma.InputJsonObject;
  const columns = {
    versionId,
    lastUpdated,
    deleted: false,
    content,
    ownerOrganization: options.ownerOrganization ?? null,
    patientId: options.patientId ?? null,
  };
  if (current) {
    // The version check makes a concurrent writer of the same resource fail instead of overwriting.
    const { count } = await tx.fhirResource.updateMany({
      where: { ...key, versionId: current.versionId },
      data: columns,
    });
    if (count !== 1) throw new Error(`${key.resourceType}/${key.id} changed while it was being written`);
  } else {
    await tx.fhirResource.create({ data: { ...key, ...columns } });
  }
  await tx.fhirResourceVersion.create({
    data: { ...key, versionId, lastUpdated, deleted: false, method: current ? 'update' : 'create', content },
  });
  return { resource: stored, outcome: current ? 'updated' : 'created' };
}
