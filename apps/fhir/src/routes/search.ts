import type { IncomingMessage } from 'node:http';
import { type Bundle, searchsetProfiles, subsetResource } from '@openpas/fhir';
import {
  decodeCursor,
  executeSearch,
  nextPageCursor,
  parseSearch,
  SearchError,
  searchParameter,
} from '@openpas/fhir-store';
import { authorize } from '../auth/authorize.ts';
import { FhirHttpError } from '../http/errors.ts';
import { sendFhir } from '../http/respond.ts';
import type { Interaction } from './context.ts';

function lenient(req: IncomingMessage): boolean {
  return /handling\s*=\s*lenient/i.test(String(req.headers.prefer ?? ''));
}

/** GET [type]?… and POST [type]/_search: a searchset Bundle inside the caller's compartment. */
export async function search(interaction: Interaction, query: URLSearchParams): Promise<void> {
  const { resourceType, access, env, req } = interaction;
  const paramNames = [...new Set(query.keys())];
  let visibility: ReturnType<typeof authorize>['visibility'];
  try {
    ({ visibility } = authorize(access, {
      resourceType,
      interaction: 'search',
      params: Object.fromEntries(paramNames.map((name) => [name, query.getAll(name)])),
    }));
  } catch (error) {
    await interaction.audit.record({
      action: 'E',
      subtype: 'search',
      outcome: 4,
      outcomeDesc: 'scope refused',
      access,
      requestId: interaction.requestId,
      resourceType,
      query: query.toString(),
    });
    throw error;
  }
  let request: ReturnType<typeof parseSearch>;
  try {
    request = parseSearch(resourceType, query, searchParameter, {
      lenient: lenient(req),
      maxCount: env.FHIR_MAX_COUNT,
      defaultCount: 20,
    });
  } catch (error) {
    if (error instanceof SearchError)
      throw new FhirHttpError(error.status, 'invalid', error.message, error.expression);
    throw error;
  }
  const offset = request.cursor ? decodeCursor(request.cursor).offset : 0;
  const result = await executeSearch(interaction.sql, request, visibility, offset);
  await interaction.audit.record({
    action: 'E',
    subtype: 'search',
    outcome: 0,
    access,
    requestId: interaction.requestId,
    resourceType,
    query: query.toString(),
  });

  const self = new URL(`${env.FHIR_BASE_URL}/${resourceType}`);
  for (const [name, value] of query)
    if (name !== '_cursor' && name !== '_page') self.searchParams.append(name, value);
  const link = [{ relation: 'self', url: self.toString() }];
  const cursor = nextPageCursor({ offset, count: request.count, hasNext: result.hasNext });
  if (cursor) {
    const next = new URL(self);
    next.searchParams.set('_cursor', cursor);
    link.push({ relation: 'next', url: next.toString() });
  }
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(result.total !== undefined ? { total: result.total } : {}),
    link,
    entry: [
      ...result.matches.map((match) => ({
        fullUrl: `${env.FHIR_BASE_URL}/${match.resource.resourceType}/${match.resource.id}`,
        resource: request.subset ? subsetResource(match.resource, request.subset) : match.resource,
        search: { mode: 'match' as const },
      })),
      ...result.included.map((item) => ({
        fullUrl: `${env.FHIR_BASE_URL}/${item.resource.resourceType}/${item.resource.id}`,
        resource: item.resource,
        search: { mode: 'include' as const },
      })),
    ],
  };
  const profile = searchsetProfiles(bundle);
  const { resourceType: bundleType, ...rest } = bundle;
  sendFhir(
    interaction.res,
    200,
    profile.length > 0 ? { resourceType: bundleType, meta: { profile }, ...rest } : bundle,
  );
}
