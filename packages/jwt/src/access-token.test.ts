import { exportSPKI, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type AccessTokenContent,
  signAccessToken,
  type VerifyAccessTokenOptions,
  verifyAccessToken,
} from './access-token.ts';
import { AccessTokenError, type AccessTokenErrorCode } from './errors.ts';
import { StaticJwks } from './jwks-source.ts';
import { KeyRing } from './keyring.ts';
import { signCompact } from './signing-key.ts';
import {
  decodePart,
  ERROR_DESCRIPTION_CHARS,
  handBuiltToken,
  hmacToken,
  ISSUER,
  NOW,
  NOW_S,
  withPayload,
} from './test-fixtures.ts';

const FHIR = 'https://fhir.openpas.example/fhir';
const CONTENT: AccessTokenContent = { sub: 'Practitioner/123', client_id: 'ehr-app', scope: 'user/Claim.rs' };
let ring: KeyRing;

beforeAll(async () => {
  ring = await KeyRing.create(['ES256', 'RS256'], { now: NOW });
});

function issue(options: { lifetimeSeconds?: number; now?: Date; alg?: 'ES256' | 'RS256' } = {}) {
  return signAccessToken(CONTENT, ring, {
    issuer: ISSUER,
    audience: FHIR,
    lifetimeSeconds: options.lifetimeSeconds ?? 300,
    alg: options.alg ?? 'ES256',
    jti: 'at-1',
    now: options.now ?? NOW,
  });
}

function check(token: string, options: Partial<VerifyAccessTokenOptions> = {}) {
  return verifyAccessToken(token, { issuer: ISSUER, audience: FHIR, keys: ring, now: NOW, ...options });
}

/** Signs any payload with the ring's ES256 signer and the given typ. */
async function signCustom(payload: Record<string, unknown>, typ = 'at+jwt') {
  return signCompact(payload, await ring.signer('ES256'), typ);
}

function fullClaims(overrides: Record<string, unknown> = {}) {
  return { ...CONTENT, iss: ISSUER, aud: FHIR, exp: NOW_S + 300, iat: NOW_S, jti: 'at-2', ...overrides };
}

async function refusal(promise: Promise<unknown>): Promise<AccessTokenErrorCode> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AccessTokenError);
  expect((error as AccessTokenError).description).toMatch(ERROR_DESCRIPTION_CHARS);
  return (error as AccessTokenError).code;
}

describe('signAccessToken', () => {
  it('writes typ at+jwt, the signer kid and the RFC 9068 claims', async () => {
    const token = await issue();
    expect(decodePart(token, 0)).toEqual({ alg: 'ES256', kid: ring.signingKid('ES256'), typ: 'at+jwt' });
    expect(decodePart(token, 1)).toEqual({
      sub: 'Practitioner/123',
      client_id: 'ehr-app',
      scope: 'user/Claim.rs',
      iss: ISSUER,
      aud: FHIR,
      exp: NOW_S + 300,
      iat: NOW_S,
      jti: 'at-1',
    });
  });

  it('writes several audiences as an array', async () => {
    const token = await signAccessToken(CONTENT, ring, {
      issuer: ISSUER,
      audience: [FHIR, 'https://other.example'],
      lifetimeSeconds: 60,
      alg: 'RS256',
    });
    expect(decodePart(token, 1).aud).toEqual([FHIR, 'https://other.example']);
  });

  it('refuses claims that only the signer sets, and a missing client_id', async () => {
    const options = { issuer: ISSUER, audience: FHIR, lifetimeSeconds: 60, alg: 'ES256' } as const;
    await expect(signAccessToken({ ...CONTENT, exp: NOW_S + 9999 }, ring, options)).rejects.toThrow(
      TypeError,
    );
    await expect(signAccessToken({ ...CONTENT, iss: 'https://evil.example' }, ring, options)).rejects.toThrow(
      TypeError,
    );
    await expect(signAccessToken({ sub: 'x', client_id: '' }, ring, options)).rejects.toThrow(TypeError);
  });
});

describe('verifyAccessToken', () => {
  it.each(['ES256', 'RS256'] as const)('returns the claims of a token signed with %s', async (alg) => {
    await expect(check(await issue({ alg }))).resolves.toEqual({
      ...CONTENT,
      iss: ISSUER,
      aud: FHIR,
      exp: NOW_S + 300,
      iat: NOW_S,
      jti: 'at-1',
    });
  });

  it('verifies with the published JWK Set as a resource server elsewhere would', async () => {
    const published = new StaticJwks(JSON.parse(JSON.stringify(ring.publicJwks())));
    await expect(check(await issue(), { keys: published })).resolves.toMatchObject({ client_id: 'ehr-app' });
  });

  it('accepts typ application/at+jwt', async () => {
    await expect(check(await signCustom(fullClaims(), 'application/at+jwt'))).resolves.toMatchObject({
      jti: 'at-2',
    });
  });

  it('refuses a tampered payload', async () => {
    const tampered = withPayload(await issue(), fullClaims({ scope: 'user/*.cruds' }));
    expect(await refusal(check(tampered))).toBe('bad_signature');
  });

  it('refuses alg none', async () => {
    const token = handBuiltToken({ alg: 'none', typ: 'at+jwt', kid: ring.signingKid('ES256') }, fullClaims());
    expect(await refusal(check(token))).toBe('alg_not_allowed');
  });

  it('refuses HS256 signed with our public key as the HMAC secret', async () => {
    const kid = ring.signingKid('RS256');
    const jwk = ring.publicJwks().keys.find((key) => key.kid === kid);
    if (jwk === undefined) throw new Error('expected the RS256 key');
    const publicKey = await importJWK(jwk, 'RS256');
    if (!('type' in publicKey)) throw new Error('expected a CryptoKey');
    for (const secret of [await exportSPKI(publicKey), JSON.stringify(jwk)]) {
      const token = hmacToken({ alg: 'HS256', typ: 'at+jwt', kid }, fullClaims(), secret);
      expect(await refusal(check(token))).toBe('alg_not_allowed');
    }
  });

  it('refuses a token from another issuer', async () => {
    expect(await refusal(check(await signCustom(fullClaims({ iss: 'https://evil.example' }))))).toBe(
      'wrong_issuer',
    );
    expect(await refusal(check(await issue(), { issuer: 'https://other-auth.example' }))).toBe(
      'wrong_issuer',
    );
  });

  it('refuses a token meant for another resource server', async () => {
    expect(await refusal(check(await issue(), { audience: 'https://other-fhir.example' }))).toBe(
      'wrong_audience',
    );
    expect(await refusal(check(await signCustom(fullClaims({ aud: [] }))))).toBe('wrong_audience');
  });

  it('refuses an expired token', async () => {
    const token = await issue({ lifetimeSeconds: 60, now: new Date(NOW.getTime() - 120_000) });
    expect(await refusal(check(token))).toBe('expired');
  });

  it('refuses a token that is not valid yet', async () => {
    expect(await refusal(check(await signCustom(fullClaims({ nbf: NOW_S + 120 }))))).toBe('not_yet_valid');
    expect(await refusal(check(await issue({ now: new Date(NOW.getTime() + 120_000) })))).toBe(
      'not_yet_valid',
    );
  });

  it('refuses a wrong or missing typ, such as a client assertion or an id_token', async () => {
    expect(await refusal(check(await signCustom(fullClaims(), 'JWT')))).toBe('typ');
    const noTyp = handBuiltToken({ alg: 'ES256', kid: ring.signingKid('ES256') }, fullClaims(), 'c2ln');
    expect(await refusal(check(noTyp))).toBe('typ');
  });

  it('refuses a kid the key set does not have', async () => {
    const stranger = await KeyRing.create(['ES256'], { now: NOW });
    const token = await signAccessToken(CONTENT, stranger, {
      issuer: ISSUER,
      audience: FHIR,
      lifetimeSeconds: 300,
      alg: 'ES256',
      now: NOW,
    });
    expect(await refusal(check(token))).toBe('unknown_kid');
  });

  it('refuses a token without kid or with an alg outside the allowlist', async () => {
    expect(await refusal(check(handBuiltToken({ alg: 'ES256', typ: 'at+jwt' }, fullClaims(), 'c2ln')))).toBe(
      'missing_kid',
    );
    expect(
      await refusal(check(handBuiltToken({ alg: 'PS256', typ: 'at+jwt', kid: 'k' }, fullClaims(), 'c2ln'))),
    ).toBe('alg_not_allowed');
  });

  it.each(['exp', 'iat', 'sub', 'client_id', 'jti'])('refuses a token without %s', async (claim) => {
    expect(await refusal(check(await signCustom(fullClaims({ [claim]: undefined }))))).toBe('missing_claim');
  });

  it('refuses a token that is not a JWS at all', async () => {
    expect(await refusal(check('opaque-token-value'))).toBe('malformed');
  });
});
