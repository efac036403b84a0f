// oidc-provider accepts in a client's `scope` metadata only the scopes it knows (OpenID and launch
// scopes), while SMART clients register resource scopes (system/Bundle.crs …) there too. The full set is
// therefore kept in `openpas_scope` and `scope` keeps the part oidc-provider understands.

export const CLIENT_SCOPE_PROPERTY = 'openpas_scope';

export function splitClientScopes(metadata: Record<string, unknown>, known: ReadonlySet<string>): void {
  if (typeof metadata.scope !== 'string') return;
  const all = metadata.scope.split(' ').filter(Boolean);
  if (metadata[CLIENT_SCOPE_PROPERTY] === undefined) metadata[CLIENT_SCOPE_PROPERTY] = all.join(' ');
  const understood = all.filter((scope) => known.has(scope));
  if (understood.length > 0) metadata.scope = understood.join(' ');
  else delete metadata.scope;
}

/** The client's registered scopes, resource scopes included. */
export function registeredScopes(client: { scope?: string; [key: string]: unknown }): string {
  const full = client[CLIENT_SCOPE_PROPERTY];
  return typeof full === 'string' ? full : (client.scope ?? '');
}
