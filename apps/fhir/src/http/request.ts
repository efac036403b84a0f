import type { Caller } from '@openpas/fhir-store';
import type { FastifyRequest } from 'fastify';
import { FhirHttpError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling: set by the authentication hook of the FHIR routes before any handler runs */
    caller: Caller | undefined;
  }
}

/** The caller of an authenticated route (the hook has set it; a route outside that scope has none). */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new FhirHttpError(500, 'exception', 'unexpected error');
  return request.caller;
}

export function paramsOf(request: FastifyRequest): { type: string; id: string; vid: string } {
  const params = request.params as Partial<Record<'type' | 'id' | 'vid', string>>;
  return { type: params.type ?? '', id: params.id ?? '', vid: params.vid ?? '' };
}

/** The query string as URLSearchParams (repeated parameters kept, in order). */
export function queryOf(request: FastifyRequest): URLSearchParams {
  const at = request.url.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : request.url.slice(at + 1));
}

export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
