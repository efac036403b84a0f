// Builds token requests that each carry a fresh client assertion. Signing is done before the run (on the
// thread pool, both cores), so the load generator measures the server, not its own signing.
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import type autocannon from 'autocannon';

type SetupRequest = (request: autocannon.Request, context: object) => autocannon.Request;

interface Options {
  clientId: string;
  audience: string;
  privateJwk: { kty: string; crv?: string; alg: string; kid: string; [member: string]: unknown };
  scope: string;
  count: number;
}

const HASH: Record<string, string> = { ES256: 'sha256', ES384: 'sha384', RS256: 'sha256', RS384: 'sha384' };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function signAsync(alg: string, input: string, key: ReturnType<typeof createPrivateKey>): Promise<string> {
  return new Promise((done, fail) =>
    sign(
      HASH[alg] ?? 'sha256',
      Buffer.from(input),
      alg.startsWith('ES') ? { key, dsaEncoding: 'ieee-p1363' } : key,
      (error, signature) => (error ? fail(error) : done(signature.toString('base64url'))),
    ),
  );
}

export async function createRequestFactory(raw: Record<string, unknown>): Promise<SetupRequest> {
  const options = raw as unknown as Options;
  const key = createPrivateKey({ key: options.privateJwk as never, format: 'jwk' });
  const header = b64({ alg: options.privateJwk.alg, kid: options.privateJwk.kid, typ: 'JWT' });
  const now = Math.floor(Date.now() / 1000);
  const bodies: string[] = [];
  const batch = 256;
  for (let start = 0; start < options.count; start += batch) {
    const signed = await Promise.all(
      Array.from({ length: Math.min(batch, options.count - start) }, async () => {
        const claims = b64({
          iss: options.clientId,
          sub: options.clientId,
          aud: options.audience,
          iat: now,
          exp: now + 290,
          jti: randomUUID(),
        });
        const input = `${header}.${claims}`;
        return `${input}.${await signAsync(options.privateJwk.alg, input, key)}`;
      }),
    );
    for (const assertion of signed) {
      bodies.push(
        new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
          scope: options.scope,
        }).toString(),
      );
    }
  }
  let next = 0;
  return (request) => ({
    ...request,
    method: 'POST',
    path: new URL(options.audience).pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: bodies[next++ % bodies.length],
  });
}
