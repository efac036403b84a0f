import { validateCase, validateResource } from '@openpas/cases';
import type { Bundle } from '@openpas/fhir-model';
import { toOperationOutcome } from '@openpas/twpas-validation';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { resourceBody } from '../http/body.ts';
import { languageOf } from '../http/error-map.ts';
import { badRequest } from '../http/errors.ts';
import { sendFhir } from '../http/reply.ts';
import { callerOf, header, paramsOf, queryOf } from '../http/request.ts';
import type { ApiContext } from './api-context.ts';

// $validate (https://hl7.org/fhir/R4/resource-operation-validate.html): POST [type]/$validate and
// POST [type]/[id]/$validate with the resource as the body, or a Parameters holding it as `resource`;
// `profile` as a parameter or in the query. The answer is an OperationOutcome (200) from both layers;
// Bundle/$validate is the submission's dry run (packages/cases validateCase), every other type
// validateResource.

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

interface ValidateRequest {
  resource: Record<string, unknown>;
  profile: string | undefined;
}

type Parameter = { name?: unknown; resource?: unknown; [key: string]: unknown };

function parameterValue(parameter: Parameter): string | undefined {
  for (const key of ['valueCanonical', 'valueUri', 'valueUrl', 'valueString']) {
    if (typeof parameter[key] === 'string') return parameter[key] as string;
  }
  return undefined;
}

/** The resource to validate and the profile asked for, from the body and the query. */
export function validateRequestOf(request: FastifyRequest, type: string): ValidateRequest {
  const query = queryOf(request).get('profile') ?? undefined;
  const body = request.body as { resourceType?: unknown; parameter?: unknown } | undefined;
  if (type !== 'Parameters' && body && typeof body === 'object' && body.resourceType === 'Parameters') {
    const parameters = (Array.isArray(body.parameter) ? body.parameter : []) as Parameter[];
    const resources = parameters.filter((p) => p?.name === 'resource');
    if (resources.length !== 1)
      throw badRequest(
        'a Parameters body holds the resource to validate as one parameter "resource"',
        'resource',
      );
    const profiles = parameters.filter((p) => p?.name === 'profile').map(parameterValue);
    if (profiles.length > 1 || profiles.includes(undefined))
      throw badRequest('"profile" is one canonical URL', 'profile');
    return {
      resource: resourceBody(resources[0]?.resource, type),
      profile: profiles[0] ?? query,
    };
  }
  return { resource: resourceBody(request.body, type), profile: query };
}

export function validateHandlers(api: ApiContext): Record<'bundle' | 'resource', Handler> {
  const settings = api.submissions;
  const answer = (
    request: FastifyRequest,
    reply: FastifyReply,
    issues: Parameters<typeof toOperationOutcome>[0],
  ) => sendFhir(reply, 200, toOperationOutcome(issues, languageOf(header(request, 'accept-language'))));
  return {
    async bundle(request, reply) {
      const { resource, profile } = validateRequestOf(request, 'Bundle');
      const issues = await validateCase(settings, callerOf(request), resource as unknown as Bundle, {
        profile,
      });
      return answer(request, reply, issues);
    },
    async resource(request, reply) {
      const { type, id } = paramsOf(request);
      const { resource, profile } = validateRequestOf(request, type);
      if (id && resource.id !== undefined && resource.id !== id)
        throw badRequest(`the resource's id (${String(resource.id)}) must equal the URL's (${id})`, 'id');
      const issues = await validateResource(settings, callerOf(request), {
        resourceType: type,
        resource,
        profile,
        id: id || undefined,
      });
      return answer(request, reply, issues);
    },
  };
}
