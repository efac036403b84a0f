import { type FastSql, groupCalls } from '@openpas/db';
import type { AuditEvent, FhirResource, Resource, Subscription } from '@openpas/fhir-model';
import type { FhirRequest } from '@openpas/scopes';
import { actingOrganization, type Caller } from '../access/caller.ts';
import { matchesFilters } from '../access/granular-filters.ts';
import { admits, type Permit, permit } from '../access/guard.ts';
import { refuseWorkflowCreate, refuseWorkflowUpdate } from '../access/workflow-owned.ts';
import { type AuditEventPage, readAuditEvent, searchAuditEvents } from '../audit/audit-events.ts';
import { type AuditInput, recordAudit } from '../audit/record.ts';
import { type AuditWriter, createAuditWriter } from '../audit/writer.ts';
import { acceptSubscription, type SubscriptionPolicy } from '../notifications/subscription-rules.ts';
import { forbidden, notFound, StoreError } from '../repository/errors.ts';
import { patientIdOf } from '../repository/patient-of.ts';
import {
  createResource,
  readResource,
  readResources,
  readVersion,
  resourceHistory,
  type StoredResource,
  updateResource,
} from '../repository/resources.ts';
import { executeSearch, type SearchResult } from '../search/execute.ts';
import { decodeCursor } from '../search/paging.ts';
import { searchParameter } from '../search/parameters.ts';
import { parseSearch } from '../search/parse.ts';
import type { SearchRequest } from '../search/types.ts';

// The resource store as the FHIR API uses it: every interaction takes the caller's permit first
// (scopes, compartment, granular filters — access/guard.ts), tests every resource it returns or writes
// with it, refuses generic writes of what the workflow owns, applies the Subscription rules on create and
// update alike, and writes the audit row. A route hands over the caller and gets resources it may see.

export interface ResourceStoreOptions {
  sql: FastSql;
  subscriptions: SubscriptionPolicy;
  /** Largest history page */
  maxHistory: number;
  /** Largest AuditEvent page */
  maxCount: number;
}

export interface SearchOptions {
  /** `Prefer: handling=lenient` */
  lenient: boolean;
  defaultCount: number;
  maxCount: number;
}

export interface SearchOutcome {
  request: SearchRequest;
  /** Where this page starts (from the paging cursor) */
  offset: number;
  result: SearchResult;
}

export interface CallerStore {
  read(resourceType: string, id: string): Promise<StoredResource>;
  vread(resourceType: string, id: string, versionId: number): Promise<StoredResource>;
  /** Every version the caller may see, newest first */
  history(resourceType: string, id: string): Promise<StoredResource[]>;
  search(resourceType: string, query: URLSearchParams, options: SearchOptions): Promise<SearchOutcome>;
  /** POST [type]; with `ifNoneExist` (the criteria of If-None-Exist) an existing match is returned instead */
  create(
    resource: Resource,
    options?: { ifNoneExist?: string },
  ): Promise<{ stored: StoredResource; created: boolean }>;
  /** PUT [type]/[id]; with `expectedVersion` (If-Match) a stale version is refused */
  update(
    resource: Resource & { id: string },
    options?: { expectedVersion?: number },
  ): Promise<StoredResource>;
  readAuditEvent(id: string): Promise<AuditEvent>;
  searchAuditEvents(query: URLSearchParams): Promise<AuditEventPage>;
}

export interface ResourceStore {
  /** The store as one request's caller sees it */
  as(caller: Caller, requestId: string): CallerStore;
  /** Group-committed audit rows (also for what the HTTP layer refuses before the store, e.g. a bad token) */
  audit: AuditWriter;
}

/** A search as the scopes decide on it: the type and every parameter with all its values. */
function searchRequest(resourceType: string, query: URLSearchParams): FhirRequest {
  const names = [...new Set(query.keys())];
  return {
    resourceType,
    interaction: 'search',
    params: Object.fromEntries(names.map((name) => [name, query.getAll(name)])),
  };
}

export function createResourceStore(options: ResourceStoreOptions): ResourceStore {
  const { sql } = options;
  const audit = createAuditWriter(sql);
  // Reads of current versions from concurrent requests share one statement.
  const readGrouped = groupCalls((keys: readonly { resourceType: string; id: string }[]) =>
    readResources(sql, keys),
  );
  const readCurrent = (resourceType: string, id: string) => readGrouped({ resourceType, id });

  function as(caller: Caller, requestId: string): CallerStore {
    const row = (input: Omit<AuditInput, 'caller' | 'requestId'>): AuditInput => ({
      ...input,
      caller,
      requestId,
    });

    /** The permit for a request; a refusal is audited before it is thrown. */
    async function permitOrAudit(
      request: FhirRequest,
      audited: { action: AuditInput['action']; subtype: string; resourceId?: string; query?: string },
    ): Promise<Permit> {
      try {
        return permit(caller, request);
      } catch (error) {
        await audit.record(
          row({
            ...audited,
            outcome: 4,
            outcomeDesc: 'refused by scope',
            resourceType: request.resourceType,
          }),
        );
        throw error;
      }
    }

    async function visibleOrNotFound(
      p: Permit,
      stored: StoredResource | null,
      subtype: string,
      what: string,
    ): Promise<StoredResource> {
      const visible = stored !== null && admits(p, stored);
      await audit.record(
        row({
          action: 'R',
          subtype,
          outcome: visible ? 0 : 4,
          ...(visible ? {} : { outcomeDesc: 'not found or outside the compartment' }),
          resourceType: p.resourceType,
          resourceId: what,
        }),
      );
      if (!stored || !visible) throw new StoreError('not-found', `${p.resourceType}/${what} is not known`);
      return stored;
    }

    /** A resource the caller is about to write must be one it could then read. */
    function checkWritable(p: Permit, resource: FhirResource, owner: string | null): void {
      if (!matchesFilters(resource, p.filters))
        throw forbidden(`the granted ${p.resourceType} scope is limited to resources matching its filter`);
      if (
        !admits(p, {
          resourceType: resource.resourceType,
          resource,
          ownerOrganization: owner,
          patientId: patientIdOf(resource),
        })
      )
        throw forbidden(`this ${p.resourceType} would lie outside the records this token reaches`);
    }

    function accepted(resource: Resource): Resource {
      return resource.resourceType === 'Subscription'
        ? acceptSubscription(resource as Subscription, options.subscriptions)
        : resource;
    }

    return {
      async read(resourceType, id) {
        const p = await permitOrAudit(
          { resourceType, interaction: 'read' },
          { action: 'R', subtype: 'read', resourceId: id },
        );
        return visibleOrNotFound(p, await readCurrent(resourceType, id), 'read', id);
      },

      async vread(resourceType, id, versionId) {
        const p = await permitOrAudit(
          { resourceType, interaction: 'vread' },
          { action: 'R', subtype: 'vread', resourceId: id },
        );
        return visibleOrNotFound(
          p,
          await readVersion(sql, resourceType, id, versionId),
          'vread',
          `${id}/_history/${versionId}`,
        );
      },

      async history(resourceType, id) {
        const p = await permitOrAudit(
          { resourceType, interaction: 'history' },
          { action: 'R', subtype: 'history', resourceId: id },
        );
        const versions = await resourceHistory(sql, resourceType, id, options.maxHistory);
        // Each version is tested on its own: a granular scope sees only the versions that match it.
        const visible = versions.filter((version) => admits(p, version));
        await visibleOrNotFound(p, visible[0] ?? null, 'history', id);
        return visible;
      },

      async search(resourceType, query, searchOptions) {
        const p = await permitOrAudit(searchRequest(resourceType, query), {
          action: 'E',
          subtype: 'search',
          query: query.toString(),
        });
        const request = parseSearch(resourceType, query, searchParameter, searchOptions);
        const offset = request.cursor ? decodeCursor(request.cursor).offset : 0;
        const found = await executeSearch(sql, request, p.visibility, offset);
        // Included resources are other types: each needs the caller's read permit for its own type.
        const permits = new Map<string, Permit | null>();
        const readable = (stored: StoredResource) => {
          const type = stored.resourceType;
          if (!permits.has(type)) {
            try {
              permits.set(type, permit(caller, { resourceType: type, interaction: 'read' }));
            } catch {
              permits.set(type, null);
            }
          }
          const included = permits.get(type);
          return included ? admits(included, stored) : false;
        };
        const result: SearchResult = {
          ...found,
          matches: p.filters === null ? found.matches : found.matches.filter((match) => admits(p, match)),
          included: found.included.filter(readable),
        };
        await audit.record(
          row({ action: 'E', subtype: 'search', outcome: 0, resourceType, query: query.toString() }),
        );
        return { request, offset, result };
      },

      async create(resource, createOptions = {}) {
        const resourceType = resource.resourceType;
        const p = await permitOrAudit(
          { resourceType, interaction: 'create' },
          { action: 'C', subtype: 'create' },
        );
        refuseWorkflowCreate(resource as FhirResource);
        const input = accepted(resource);
        const owner = actingOrganization(caller, p.context)?.id ?? null;
        checkWritable(p, input as FhirResource, owner);
        const criteria = createOptions.ifNoneExist;
        return sql.transaction(async (tx) => {
          if (criteria !== undefined) {
            // Concurrent conditional creates agree on one winner: a transaction-scoped lock on the criteria.
            await tx.execute('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
              `${resourceType}?${criteria}`,
            ]);
            // Matched with the caller's own access only: another hospital's resource never counts as a match.
            const request = parseSearch(resourceType, new URLSearchParams(criteria), searchParameter, {
              lenient: false,
              maxCount: 2,
              defaultCount: 2,
            });
            const found = await executeSearch(
              tx,
              { ...request, count: 2, include: [], total: 'none' },
              p.visibility,
              0,
            );
            const matches = found.matches.filter((match) => admits(p, match));
            if (matches.length > 1)
              throw new StoreError(
                'duplicate',
                `If-None-Exist "${criteria}" matches several ${resourceType} resources`,
                'If-None-Exist',
              );
            const [existing] = matches;
            if (existing) return { stored: existing, created: false };
          }
          const stored = await createResource(tx, input, { owner });
          await recordAudit(
            tx,
            row({ action: 'C', subtype: 'create', outcome: 0, resourceType, resourceId: stored.resource.id }),
          );
          return { stored, created: true };
        });
      },

      async update(resource, updateOptions = {}) {
        const { resourceType, id } = resource;
        const p = await permitOrAudit(
          { resourceType, interaction: 'update' },
          { action: 'U', subtype: 'update', resourceId: id },
        );
        return sql.transaction(async (tx) => {
          const current = await readResource(tx, resourceType, id);
          if (!current || !admits(p, current)) throw notFound(resourceType, id);
          await refuseWorkflowUpdate(tx, current.resource);
          const input = accepted(resource) as Resource & { id: string };
          checkWritable(p, input as FhirResource, current.ownerOrganization);
          const next = await updateResource(tx, input, updateOptions);
          await recordAudit(
            tx,
            row({ action: 'U', subtype: 'update', outcome: 0, resourceType, resourceId: id }),
          );
          return next;
        });
      },

      async readAuditEvent(id) {
        const p = await permitOrAudit(
          { resourceType: 'AuditEvent', interaction: 'read' },
          { action: 'R', subtype: 'read', resourceId: id },
        );
        const event = await readAuditEvent(sql, id);
        if (!event || !matchesFilters(event, p.filters)) throw notFound('AuditEvent', id);
        return event;
      },

      async searchAuditEvents(query) {
        const p = await permitOrAudit(searchRequest('AuditEvent', query), {
          action: 'E',
          subtype: 'search',
          query: query.toString(),
        });
        const page = await searchAuditEvents(sql, query, options.maxCount);
        // The search names the filter's own parameters (searchRequest); this only keeps it exact.
        const events = page.events.filter((event) => matchesFilters(event, p.filters));
        await audit.record(
          row({
            action: 'E',
            subtype: 'search',
            outcome: 0,
            resourceType: 'AuditEvent',
            query: query.toString(),
          }),
        );
        return { ...page, events };
      },
    };
  }

  return { as, audit };
}
