// This deployment's endpoints and capabilities as its servers announce them, read when a page asks: the
// authorization server's SMART and OpenID Connect discovery documents and the FHIR API's
// CapabilityStatement. A server that does not answer, or answers something else, is reported as such.

export type JsonObject = Record<string, unknown>;

export type Fetched =
  | { ok: true; url: string; document: JsonObject }
  | { ok: false; url: string; problem: 'unreachable' | 'status' | 'not-json'; status?: number };

const TIMEOUT_MS = 5000;

export async function fetchJson(url: string, timeoutMs = TIMEOUT_MS): Promise<Fetched> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json, application/fhir+json' },
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    return { ok: false, url, problem: 'unreachable' };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { ok: false, url, problem: 'status', status: response.status };
  }
  try {
    const document: unknown = await response.json();
    if (document && typeof document === 'object' && !Array.isArray(document))
      return { ok: true, url, document: document as JsonObject };
  } catch {}
  return { ok: false, url, problem: 'not-json', status: response.status };
}

const trimmed = (url: string) => url.replace(/\/+$/, '');

export function smartConfigurationUrl(issuer: string): string {
  return `${trimmed(issuer)}/.well-known/smart-configuration`;
}

export function openidConfigurationUrl(issuer: string): string {
  return `${trimmed(issuer)}/.well-known/openid-configuration`;
}

export function metadataUrl(fhirBase: string): string {
  return `${trimmed(fhirBase)}/metadata`;
}

export function readSmartConfiguration(issuer: string): Promise<Fetched> {
  return fetchJson(smartConfigurationUrl(issuer));
}

export function readOpenidConfiguration(issuer: string): Promise<Fetched> {
  return fetchJson(openidConfigurationUrl(issuer));
}

export function readCapabilityStatement(fhirBase: string): Promise<Fetched> {
  return fetchJson(metadataUrl(fhirBase));
}
