import type { FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { ApiContext } from './api-context.ts';
import { auditEventHandlers } from './audit-events.ts';
import { caseHandlers } from './case-operations.ts';
import { restHandlers } from './rest.ts';
import { terminologyHandlers, terminologyOperations } from './terminology.ts';
import { validateHandlers } from './validate.ts';

export interface FhirRoute {
  method: HTTPMethods | HTTPMethods[];
  /** Below the FHIR base */
  url: string;
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;
  /** Reads a request Bundle: handled a few at a time (FHIR_SUBMIT_CONCURRENCY), the rest wait unread */
  bundleBody?: true;
  /** `:type` may not name a read-only type (AuditEvent) */
  writes?: true;
}

/**
 * Every interaction and operation of the FHIR API, below the base and behind the token check. A static
 * segment wins over `:type` for the same method, so the workflow's routes come first only for reading.
 */
export function fhirRouteTable(api: ApiContext): FhirRoute[] {
  const rest = restHandlers(api);
  const cases = caseHandlers(api);
  const audit = auditEventHandlers(api);
  const validate = validateHandlers(api);
  const codeSystems = terminologyHandlers(api, 'CodeSystem');
  const valueSets = terminologyHandlers(api, 'ValueSet');
  const terminology = terminologyOperations(api);
  return [
    // The workflow: submissions, the dry run, the payer's decision and its metrics.
    { method: 'POST', url: '/Bundle', handler: cases.submit, bundleBody: true },
    { method: 'POST', url: '/Bundle/$validate', handler: validate.bundle, bundleBody: true },
    { method: 'POST', url: '/ClaimResponse/:id/$decide', handler: cases.decide },
    { method: 'PUT', url: '/ClaimResponse/:id', handler: cases.updateResponse },
    { method: 'GET', url: '/ClaimResponse/$decision-metrics', handler: cases.metrics },
    // The audit trail, read-only.
    { method: 'GET', url: '/AuditEvent', handler: audit.search },
    { method: 'GET', url: '/AuditEvent/:id', handler: audit.read },
    // $validate of any other resource, against the loaded guides (nothing stored).
    { method: 'POST', url: '/:type/$validate', handler: validate.resource, bundleBody: true, writes: true },
    {
      method: 'POST',
      url: '/:type/:id/$validate',
      handler: validate.resource,
      bundleBody: true,
      writes: true,
    },
    // Terminology: the loaded guides' code systems and value sets, read-only, for any valid token.
    { method: 'GET', url: '/CodeSystem', handler: codeSystems.search },
    { method: 'POST', url: '/CodeSystem/_search', handler: codeSystems.searchPost },
    { method: 'GET', url: '/CodeSystem/:id', handler: codeSystems.read },
    { method: ['GET', 'POST'], url: '/CodeSystem/$lookup', handler: terminology.lookup },
    { method: ['GET', 'POST'], url: '/CodeSystem/$validate-code', handler: terminology.validateCodeInSystem },
    {
      method: ['GET', 'POST'],
      url: '/CodeSystem/:id/$validate-code',
      handler: terminology.validateCodeInSystem,
    },
    { method: 'GET', url: '/ValueSet', handler: valueSets.search },
    { method: 'POST', url: '/ValueSet/_search', handler: valueSets.searchPost },
    { method: 'GET', url: '/ValueSet/:id', handler: valueSets.read },
    { method: ['GET', 'POST'], url: '/ValueSet/$expand', handler: terminology.expand },
    { method: ['GET', 'POST'], url: '/ValueSet/:id/$expand', handler: terminology.expand },
    { method: ['GET', 'POST'], url: '/ValueSet/$validate-code', handler: terminology.validateCode },
    { method: ['GET', 'POST'], url: '/ValueSet/:id/$validate-code', handler: terminology.validateCode },
    // The generic REST interactions on every other type.
    { method: 'GET', url: '/:type', handler: rest.search },
    { method: 'POST', url: '/:type/_search', handler: rest.searchPost },
    { method: 'POST', url: '/:type', handler: rest.create, writes: true },
    { method: 'GET', url: '/:type/:id', handler: rest.read },
    { method: 'PUT', url: '/:type/:id', handler: rest.update, writes: true },
    { method: 'GET', url: '/:type/:id/_history', handler: rest.history },
    { method: 'GET', url: '/:type/:id/_history/:vid', handler: rest.vread },
  ];
}
