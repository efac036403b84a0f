import type { JWK } from 'jose';

/** JWK members that hold secret material (RFC 7518 §6.2.2, §6.3.2, §6.4; `priv` for AKP keys). */
const SECRET_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'] as const;

/** The public members of each key type we can strip a private key down to. */
const PUBLIC_MEMBERS: Record<string, readonly string[]> = {
  RSA: ['n', 'e'],
  EC: ['crv', 'x', 'y'],
  OKP: ['crv', 'x'],
  AKP: ['pub'],
};

/** Metadata members kept on a public key. `key_ops` is dropped: a private key's `sign` does not carry over. */
const METADATA_MEMBERS = ['kid', 'alg', 'use'] as const;

/** Whether a JWK carries secret material: a private key, or a symmetric (`oct`) key, which is all secret. */
export function hasSecretMembers(jwk: JWK): boolean {
  return jwk.kty === 'oct' || SECRET_MEMBERS.some((member) => jwk[member] !== undefined);
}

/** The public half of a private (or already public) asymmetric JWK, keeping only `kid`, `alg` and `use` besides. */
export function publicJwkOf(privateJwk: JWK): JWK {
  const kty = privateJwk.kty;
  const members = kty === undefined ? undefined : PUBLIC_MEMBERS[kty];
  if (kty === undefined || members === undefined) {
    throw new TypeError('publicJwkOf needs an RSA, EC, OKP or AKP key; symmetric keys have no public half');
  }
  const source = privateJwk as Record<string, unknown>;
  const out: Record<string, unknown> = { kty };
  for (const member of [...members, ...METADATA_MEMBERS]) {
    if (source[member] !== undefined) out[member] = source[member];
  }
  return out as JWK;
}
