import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendFhir } from '../http/reply.ts';
import { callerOf, paramsOf, queryOf } from '../http/request.ts';
import type { ApiContext } from './api-context.ts';

// The audit trail as FHIR AuditEvent resources (read and search); the store opens it to the payer only.

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

export function auditEventHandlers(api: ApiContext): Record<'read' | 'search', Handler> {
  return {
    async read(request, reply) {
      const event = await api.store.as(callerOf(request), request.id).readAuditEvent(paramsOf(request).id);
      return sendFhir(reply, 200, event);
    },
    async search(request, reply) {
      const query = queryOf(request);
      const page = await api.store.as(callerOf(request), request.id).searchAuditEvents(query);
      const base = api.env.FHIR_BASE_URL;
      const link = [{ relation: 'self', url: `${base}/AuditEvent?${query.toString()}` }];
      if (page.next) {
        const next = new URLSearchParams(query);
        next.set('_cursor', page.next);
        link.push({ relation: 'next', url: `${base}/AuditEvent?${next.toString()}` });
      }
      return sendFhir(reply, 200, {
        resourceType: 'Bundle',
        type: 'searchset',
        ...(page.total !== undefined ? { total: page.total } : {}),
        link,
        // FHIR JSON has no empty arrays: a page with no events has no entry.
        ...(page.events.length > 0
          ? {
              entry: page.events.map((event) => ({
                fullUrl: `${base}/AuditEvent/${event.id}`,
                resource: event,
                search: { mode: 'match' },
              })),
            }
          : {}),
      });
    },
  };
}
