import { type SubsetOptions, subsetResource, subsets } from '@openpas/fhir-model';
import { type StoredResource, storedBody } from '@openpas/fhir-store';
import type { FastifyReply } from 'fastify';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export function sendFhir(
  reply: FastifyReply,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): FastifyReply {
  return sendFhirText(reply, status, JSON.stringify(body), headers);
}

/** A FHIR answer already written as JSON text (or its UTF-8 bytes). */
export function sendFhirText(
  reply: FastifyReply,
  status: number,
  json: string | Buffer,
  headers: Record<string, string> = {},
): FastifyReply {
  return reply.code(status).headers(headers).type(FHIR_JSON).send(json);
}

/** A stored resource, or the part of it that `_summary`/`_elements` ask for. */
export function sendStored(
  reply: FastifyReply,
  stored: StoredResource,
  subset: SubsetOptions,
  headers: Record<string, string>,
): FastifyReply {
  if (subsets(subset)) return sendFhir(reply, 200, subsetResource(stored.resource, subset), headers);
  return sendFhirText(reply, 200, storedBody(stored), headers);
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
