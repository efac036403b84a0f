import { checkKnownElements, parseSubsetQuery, type Resource } from '@openpas/fhir-model';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formBody, resourceBody } from '../http/body.ts';
import { badRequest } from '../http/errors.ts';
import { sendFhir, sendFhirText, sendStored, sendWritten, versionHeaders } from '../http/reply.ts';
import { callerOf, header, paramsOf, queryOf } from '../http/request.ts';
import type { ApiContext } from './api-context.ts';
import { searchsetJson } from './searchset.ts';

// The generic REST interactions: each asks the guarded store as the caller and answers what it returns.
// Access (scopes, compartment, granular filters, workflow ownership) and audit are the store's.

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

export function expectedVersion(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^(?:W\/)?"(\d+)"$/.exec(ifMatch.trim());
  if (!match) throw badRequest('If-Match must be an ETag such as W/"3"', 'If-Match');
  return Number(match[1]);
}

function lenient(request: FastifyRequest): boolean {
  return /handling\s*=\s*lenient/i.test(header(request, 'prefer') ?? '');
}

export function restHandlers(
  api: ApiContext,
): Record<'read' | 'vread' | 'history' | 'search' | 'searchPost' | 'create' | 'update', Handler> {
  const { env } = api;
  const as = (request: FastifyRequest) => api.store.as(callerOf(request), request.id);
  const search = async (request: FastifyRequest, reply: FastifyReply, query: URLSearchParams) => {
    const { type } = paramsOf(request);
    const found = await as(request).search(type, query, {
      lenient: lenient(request),
      defaultCount: 20,
      maxCount: env.FHIR_MAX_COUNT,
    });
    return sendFhirText(reply, 200, searchsetJson(env.FHIR_BASE_URL, type, query, found));
  };
  return {
    async read(request, reply) {
      const { type, id } = paramsOf(request);
      const subset = parseSubsetQuery(queryOf(request));
      const stored = await as(request).read(type, id);
      return sendStored(reply, stored, subset, versionHeaders(stored));
    },
    async vread(request, reply) {
      const { type, id, vid } = paramsOf(request);
      if (!/^\d{1,9}$/.test(vid)) throw badRequest(`"${vid}" is not a version id`);
      const subset = parseSubsetQuery(queryOf(request));
      const stored = await as(request).vread(type, id, Number(vid));
      return sendStored(reply, stored, subset, versionHeaders(stored));
    },
    async history(request, reply) {
      const { type, id } = paramsOf(request);
      const versions = await as(request).history(type, id);
      return sendFhir(reply, 200, {
        resourceType: 'Bundle',
        type: 'history',
        total: versions.length,
        link: [{ relation: 'self', url: `${env.FHIR_BASE_URL}/${type}/${id}/_history` }],
        // Only version 1 was a create: a granular scope or the history limit may hide the earliest versions.
        entry: versions.map((version) => ({
          fullUrl: `${env.FHIR_BASE_URL}/${type}/${id}`,
          resource: version.resource,
          request: {
            method: version.versionId === 1 ? 'POST' : 'PUT',
            url: version.versionId === 1 ? type : `${type}/${id}`,
          },
          response: {
            status: version.versionId === 1 ? '201 Created' : '200 OK',
            etag: `W/"${version.versionId}"`,
            lastModified: version.lastUpdated.toISOString(),
          },
        })),
      });
    },
    search: (request, reply) => search(request, reply, queryOf(request)),
    searchPost: (request, reply) => search(request, reply, formBody(request.body)),
    async create(request, reply) {
      const { type } = paramsOf(request);
      const resource = resourceBody(request.body, type) as unknown as Resource;
      checkKnownElements(resource);
      const condition = header(request, 'if-none-exist');
      const { stored, created } = await as(request).create(resource, {
        ...(condition !== undefined ? { ifNoneExist: condition.replace(/^.*\?/, '') } : {}),
      });
      if (!created) return sendFhir(reply, 200, stored.resource, versionHeaders(stored));
      return sendWritten(reply, 201, stored, env.FHIR_BASE_URL, header(request, 'prefer'));
    },
    async update(request, reply) {
      const { type, id } = paramsOf(request);
      const body = resourceBody(request.body, type);
      checkKnownElements(body);
      if (body.id !== id)
        throw badRequest(`the body's id (${String(body.id)}) must equal the URL's (${id})`, 'id');
      const version = expectedVersion(header(request, 'if-match'));
      const stored = await as(request).update(
        { ...(body as unknown as Resource), id },
        version === undefined ? {} : { expectedVersion: version },
      );
      return sendWritten(reply, 200, stored, env.FHIR_BASE_URL, header(request, 'prefer'));
    },
  };
}
