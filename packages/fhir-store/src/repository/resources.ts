import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { dateColumn, intColumn, jsonColumn, type SqlRunner } from '@openpas/db';
import type { FhirResource, Resource } from '@openpas/fhir-model';
import { notFound, StoreError, versionConflict } from './errors.ts';
import {
  deleteIndexRows,
  INDEX_KINDS,
  type IndexRows,
  indexRowsOf,
  insertIndexRows,
} from './index-writer.ts';
import { joined, resourceChunks, utf8Of } from './json-chunks.ts';
import { patientIdOf } from './patient-of.ts';

// The versioned resource store: the current version in fhir_resource, every version in
// fhir_resource_version, search index rows beside them, all in the caller's transaction.

export interface StoredResource {
  readonly resourceType: string;
  readonly id: string;
  /** The resource: one read from the database is parsed on first use (storedJson); a spread drops it */
  readonly resource: FhirResource;
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

/** A further data-modifying statement to run within a write's statement (a CTE), its parameters from `$first`. */
export type AlongsideStatement = (first: number) => { sql: string; params: readonly unknown[] };

/** Where the store's SQL runs: a FastSql or one of its transactions (the store's one query runner). */
export type StoreDb = SqlRunner;

function stamp(resource: Resource, id: string, versionId: number, lastUpdated: Date): FhirResource {
  return {
    ...resource,
    id,
    meta: { ...resource.meta, versionId: String(versionId), lastUpdated: lastUpdated.toISOString() },
  } as FhirResource;
}

/** A fhir_resource row as the store's queries select it (see SqlRunner for how values arrive). */
export interface ResourceRow extends Record<string, unknown> {
  resource_type: string;
  id: string;
  content: unknown;
  version_id: unknown;
  last_updated: unknown;
  owner_organization: string | null;
  patient_id: string | null;
  deleted: unknown;
}

/**
 * A row's resource, parsed on first use: most reads and searches answer the database's text as it is,
 * without parsing and writing back each resource. A class, so that making one per row stays cheap (an object
 * literal with a getter is built the slow way); its resource is a getter on the prototype, which a spread
 * (`{ ...stored }`) does not copy: copy one with its fields named.
 */
class StoredRow implements StoredResource {
  readonly resourceType: string;
  readonly id: string;
  versionId: number;
  ownerOrganization: string | null;
  patientId: string | null;
  deleted: boolean;
  #content: unknown;
  #parsed: FhirResource | undefined;
  // The time too is read on first use: a search page's entries never show it.
  #updatedAt: unknown;
  #updated: Date | undefined;

  constructor(row: ResourceRow) {
    this.resourceType = row.resource_type;
    this.id = row.id;
    this.versionId = intColumn(row.version_id);
    this.#updatedAt = row.last_updated;
    this.ownerOrganization = row.owner_organization;
    this.patientId = row.patient_id;
    this.deleted = Boolean(row.deleted);
    this.#content = row.content;
  }

  /** The database's JSON text of the resource while nothing has parsed it (and so could have changed it). */
  get unparsedJson(): string | Buffer | undefined {
    return this.#parsed === undefined && (typeof this.#content === 'string' || Buffer.isBuffer(this.#content))
      ? this.#content
      : undefined;
  }

  get lastUpdated(): Date {
    if (this.#updated === undefined) this.#updated = dateColumn(this.#updatedAt);
    return this.#updated;
  }

  get resource(): FhirResource {
    if (this.#parsed === undefined) {
      const content = this.#content;
      this.#parsed = jsonColumn<FhirResource>(Buffer.isBuffer(content) ? content.toString('utf8') : content);
      this.#content = undefined;
    }
    return this.#parsed;
  }
}

export function fromRow(row: ResourceRow): StoredResource {
  return new StoredRow(row);
}

/**
 * The same stored resource with its resource given as JSON text or its UTF-8 bytes (parsed on first use, and
 * answered as it is by storedBody while nothing has parsed it): for an answer whose text is already written.
 */
export function withJson(stored: StoredResource, json: string | Buffer): StoredResource {
  return new StoredRow({
    resource_type: stored.resourceType,
    id: stored.id,
    content: json,
    version_id: stored.versionId,
    last_updated: stored.lastUpdated,
    owner_organization: stored.ownerOrganization,
    patient_id: stored.patientId,
    deleted: stored.deleted,
  });
}

/**
 * A stored resource as JSON text: the database's own text while no one has parsed it, so it cannot have
 * been changed since (jsonb's text form: spaces after the separators, decimals exactly as stored).
 */
export function storedJson(stored: StoredResource): string {
  const body = storedBody(stored);
  return typeof body === 'string' ? body : body.toString('utf8');
}

/** storedJson, or the UTF-8 bytes it was given as (withJson), for an HTTP answer: not decoded to be encoded again. */
export function storedBody(stored: StoredResource): string | Buffer {
  return (stored instanceof StoredRow ? stored.unparsedJson : undefined) ?? JSON.stringify(stored.resource);
}

/** Stores a new resource as version 1 with a server-assigned id (or its own, with `keepId`). */
export async function createResource(
  tx: StoreDb,
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
  tx: StoreDb,
  input: Resource & { id: string },
  options: { expectedVersion?: number },
): Promise<StoredResource> {
  const key = { resourceType: input.resourceType, id: input.id };
  const current = await readResource(tx, key.resourceType, key.id);
  if (!current) throw notFound(key.resourceType, key.id);
  if (options.expectedVersion !== undefined && options.expectedVersion !== current.versionId) {
    throw versionConflict(key.resourceType, key.id, options.expectedVersion, current.versionId);
  }
  const versionId = current.versionId + 1;
  const lastUpdated = new Date();
  const resource = stamp(input, key.id, versionId, lastUpdated);
  const patientId = patientIdOf(resource);
  // The version we read must still be current: of two concurrent writers one wins, the other gets 412.
  const changed = await tx.execute(
    `WITH current AS (
       UPDATE fhir_resource SET version_id = $3, last_updated = $4::timestamptz, content = $5::jsonb, deleted = false, patient_id = $6
       WHERE resource_type = $1 AND id = $2 AND version_id = $7
       RETURNING resource_type, id)
     INSERT INTO fhir_resource_version (resource_type, id, version_id, last_updated, deleted, method, content)
     SELECT resource_type, id, $3, $4::timestamptz, false, 'update', $5::jsonb FROM current`,
    [
      key.resourceType,
      key.id,
      versionId,
      lastUpdated.toISOString(),
      JSON.stringify(resource),
      patientId,
      current.versionId,
    ],
  );
  if (changed !== 1) {
    throw new StoreError(
      'precondition-failed',
      `${key.resourceType}/${key.id} was changed by another request`,
    );
  }
  await deleteIndexRows(tx, key.resourceType, key.id);
  await insertIndexRows(tx, [resource]);
  return {
    resourceType: key.resourceType,
    id: key.id,
    resource,
    versionId,
    lastUpdated,
    ownerOrganization: current.ownerOrganization,
    patientId,
    deleted: false,
  };
}

/** The current version of a resource, or null when there is none (deleted ones included, flagged). */
export async function readResource(
  db: StoreDb,
  resourceType: string,
  id: string,
): Promise<StoredResource | null> {
  const [found] = await readResources(db, [{ resourceType, id }]);
  return found ?? null;
}

/** The current versions of several resources in one query, in the order asked (null where none). */
export async function readResources(
  db: StoreDb,
  keys: readonly { resourceType: string; id: string }[],
): Promise<(StoredResource | null)[]> {
  if (keys.length === 0) return [];
  const types = [...new Set(keys.map((key) => key.resourceType))];
  const ids = [...new Set(keys.map((key) => key.id))];
  // Both lists ride the primary key (resource_type, id); pairs that were not asked are dropped below.
  const rows = await db.query<ResourceRow>(
    `SELECT resource_type, id, content, version_id, last_updated, owner_organization::text AS owner_organization, patient_id, deleted
     FROM fhir_resource WHERE resource_type = ANY($1::text[]) AND id = ANY($2::text[])`,
    [types, ids],
  );
  const found = new Map(rows.map((row) => [`${row.resource_type}/${row.id}`, row]));
  return keys.map((key) => {
    const row = found.get(`${key.resourceType}/${key.id}`);
    return row ? fromRow(row) : null;
  });
}

// A version row with the owner and patient of the resource's current row (the compartment is decided on them).
const VERSION_SELECT = `SELECT v.resource_type, v.id, v.content, v.version_id, v.last_updated, r.owner_organization::text AS owner_organization,
       r.patient_id, v.deleted
FROM fhir_resource_version v JOIN fhir_resource r ON r.resource_type = v.resource_type AND r.id = v.id
WHERE v.resource_type = $1 AND v.id = $2`;

export async function readVersion(
  db: StoreDb,
  resourceType: string,
  id: string,
  versionId: number,
): Promise<StoredResource | null> {
  const [row] = await db.query<ResourceRow>(`${VERSION_SELECT} AND v.version_id = $3`, [
    resourceType,
    id,
    versionId,
  ]);
  return row ? fromRow(row) : null;
}

/** Every version of a resource, newest first. */
export async function resourceHistory(
  db: StoreDb,
  resourceType: string,
  id: string,
  limit: number,
): Promise<StoredResource[]> {
  const rows = await db.query<ResourceRow>(`${VERSION_SELECT} ORDER BY v.version_id DESC LIMIT $3::int`, [
    resourceType,
    id,
    limit,
  ]);
  return rows.map(fromRow);
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
  tx: StoreDb,
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
 * The rows that store new resources as version 1: each resource's row (its current and first version rows
 * are made from it) and its index rows, with the time and owner they all share.
 */
export interface NewResourceRows {
  readonly at: string;
  readonly owner: string | null;
  readonly resources: readonly {
    resource_type: string;
    id: string;
    content: FhirResource;
    patient_id: string | null;
  }[];
  readonly index: IndexRows;
}

/** New resources stamped as version 1 (a server id unless `keepId`), and the rows that store them. */
export function newResourceRows(
  inputs: readonly Resource[],
  options: WriteOptions,
): { stored: StoredResource[]; rows: NewResourceRows } {
  const lastUpdated = new Date();
  const stored = inputs.map((input) => {
    const id = options.keepId && input.id ? input.id : randomUUID();
    const resource = stamp(input, id, 1, lastUpdated);
    return {
      resourceType: resource.resourceType,
      id,
      resource,
      versionId: 1,
      lastUpdated,
      ownerOrganization: options.owner,
      patientId: patientIdOf(resource),
      deleted: false,
    };
  });
  return {
    stored,
    rows: {
      at: lastUpdated.toISOString(),
      owner: options.owner,
      resources: stored.map(({ resource, patientId }) => ({
        resource_type: resource.resourceType,
        id: String(resource.id),
        content: resource,
        patient_id: patientId,
      })),
      index: indexRowsOf(stored.map(({ resource }) => resource)),
    },
  };
}

/**
 * The JSON text of new rows, the document fhir_new_rows_insert reads, as pieces (json-chunks.ts): the text of
 * JSON.stringify(rows), except that resource i's content is `contents[i]` where given (its text in pieces,
 * already written for another use).
 */
export function newRowsChunks(
  rows: NewResourceRows,
  contents: readonly (readonly string[] | undefined)[] = [],
): string[] {
  const parts = [`{"at":${JSON.stringify(rows.at)},"owner":${JSON.stringify(rows.owner)},"resources":[`];
  rows.resources.forEach((row, i) => {
    parts.push(
      `${i > 0 ? ',' : ''}{"resource_type":${JSON.stringify(row.resource_type)},"id":${JSON.stringify(row.id)},"content":`,
      ...(contents[i] ?? resourceChunks(row.content)),
      `,"patient_id":${JSON.stringify(row.patient_id)}}`,
    );
  });
  parts.push('],"index":{');
  INDEX_KINDS.forEach((kind, i) => {
    parts.push(`${i > 0 ? ',' : ''}"${kind}":`, JSON.stringify(rows.index[kind]));
  });
  parts.push('}}');
  return joined(parts);
}

/**
 * Stores many new resources as version 1 in one statement, for Bundle submissions: the same rows as
 * `createResource`. Their rows travel as one JSON document (NewResourceRows), which the database unpacks
 * into each table far faster than an ORM batch of the same rows. `alongside` runs in the same statement,
 * even when there is no resource to store.
 */
export async function createResources(
  tx: StoreDb,
  inputs: readonly Resource[],
  options: WriteOptions & { alongside?: AlongsideStatement },
): Promise<StoredResource[]> {
  const { stored, rows } = newResourceRows(inputs, options);
  if (stored.length === 0) {
    const alongside = options.alongside?.(1);
    if (alongside) await tx.execute(alongside.sql, [...alongside.params]);
    return stored;
  }
  // The rows, their first version rows and their index rows, written by the database's fhir_new_rows_insert
  // (migration 20261207190000_new_rows_function), from their JSON as UTF-8 bytes (json-chunks.ts); the
  // caller's statement alongside.
  const alongside = options.alongside?.(2);
  const insert = 'SELECT fhir_new_rows_insert($1::text::jsonb)';
  await tx.execute(alongside ? `WITH alongside AS (${alongside.sql}) ${insert}` : insert, [
    utf8Of(newRowsChunks(rows)),
    ...(alongside?.params ?? []),
  ]);
  return stored;
}
