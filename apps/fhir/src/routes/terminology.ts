import { parseSubsetQuery, subsetResource } from '@openpas/fhir-model';
import { type AnyResource, OperationInput, type TerminologyType } from '@openpas/terminology';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formBody } from '../http/body.ts';
import { badRequest } from '../http/errors.ts';
import { FHIR_JSON, sendFhir } from '../http/reply.ts';
import { paramsOf, queryOf } from '../http/request.ts';
import type { ApiContext } from './api-context.ts';

// CodeSystem and ValueSet: the loaded guides' conformance resources, read-only and the same for every
// caller. Any valid access token may read them and use their operations, whatever its scopes: they hold
// no patient or case data (README, "Terminology"). The answers are the terminology package's.

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

/** The operation's parameters: the query string (GET) or a Parameters body (POST). */
function inputOf(request: FastifyRequest): OperationInput {
  return request.method === 'POST'
    ? OperationInput.fromParameters(request.body)
    : OperationInput.fromQuery(queryOf(request));
}

function countOf(query: URLSearchParams): number | undefined {
  const count = query.get('_count');
  if (count === null) return undefined;
  if (!/^\d{1,6}$/.test(count)) throw badRequest('_count must be a whole number', '_count');
  return Number(count);
}

export function terminologyHandlers(
  api: ApiContext,
  type: TerminologyType,
): Record<'read' | 'search' | 'searchPost', Handler> {
  const { terminology, env } = api;
  // The largest code systems are megabytes of JSON: serialised once, on their first read.
  const serialised = new WeakMap<AnyResource, string>();
  const search = (reply: FastifyReply, query: URLSearchParams) => {
    const subset = parseSubsetQuery(query);
    const found = terminology.search(type, query);
    const count = countOf(query);
    const page = count === undefined ? found : found.slice(0, count);
    const self = new URL(`${env.FHIR_BASE_URL}/${type}`);
    for (const [name, value] of query) self.searchParams.append(name, value);
    return sendFhir(reply, 200, {
      resourceType: 'Bundle',
      type: 'searchset',
      total: found.length,
      link: [{ relation: 'self', url: self.toString() }],
      entry: page.map((resource) => ({
        fullUrl: `${env.FHIR_BASE_URL}/${type}/${resource.id}`,
        resource: subsetResource(resource, subset),
        search: { mode: 'match' },
      })),
    });
  };
  return {
    async read(request, reply) {
      const resource = terminology.read(type, paramsOf(request).id);
      const subset = subsetResource(resource, parseSubsetQuery(queryOf(request)));
      if (subset !== resource) return sendFhir(reply, 200, subset);
      let body = serialised.get(resource);
      if (body === undefined) {
        body = JSON.stringify(resource);
        serialised.set(resource, body);
      }
      return reply.code(200).type(FHIR_JSON).send(body);
    },
    search: async (request, reply) => search(reply, queryOf(request)),
    searchPost: async (request, reply) => search(reply, formBody(request.body)),
  };
}

export function terminologyOperations(
  api: ApiContext,
): Record<'expand' | 'lookup' | 'validateCode' | 'validateCodeInSystem', Handler> {
  const { terminology } = api;
  const id = (request: FastifyRequest) => paramsOf(request).id || undefined;
  return {
    expand: async (request, reply) => sendFhir(reply, 200, terminology.expand(inputOf(request), id(request))),
    lookup: async (request, reply) => sendFhir(reply, 200, terminology.lookup(inputOf(request))),
    validateCode: async (request, reply) =>
      sendFhir(reply, 200, terminology.validateCode(inputOf(request), id(request))),
    validateCodeInSystem: async (request, reply) =>
      sendFhir(reply, 200, terminology.validateCodeInSystem(inputOf(request), id(request))),
  };
}
