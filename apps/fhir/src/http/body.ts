import type { IncomingMessage } from 'node:http';
import { checkJsonDepth } from '@openpas/fhir';
import { badRequest, FhirHttpError } from './errors.ts';

const FHIR_JSON = /^application\/(fhir\+)?json\s*(;.*)?$/i;

/** Reads and parses a FHIR JSON body: 415 for another media type, 413 over the limit, 400 for bad JSON. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!FHIR_JSON.test(type)) {
    throw new FhirHttpError(
      415,
      'not-supported',
      `Content-Type must be application/fhir+json (got "${type || 'none'}")`,
    );
  }
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > limit) throw new FhirHttpError(413, 'too-costly', `the body is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new FhirHttpError(413, 'too-costly', `the body is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (error) {
    throw badRequest(`the body is not valid JSON: ${(error as Error).message}`);
  }
  checkJsonDepth(body);
  return body;
}

/** A resource body: a JSON object whose resourceType is the expected one. */
export function asResource(
  body: unknown,
  expectedType: string,
): { resourceType: string; id?: string; [key: string]: unknown } {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('the body must be a FHIR resource (a JSON object)');
  const resource = body as { resourceType?: unknown; id?: unknown };
  if (resource.resourceType !== expectedType) {
    throw new FhirHttpError(
      400,
      'invalid',
      `resourceType must be ${expectedType} (got ${JSON.stringify(resource.resourceType)})`,
      'resourceType',
    );
  }
  return body as { resourceType: string; id?: string };
}
