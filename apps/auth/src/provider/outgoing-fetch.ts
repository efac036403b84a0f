import { type AddressPolicy, guardedFetch } from '@openpas/jwt';

// oidc-provider fetches what clients point it at (a client's jwks_uri) through its `fetch` option. Ours
// goes through @openpas/jwt's guarded client: the host is resolved, every address must pass the policy
// (production: public addresses only; elsewhere loopback too, for tests and the sandbox), the connection
// goes to the checked address, redirects are not followed, and the answer has a deadline and a size
// limit. Only GETs leave the server: nothing else is enabled that would need more.

const TIMEOUT_MS = 2_500;
const MAX_BYTES = 64 * 1024;

export function outgoingFetch(addresses: AddressPolicy) {
  return async (input: string | URL | Request, options: RequestInit = {}): Promise<Response> => {
    const method = (options.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (method !== 'GET') throw new Error(`outgoing ${method} requests are not made by this server`);
    const url = new URL(input instanceof Request ? input.url : input);
    const body = await guardedFetch(url, {
      addresses,
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_BYTES,
      accept: 'application/json',
    });
    return new Response(Buffer.from(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}
