// What the developer's backend service does with its keys: a client-credentials token by private_key_jwt.
import { createClientAssertion, type JWK } from '@openpas/jwt';

export async function requestToken(
  issuer: string,
  clientId: string,
  key: JWK,
  scope: string,
): Promise<{ status: number; body: { access_token?: string; error?: string; error_description?: string } }> {
  const assertion = await createClientAssertion({ clientId, audience: `${issuer}/token`, key });
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

export async function fhirStatus(fhirBase: string, token: string, path: string): Promise<number> {
  const response = await fetch(`${fhirBase}/${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' },
  });
  await response.body?.cancel();
  return response.status;
}

/** RFC 7662 introspection authenticated with client_secret_basic: 200 when the secret is accepted. */
export async function introspectStatus(issuer: string, clientId: string, secret: string): Promise<number> {
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString(
    'base64',
  );
  const response = await fetch(`${issuer}/token/introspection`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}` },
    body: new URLSearchParams({ token: 'not-a-token' }),
  });
  await response.body?.cancel();
  return response.status;
}
