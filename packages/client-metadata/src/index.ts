export { type ClientMetadataInput, clientMetadataProblems } from './metadata.ts';
export type { MetadataPolicy, MetadataProblem } from './policy.ts';
export { CLIENT_SCOPE_CEILING, checkClientScopes } from './scopes.ts';
export { checkJwksUri, checkRedirectUri, checkWebUri } from './uris.ts';
