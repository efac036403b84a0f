import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { FastSql, Prisma, PrismaClient } from '@openpas/db';
import type { FhirResource, Resource } from '@openpas/fhir';
import { patientIdOf } from './compartment.ts';
import { notFound, StoreError, versionConflict } from './errors.ts';
import { deleteIndexRows, insertIndexRows } from './index-writer.ts';

// The versioned resource store: the current version in fhir_resource, every version in
// fhir_resource_version, search index rows beside them, all in the caller's transaction.

export interface StoredResource {
  resource: FhirResource;
  versionId: number;
  lastUpdated: Date;
  ownerOrganization: string | null;
  patientId: string | null;
  deleted: boolean;
}

export interface WriteOptions {
  /** Database id of the organisation that owns the resource (a hospital's submission) */
  owner: string | null;
  /** Keep the resource's own id (seeding, Bundle entries already assigned); default: a new uuid */
  keepId?: boolean;
}

type Db = PrismaClient | Prisma.TransactionClient;

function stamp(resource: Resource, id: string, versionId: number, lastUpdated: Date): FhirResource {
  return {
    ...resource,
    id,
    meta: { ...resource.meta, versionId: String(versionId), lastUpdated: lastUpdated.toISOString() },
  } as FhirResource;
}

function toStored(row: {
  content: Prisma.JsonValue;
  versionId: number;
  lastUpdated: Date;
  ownerOrganization: string | null;
  patientId: string | null;
  deleted: boolean;
}): StoredResource {
  return {
    resource: row.content as unknown as FhirResource,
    versionId: row.versionId,
    lastUpdated: row.lastUpdated,
    ownerOrganization: row.ownerOrganization,
    patientId: row.patientId,
    deleted: row.deleted,
  };
}

/** Stores a new resource as version 1 with a server-assigned id (or its own, with `keepId`). */
export async function createResource(
  tx: Prisma.TransactionClient,
  input: Resource,
  options: WriteOptions,
): Promise<StoredResource> {
  const [stored] = await createResources(tx, [input], options);
  if (!stored) throw new Error(`${input.resourceType} was not stored`);
  return stored;
}

/**
 * Stores the next version of an existing resource. With `expectedVersion` (If-Match) a stale version is
 * refused with 412; concurrent writers of the same version: one wins, the other gets 412.
 */
export async function updateResource(
  tx: Prisma.TransactionClient,
  input: Resource & { id: string },
  options: { expectedVersion?: number },
): Promise<StoredResource> {
  const key = { resourceType: input.resourceType, id: input.id };
  const current = await tx.fhirResource.findUnique({ where: { resourceType_id: key } });
  if (!current) throw notFound(key.resourceType, key.id);
  if (options.expectedVersion !== undefined && options.expectedVersion !== current.versionId) {
    throw versionConflict(key.resourceType, key.id, options.expectedVersion, current.versionId);
  }
  const versionId = current.versionId + 1;
  const lastUpdated = new Date();
  const resource = stamp(input, key.id, versionId, lastUpdated);
  const patientId = patientIdOf(resource);
  const content = resource as unknown as Prisma.InputJsonObject;
  const { count } = await tx.fhirResource.updateMany({
    where: { ...key, versionId: current.versionId },
    data: { versionId, lastUpdated, content, deleted: false, patientId },
  });
  if (count !== 1) {
    throw new StoreError(
      412,
      'precondition-failed',
      `${key.resourceType}/${key.id} was changed by another request`,
    );
  }
  await tx.fhirResourceVersion.create({
    data: { ...key, versionId, lastUpdated, method: 'update', content },
  });
  await deleteIndexRows(tx, key.resourceType, key.id);
  await insertIndexRows(tx, [resource]);
  return {
    resource,
    versionId,
    lastUpdated,
    ownerOrganization: current.ownerOrganization,
    patientId,
    deleted: false,
  };
}

export async function readResource(db: Db, resourceType: string, id: string): Promise<StoredResource | null> {
  const row = await db.fhirResource.findUnique({ where: { resourceType_id: { resourceType, id } } });
  return row ? toStored(row) : null;
}

export async function readVersion(
  db: Db,
  resourceType: string,
  id: string,
  versionId: number,
): Promise<StoredResource | null> {
  const [row, current] = await Promise.all([
    db.fhirResourceVersion.findUnique({
      where: { resourceType_id_versionId: { resourceType, id, versionId } },
    }),
    db.fhirResource.findUnique({ where: { resourceType_id: { resourceType, id } } }),
  ]);
  if (!row || !current) return null;
  return toStored({ ...row, ownerOrganization: current.ownerOrganization, patientId: current.patientId });
}

/** Every version of a resource, newest first. */
export async function resourceHistory(
  db: Db,
  resourceType: string,
  id: string,
  limit: number,
): Promise<StoredResource[]> {
  const current = await db.fhirResource.findUnique({ where: { resourceType_id: { resourceType, id } } });
  if (!current) return [];
  const rows = await db.fhirResourceVersion.findMany({
    where: { resourceType, id },
    orderBy: { versionId: 'desc' },
    take: limit,
  });
  return rows.map((row) =>
    toStored({ ...row, ownerOrganization: current.ownerOrganization, patientId: current.patientId }),
  );
}

function withoutMeta(resource: Resource): Record<string, unknown> {
  const { meta, ...rest } = resource;
  const { versionId: _v, lastUpdated: _l, ...metaRest } = meta ?? {};
  return Object.keys(metaRest).length ? { ...rest, meta: metaRest } : rest;
}

/**
 * Writes a resource under its own id: created when new, the next version when changed, nothing at all
 * when identical (so seeding twice makes no new versions). Returns what happened.
 */
export async function putResource(
  tx: Prisma.TransactionClient,
  resource: Resource & { id: string },
  options: WriteOptions,
): Promise<'created' | 'updated' | 'unchanged'> {
  const current = await readResource(tx, resource.resourceType, resource.id);
  if (!current) {
    await createResource(tx, resource, { ...options, keepId: true });
    return 'created';
  }
  if (!current.deleted && isDeepStrictEqual(withoutMeta(current.resource), withoutMeta(resource)))
    return 'unchanged';
  await updateResource(tx, resource, {});
  return 'updated';
}

/**
 * Stores many new resources as version 1 in a handful of statements, for Bundle submissions: the same
 * rows as `createResource`. Each table gets one INSERT … SELECT over a JSON array passed as a single
 * parameter, which PostgreSQL unpacks far faster than an ORM batch of the same rows.
 */
export async function createResources(
  tx: Prisma.TransactionClient,
  inputs: readonly Resource[],
  options: WriteOptions,
): Promise<StoredResource[]> {
  const lastUpdated = new Date();
  const stored = inputs.map((input) => {
    const id = options.keepId && input.id ? input.id : randomUUID();
    const resource = stamp(input, id, 1, lastUpdated);
    return {
      resource,
      versionId: 1,
      lastUpdated,
      ownerOrganization: options.owner,
      patientId: patientIdOf(resource),
      deleted: false,
    };
  });
  if (stored.length === 0) return stored;
  const at = lastUpdated.toISOString();
  const resources = stored.map(({ resource, patientId }) => ({
    resource_type: resource.resourceType,
    id: String(resource.id),
    content: resource,
    patient_id: patientId,
  }));
  await tx.$executeRawUnsafe(
    `WITH rows AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(resource_type text, id text, content jsonb, patient_id text)),
     current AS (
       INSERT INTO fhir_resource (resource_type, id, version_id, last_updated, deleted, content, owner_organization, patient_id)
       SELECT resource_type, id, 1, $2::timestamptz, false, content, $3::uuid, patient_id FROM rows)
     INSERT INTO fhir_resource_version (resource_type, id, version_id, last_updated, deleted, method, content)
     SELECT resource_type, id, 1, $2::timestamptz, false, 'create', content FROM rows`,
    JSON.stringify(resources),
    at,
    options.owner,
  );
  await insertIndexRows(
    tx,
    stored.map(({ resource }) => resource),
  );
  return stored;
}

/** `readResource` over hand-written SQL: the FHIR read path's one query. */
export async function readResourceFast(
  sql: FastSql,
  resourceType: string,
  id: string,
): Promise<StoredResource | null> {
  const [row] = await sql.query<{
    content: unknown;
    version_id: number;
    last_updated: string;
    owner_organization: string | null;
    patient_id: string | null;
    deleted: boolean;
  }>(
    `SELECT content, version_id, last_updated, owner_organization::text AS owner_organization, patient_id, deleted
     FROM fhir_resource WHERE resource_type = $1 AND id = $2`,
    [resourceType, id],
  );
  if (!row) return null;
  return {
    resource: (typeof row.content === 'string' ? JSON.parse(row.content) : row.content) as FhirResource,
    versionId: Number(row.version_id),
    lastUpdated: new Date(row.last_updated),
    ownerOrganization: row.owner_organization,
    patientId: row.patient_id,
    deleted: Boolean(row.deleted),
  };
}
