import { clientMetadataProblems, type MetadataPolicy } from '@openpas/client-metadata';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { errors } from 'oidc-provider';
import { CLIENT_SCOPE_PROPERTY } from './client-scopes.ts';

// RFC 7591 registration (and RFC 7592 updates) refuse metadata that could never work — or should never be
// allowed — at once, with @openpas/client-metadata's rules, the ones the portal's developer console uses
// too, instead of leaving the surprise for after an administrator's approval. Stored clients (seeded,
// approved by an administrator) are not re-checked when they are loaded.

const REGISTERING: ReadonlySet<string> = new Set(['registration', 'client_update']);

/**
 * Called from oidc-provider's extraClientMetadata.validator with the metadata being registered. Throws
 * InvalidClientMetadata, which oidc-provider answers as 400 `invalid_redirect_uri` when the description
 * starts with `redirect_uris`, else `invalid_client_metadata`.
 */
export function checkRegistration(
  ctx: KoaContextWithOIDC | undefined,
  metadata: Record<string, unknown>,
  policy: MetadataPolicy,
): void {
  const route = ctx?.oidc?.route;
  if (route === undefined || !REGISTERING.has(route)) return;
  const scope = metadata[CLIENT_SCOPE_PROPERTY] ?? metadata.scope;
  const [problem] = clientMetadataProblems({ ...metadata, scope }, policy);
  if (problem) throw new errors.InvalidClientMetadata(problem.description);
}
