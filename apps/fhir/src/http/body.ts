import { checkJsonDepth } from '@openpas/fhir-model';
import type { FastifyInstance } from 'fastify';
import { badRequest, FhirHttpError } from './errors.ts';

// The request bodies this API reads, parsed in one place by the framework before any handler runs, under
// one size limit (413 beyond it; a Content-Type without a parser here is 415): FHIR JSON, and the form of
// POST [type]/_search.

export function registerBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  const json = (_request: unknown, body: Buffer, done: (error: Error | null, value?: unknown) => void) => {
    try {
      done(null, parseFhirJson(body));
    } catch (error) {
      done(error as Error);
    }
  };
  app.addContentTypeParser(['application/fhir+json', 'application/json'], { parseAs: 'buffer' }, json);
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, new URLSearchParams(String(body))),
  );
}

/** Parses a FHIR JSON body: 400 for bad JSON and for nesting beyond the limit (checked before anything walks it). */
export function parseFhirJson(body: Buffer): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8')) as unknown;
  } catch (error) {
    throw badRequest(`the body is not valid JSON: ${(error as Error).message}`);
  }
  checkJsonDepth(parsed);
  return parsed;
}

export type ResourceBody = { resourceType: string; id?: string; [key: string]: unknown };

/** A resource body: a JSON object whose resourceType is the expected one. */
export function resourceBody(body: unknown, expectedType: string): ResourceBody {
  if (!body || typeof body !== 'object' || Array.isArray(body) || body instanceof URLSearchParams)
    throw badRequest('the body must be a FHIR resource (a JSON object)');
  const resource = body as { resourceType?: unknown };
  if (resource.resourceType !== expectedType)
    throw new FhirHttpError(
      400,
      'invalid',
      `resourceType must be ${expectedType} (got ${JSON.stringify(resource.resourceType)})`,
      'resourceType',
    );
  return body as ResourceBody;
}

/** The form of POST [type]/_search. */
export function formBody(body: unknown): URLSearchParams {
  if (body instanceof URLSearchParams) return body;
  throw new FhirHttpError(
    415,
    'not-supported',
    'POST _search takes an application/x-www-form-urlencoded body',
  );
}
