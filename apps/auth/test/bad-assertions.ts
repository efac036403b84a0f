import { createHmac, randomUUID } from 'node:crypto';
import { type JWK, publicJwkOf } from '@openpas/jwt';
import { importJWK, SignJWT } from 'jose';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface Claims {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  iat: number;
  jti: string;
}

export function claimsFor(clientId: string, audience: string, overrides: Partial<Claims> = {}): Claims {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: clientId,
    sub: clientId,
    aud: audience,
    exp: now + 60,
    iat: now,
    jti: randomUUID(),
    ...overrides,
  };
}

/** A properly signed assertion with any claims and header we like (for the claim checks). */
export async function signed(
  key: JWK,
  claims: Claims,
  header: Record<string, unknown> = {},
): Promise<string> {
  const alg = String(key.alg);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg, kid: key.kid, typ: 'JWT', ...header })
    .sign(await importJWK(key, alg));
}

/** `alg: none`, no signature. */
export function unsigned(kid: string, claims: Claims): string {
  return `${b64({ alg: 'none', kid, typ: 'JWT' })}.${b64(claims)}.`;
}

/** HS256 keyed with the client's public key: the algorithm-confusion attack. */
export function hmacWithPublicKey(key: JWK, claims: Claims): string {
  const secret = JSON.stringify(publicJwkOf(key));
  const input = `${b64({ alg: 'HS256', kid: key.kid, typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** A valid assertion whose payload was changed after signing. */
export async function tampered(key: JWK, claims: Claims): Promise<string> {
  const [header, , signature] = (await signed(key, claims)).split('.');
  return `${header}.${b64({ ...claims, sub: claims.sub, jti: randomUUID() })}.${signature}`;
}
