// The FHIR API as the signed-in reviewer: each call with the session's live access token (refreshed when
// due). A 401 means the grant is gone (revoked, expired): the session forgets it and the reviewer signs in
// again. Nothing of the call is logged beyond its path.
import { FhirAccessNeeded, type FhirGateway, storeSessionFhirAccess } from '@openpas/api';
import { fhirAccessToken } from './fhir-access.ts';
import { runtime } from './runtime.ts';

const TIMEOUT_MS = 15_000;

export function fhirGateway(sessionToken: string | undefined): FhirGateway | null {
  if (!sessionToken) return null;
  return {
    async request(path, init = {}) {
      const { env, sql } = await runtime();
      const token = await fhirAccessToken(sessionToken);
      if (!token) throw new FhirAccessNeeded();
      const response = await fetch(`${env.FHIR_BASE_URL.replace(/\/+$/, '')}/${path}`, {
        method: init.method ?? 'GET',
        headers: {
          accept: 'application/fhir+json',
          authorization: `Bearer ${token}`,
          ...(init.body !== undefined ? { 'content-type': 'application/fhir+json' } : {}),
          ...(init.ifMatch ? { 'if-match': init.ifMatch } : {}),
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (response.status === 401) {
        await storeSessionFhirAccess(sql, sessionToken, null);
        throw new FhirAccessNeeded();
      }
      const text = await response.text();
      let body: unknown = null;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          body = null;
        }
      }
      return { status: response.status, body, etag: response.headers.get('etag') };
    },
  };
}
