import { z } from 'zod';
import type { MetadataPolicy, MetadataProblem } from './policy.ts';
import { checkClientScopes } from './scopes.ts';
import { checkJwksUri, checkRedirectUri, checkWebUri } from './uris.ts';

// RFC 7591 client metadata, checked once for every way a client comes to exist: dynamic registration at
// the auth server and the portal's developer console. Only the fields OpenPAS has rules for are read;
// the authorization server still applies its own schema to everything.

const uriList = z.array(z.string(), { error: 'must be an array of strings' });

/** The longest client_name the portal lists (its app names are at most this long too). */
export const MAX_CLIENT_NAME_LENGTH = 80;

const schema = z.looseObject({
  client_name: z
    .string({ error: 'must be a string' })
    .trim()
    .min(2, 'must be at least 2 characters')
    .max(MAX_CLIENT_NAME_LENGTH, `must be at most ${MAX_CLIENT_NAME_LENGTH} characters`)
    .optional(),
  redirect_uris: uriList.optional(),
  post_logout_redirect_uris: uriList.optional(),
  grant_types: z.array(z.string(), { error: 'must be an array of strings' }).optional(),
  scope: z.string({ error: 'must be a string of space-separated scopes' }).optional(),
  jwks_uri: z.string({ error: 'must be a string' }).optional(),
  client_uri: z.string({ error: 'must be a string' }).optional(),
  logo_uri: z.string({ error: 'must be a string' }).optional(),
  policy_uri: z.string({ error: 'must be a string' }).optional(),
  tos_uri: z.string({ error: 'must be a string' }).optional(),
  initiate_login_uri: z.string({ error: 'must be a string' }).optional(),
});

export type ClientMetadataInput = z.infer<typeof schema>;

const WEB_URI_FIELDS = ['client_uri', 'logo_uri', 'policy_uri', 'tos_uri', 'initiate_login_uri'] as const;

/**
 * The problems of registration metadata, in field order (empty when it may be registered). `grant_types`
 * defaults to `authorization_code`, as RFC 7591 says.
 */
export function clientMetadataProblems(metadata: unknown, policy: MetadataPolicy): MetadataProblem[] {
  const parsed = schema.safeParse(metadata);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? 'metadata');
      return {
        error: field === 'redirect_uris' ? 'invalid_redirect_uri' : 'invalid_client_metadata',
        field,
        description: issue.path.length > 0 ? `${field} ${issue.message}` : 'metadata must be a JSON object',
      } satisfies MetadataProblem;
    });
  }
  const value = parsed.data;
  const problems: (MetadataProblem | undefined)[] = [];
  for (const uri of value.redirect_uris ?? []) problems.push(checkRedirectUri(uri, policy));
  for (const uri of value.post_logout_redirect_uris ?? []) {
    const found = checkRedirectUri(uri, policy);
    problems.push(
      found && {
        ...found,
        error: 'invalid_client_metadata',
        field: 'post_logout_redirect_uris',
        description: found.description.replace(/^redirect_uris/, 'post_logout_redirect_uris'),
      },
    );
  }
  if (value.jwks_uri !== undefined) problems.push(checkJwksUri(value.jwks_uri, policy));
  for (const field of WEB_URI_FIELDS) {
    const uri = value[field];
    if (uri !== undefined) problems.push(checkWebUri(field, uri, policy));
  }
  if (value.scope !== undefined) {
    problems.push(checkClientScopes(value.scope, value.grant_types ?? ['authorization_code'], policy));
  }
  return problems.filter((found): found is MetadataProblem => found !== undefined);
}
