import type { StoredResource } from '@openpas/fhir-store';
import type { FastifyReply } from 'fastify';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export function sendFhir(
  reply: FastifyReply,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): FastifyReply {
  return reply.code(status).headers(headers).type(FHIR_JSON).send(JSON.stringify(body));
}

export function versionHeaders(stored: StoredResource): Record<string, string> {
  return { ETag: `W/"${stored.versionId}"`, 'Last-Modified': stored.lastUpdated.toUTCString() };
}

/** `Prefer: return=minimal | representation | OperationOutcome` for create and update. */
export function sendWritten(
  reply: FastifyReply,
  status: 200 | 201,
  stored: StoredResource,
  base: string,
  prefer: string | string[] | undefined,
): FastifyReply {
  const location = `${base}/${stored.resource.resourceType}/${stored.resource.id}/_history/${stored.versionId}`;
  const headers = { ...versionHeaders(stored), Location: location };
  const mode = /return=(minimal|representation|OperationOutcome)/i
    .exec(String(prefer ?? ''))?.[1]
    ?.toLowerCase();
  if (mode === 'minimal') return reply.code(status).headers(headers).send();
  if (mode === 'operationoutcome')
    return sendFhir(
      reply,
      status,
      {
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'information',
            code: 'informational',
            diagnostics: `${status === 201 ? 'created' : 'updated'} ${location}`,
          },
        ],
      },
      headers,
    );
  return sendFhir(reply, status, stored.resource, headers);
}
