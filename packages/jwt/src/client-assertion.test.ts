import { exportSPKI, importJWK, type JWK, generateKeyPair as joseGenerateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ASSERTION_ALGS, type SigningAlg } from './algorithms.ts';
import {
  createClientAssertion,
  readUnverifiedClientId,
  type VerifyClientAssertionOptions,
  verifyClientAssertion,
} from './client-assertion.ts';
import { AssertionError, type AssertionErrorCode } from './errors.ts';
import { StaticJwks } from './jwks-source.ts';
import type { KeyPairJwks } from './key-pair.ts';
import {
  CLIENT_ID,
  decodePart,
  ERROR_DESCRIPTION_CHARS,
  handBuiltToken,
  hmacToken,
  ISSUER,
  keyPair,
  NOW,
  NOW_S,
  signRaw,
  TOKEN_ENDPOINT,
  withPayload,
} from './test-fixtures.ts';

const pairs = {} as Record<SigningAlg, KeyPairJwks>;
let registered: StaticJwks;

beforeAll(async () => {
  for (const alg of ASSERTION_ALGS) pairs[alg] = await keyPair(alg);
  registered = new StaticJwks({ keys: ASSERTION_ALGS.map((alg) => pairs[alg].publicJwk) });
});

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: CLIENT_ID,
    sub: CLIENT_ID,
    aud: TOKEN_ENDPOINT,
    exp: NOW_S + 60,
    iat: NOW_S,
    jti: 'a-1',
    ...overrides,
  };
}

function kidOf(alg: SigningAlg): string {
  return pairs[alg].publicJwk.kid ?? '';
}

/** Signs the claims with the registered key for `alg`, with header `{ alg, kid, typ: 'JWT', ...header }`. */
function sign(
  payload: Record<string, unknown>,
  alg: SigningAlg = 'RS384',
  header: Record<string, unknown> = {},
) {
  return signRaw(pairs[alg].privateJwk, { alg, kid: kidOf(alg), typ: 'JWT', ...header }, payload);
}

function verify(token: string, options: Partial<VerifyClientAssertionOptions> = {}) {
  return verifyClientAssertion(token, {
    clientId: CLIENT_ID,
    audiences: [TOKEN_ENDPOINT, ISSUER],
    keys: registered,
    now: NOW,
    ...options,
  });
}

async function refusal(promise: Promise<unknown>): Promise<AssertionErrorCode> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AssertionError);
  const { code, description } = error as AssertionError;
  expect(description).toMatch(ERROR_DESCRIPTION_CHARS);
  return code;
}

describe('createClientAssertion', () => {
  it('writes header alg, kid and typ JWT and claims iss = sub = client id, aud, exp, iat and jti', async () => {
    const token = await createClientAssertion({
      clientId: CLIENT_ID,
      audience: TOKEN_ENDPOINT,
      key: pairs.ES384.privateJwk,
      lifetimeSeconds: 120,
      jti: 'fixed-jti',
      now: NOW,
    });
    expect(decodePart(token, 0)).toEqual({ alg: 'ES384', kid: kidOf('ES384'), typ: 'JWT' });
    expect(decodePart(token, 1)).toEqual({
      iss: CLIENT_ID,
      sub: CLIENT_ID,
      aud: TOKEN_ENDPOINT,
      exp: NOW_S + 120,
      iat: NOW_S,
      jti: 'fixed-jti',
    });
  });

  it('defaults to a 60 second lifetime and a fresh random jti each time', async () => {
    const options = { clientId: CLIENT_ID, audience: TOKEN_ENDPOINT, key: pairs.RS384.privateJwk, now: NOW };
    const first = decodePart(await createClientAssertion(options), 1);
    const second = decodePart(await createClientAssertion(options), 1);
    expect(first.exp).toBe(NOW_S + 60);
    expect(first.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.jti).not.toBe(second.jti);
  });

  it('signs with a CryptoKey given together with its kid and alg', async () => {
    const key = await importJWK(pairs.ES256.privateJwk, 'ES256');
    if (!('type' in key)) throw new Error('expected a CryptoKey');
    const token = await createClientAssertion({
      clientId: CLIENT_ID,
      audience: TOKEN_ENDPOINT,
      key: { key, kid: kidOf('ES256'), alg: 'ES256' },
      now: NOW,
    });
    expect((await verify(token)).header.alg).toBe('ES256');
  });

  it('refuses a lifetime of more than 300 seconds', async () => {
    await expect(
      createClientAssertion({
        clientId: CLIENT_ID,
        audience: TOKEN_ENDPOINT,
        key: pairs.RS384.privateJwk,
        lifetimeSeconds: 301,
      }),
    ).rejects.toThrow(RangeError);
  });

  it('refuses a public key, a key without kid and a key whose alg is not allowed', async () => {
    const base = { clientId: CLIENT_ID, audience: TOKEN_ENDPOINT };
    await expect(createClientAssertion({ ...base, key: pairs.RS384.publicJwk })).rejects.toThrow(TypeError);
    const { kid: _kid, ...noKid } = pairs.RS384.privateJwk;
    await expect(createClientAssertion({ ...base, key: noKid })).rejects.toThrow(TypeError);
    await expect(
      createClientAssertion({ ...base, key: { ...pairs.RS384.privateJwk, alg: 'PS384' } }),
    ).rejects.toThrow(TypeError);
  });
});

describe('verifyClientAssertion: round trips', () => {
  it.each(ASSERTION_ALGS)('accepts an assertion made by createClientAssertion with %s', async (alg) => {
    const token = await createClientAssertion({
      clientId: CLIENT_ID,
      audience: TOKEN_ENDPOINT,
      key: pairs[alg].privateJwk,
      jti: `jti-${alg}`,
      now: NOW,
    });
    const verified = await verify(token);
    expect(verified).toEqual({
      clientId: CLIENT_ID,
      jti: `jti-${alg}`,
      exp: NOW_S + 60,
      iat: NOW_S,
      header: { alg, kid: kidOf(alg), typ: 'JWT' },
    });
  });

  it('accepts aud equal to the token endpoint and aud equal to the issuer', async () => {
    await expect(verify(await sign(claims({ aud: TOKEN_ENDPOINT })))).resolves.toMatchObject({
      clientId: CLIENT_ID,
    });
    await expect(verify(await sign(claims({ aud: ISSUER })))).resolves.toMatchObject({ clientId: CLIENT_ID });
  });

  it('accepts aud as an array that contains the token endpoint', async () => {
    const token = await sign(claims({ aud: ['https://elsewhere.example', TOKEN_ENDPOINT] }));
    await expect(verify(token)).resolves.toMatchObject({ clientId: CLIENT_ID });
  });

  it('accepts a token without typ', async () => {
    const token = await signRaw(pairs.RS384.privateJwk, { alg: 'RS384', kid: kidOf('RS384') }, claims());
    await expect(verify(token)).resolves.toMatchObject({ jti: 'a-1' });
  });

  it('reads the client id from iss when no client id is expected', async () => {
    const token = await sign(claims({ iss: 'other-client', sub: 'other-client' }));
    await expect(verify(token, { clientId: undefined })).resolves.toMatchObject({ clientId: 'other-client' });
  });

  it('accepts exp exactly five minutes ahead and an exp within the clock tolerance in the past', async () => {
    await expect(verify(await sign(claims({ exp: NOW_S + 300 })))).resolves.toMatchObject({
      exp: NOW_S + 300,
    });
    await expect(verify(await sign(claims({ exp: NOW_S - 3 })))).resolves.toMatchObject({ exp: NOW_S - 3 });
  });

  it('picks the key whose type fits the alg when an RSA and an EC key share a kid', async () => {
    const shared = new StaticJwks({
      keys: [
        { ...pairs.RS256.publicJwk, kid: 'shared' },
        { ...pairs.ES256.publicJwk, kid: 'shared' },
      ],
    });
    const token = await sign(claims(), 'ES256', { kid: 'shared' });
    await expect(verify(token, { keys: shared })).resolves.toMatchObject({
      header: { alg: 'ES256', kid: 'shared' },
    });
  });

  it('verifies the same assertion twice: replay is left to the caller, who gets jti and exp', async () => {
    const token = await sign(claims({ jti: 'once-only' }));
    const first = await verify(token);
    const second = await verify(token);
    expect([first.jti, first.exp]).toEqual(['once-only', NOW_S + 60]);
    expect(second.jti).toBe('once-only');
  });

  it('reads the unverified client id from iss so the caller can find the client keys', async () => {
    expect(readUnverifiedClientId(await sign(claims()))).toBe(CLIENT_ID);
    expect(readUnverifiedClientId('not a token')).toBeUndefined();
  });
});

describe('verifyClientAssertion: algorithm attacks', () => {
  it('refuses alg none on a hand-built unsigned token', async () => {
    expect(await refusal(verify(handBuiltToken({ alg: 'none', typ: 'JWT' }, claims())))).toBe(
      'alg_not_allowed',
    );
    const withKid = handBuiltToken({ alg: 'none', kid: kidOf('RS384'), typ: 'JWT' }, claims());
    expect(await refusal(verify(withKid))).toBe('alg_not_allowed');
    expect(await refusal(verify(handBuiltToken({ alg: 'None', kid: kidOf('RS384') }, claims())))).toBe(
      'alg_not_allowed',
    );
  });

  it('refuses HS256 signed with the RSA public key PEM as the HMAC secret', async () => {
    const publicKey = await importJWK(pairs.RS256.publicJwk, 'RS256');
    if (!('type' in publicKey)) throw new Error('expected a CryptoKey');
    const pem = await exportSPKI(publicKey);
    const token = hmacToken({ alg: 'HS256', kid: kidOf('RS256'), typ: 'JWT' }, claims(), pem);
    expect(await refusal(verify(token))).toBe('alg_not_allowed');
  });

  it('refuses HS256 signed with the RSA public JWK bytes as the HMAC secret', async () => {
    const secret = JSON.stringify(pairs.RS256.publicJwk);
    const token = hmacToken({ alg: 'HS256', kid: kidOf('RS256'), typ: 'JWT' }, claims(), secret);
    expect(await refusal(verify(token))).toBe('alg_not_allowed');
  });

  it('refuses an HMAC signature presented under an allowed RSA alg', async () => {
    const secret = JSON.stringify(pairs.RS256.publicJwk);
    const token = hmacToken({ alg: 'RS256', kid: kidOf('RS256'), typ: 'JWT' }, claims(), secret);
    expect(await refusal(verify(token))).toBe('bad_signature');
  });

  it.each([
    ['PS256', 'RSA'],
    ['RS512', 'RSA'],
    ['ES512', 'EC'],
    ['EdDSA', 'OKP'],
  ] as const)('refuses the unregistered alg %s even with a registered %s key', async (alg, _kty) => {
    const { privateKey, publicKey } = await joseGenerateKeyPair(alg, { extractable: true });
    const { exportJWK } = await import('jose');
    const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: 'other-alg' };
    const token = await signRaw(
      { ...(await exportJWK(privateKey)), kid: 'other-alg' },
      { alg, kid: 'other-alg', typ: 'JWT' },
      claims(),
    );
    expect(await refusal(verify(token, { keys: new StaticJwks({ keys: [publicJwk] }) }))).toBe(
      'alg_not_allowed',
    );
  });
});

describe('verifyClientAssertion: key selection and signature', () => {
  it('refuses a tampered payload', async () => {
    const token = await sign(claims());
    const tampered = withPayload(token, claims({ sub: 'someone-else', iss: 'someone-else' }));
    expect(await refusal(verify(tampered, { clientId: undefined }))).toBe('bad_signature');
  });

  it('refuses a signature made by another key under a registered kid', async () => {
    const intruder = await keyPair('RS384', 'intruder');
    const token = await signRaw(
      intruder.privateJwk,
      { alg: 'RS384', kid: kidOf('RS384'), typ: 'JWT' },
      claims(),
    );
    expect(await refusal(verify(token))).toBe('bad_signature');
  });

  it('refuses a token without kid', async () => {
    const token = await signRaw(pairs.RS384.privateJwk, { alg: 'RS384', typ: 'JWT' }, claims());
    expect(await refusal(verify(token))).toBe('missing_kid');
  });

  it('refuses a kid that no registered key has', async () => {
    expect(await refusal(verify(await sign(claims(), 'RS384', { kid: 'no-such-key' })))).toBe('unknown_kid');
  });

  it('refuses a kid that two registered keys of the right type share', async () => {
    const other = await keyPair('RS384', 'second');
    const twice = new StaticJwks({
      keys: [
        { ...pairs.RS384.publicJwk, kid: 'dup' },
        { ...other.publicJwk, kid: 'dup' },
      ],
    });
    const token = await sign(claims(), 'RS384', { kid: 'dup' });
    expect(await refusal(verify(token, { keys: twice }))).toBe('ambiguous_kid');
  });

  it('refuses a kid pointing at an EC key when the alg is RSA', async () => {
    const mixed = new StaticJwks({ keys: [{ ...pairs.ES384.publicJwk, kid: 'k' }] });
    const token = await sign(claims(), 'RS384', { kid: 'k' });
    expect(await refusal(verify(token, { keys: mixed }))).toBe('key_type_mismatch');
  });

  it('refuses ES384 when the kid points at a P-256 key', async () => {
    const wrongCurve = new StaticJwks({ keys: [{ ...pairs.ES256.publicJwk, alg: undefined, kid: 'k' }] });
    const token = await sign(claims(), 'ES384', { kid: 'k' });
    expect(await refusal(verify(token, { keys: wrongCurve }))).toBe('key_type_mismatch');
  });

  it('refuses a key registered for another alg of the same type', async () => {
    const token = await sign(claims(), 'RS384', { kid: 'k' });
    const rs256Only = new StaticJwks({ keys: [{ ...pairs.RS384.publicJwk, alg: 'RS256', kid: 'k' }] });
    expect(await refusal(verify(token, { keys: rs256Only }))).toBe('key_type_mismatch');
  });

  it('reports keys that cannot be fetched as jwks_unavailable', async () => {
    const broken = {
      getKeys: () => Promise.reject(new Error('connection refused')),
    };
    expect(await refusal(verify(await sign(claims()), { keys: broken }))).toBe('jwks_unavailable');
  });

  it('refuses a jku header unless it is the registered JWKS URL', async () => {
    const url = 'https://client.example/jwks.json';
    const remote = { url, getKeys: () => registered.getKeys() };
    const token = await sign(claims(), 'RS384', { jku: url });
    await expect(verify(token, { keys: remote })).resolves.toMatchObject({ clientId: CLIENT_ID });
    const elsewhere = await sign(claims(), 'RS384', { jku: 'https://attacker.example/jwks.json' });
    expect(await refusal(verify(elsewhere, { keys: remote }))).toBe('jku_not_allowed');
    expect(await refusal(verify(token))).toBe('jku_not_allowed');
  });
});

describe('verifyClientAssertion: header and shape', () => {
  it('refuses typ other than JWT', async () => {
    expect(await refusal(verify(await sign(claims(), 'RS384', { typ: 'at+jwt' })))).toBe('typ');
  });

  it.each([
    ['an empty string', ''],
    ['a random string', 'not-a-jwt'],
    ['five segments (a JWE)', 'a.b.c.d.e'],
    ['a header that is not JSON', `${Buffer.from('nope').toString('base64url')}.e30.c2ln`],
    ['a header that is a JSON array', `${Buffer.from('[]').toString('base64url')}.e30.c2ln`],
    ['a token longer than 16 KiB', `${'a'.repeat(16 * 1024)}.e30.c2ln`],
  ])('refuses %s as malformed', async (_name, token) => {
    expect(await refusal(verify(token))).toBe('malformed');
  });

  it('refuses a signed payload that is not a JSON object', async () => {
    const token = await signRaw(pairs.RS384.privateJwk, { alg: 'RS384', kid: kidOf('RS384') }, ['array']);
    expect(await refusal(verify(token))).toBe('malformed');
  });

  it('refuses critical header extensions', async () => {
    const token = await signRaw(
      pairs.RS384.privateJwk,
      { alg: 'RS384', kid: kidOf('RS384'), crit: ['b64'], b64: true },
      claims(),
    );
    expect(await refusal(verify(token))).toBe('malformed');
  });
});

describe('verifyClientAssertion: claims', () => {
  it('refuses an expired assertion', async () => {
    expect(await refusal(verify(await sign(claims({ exp: NOW_S - 10 }))))).toBe('expired');
  });

  it('refuses exp more than five minutes ahead', async () => {
    expect(await refusal(verify(await sign(claims({ exp: NOW_S + 600 }))))).toBe('exp_too_far');
    const justOver = await sign(claims({ exp: NOW_S + 301 }));
    expect(await refusal(verify(justOver, { clockToleranceSeconds: 0 }))).toBe('exp_too_far');
  });

  it('applies a stricter maxLifetimeSeconds when given', async () => {
    const token = await sign(claims({ exp: NOW_S + 120 }));
    expect(await refusal(verify(token, { maxLifetimeSeconds: 60 }))).toBe('exp_too_far');
  });

  it('refuses an assertion without exp, and one whose exp is not a number', async () => {
    expect(await refusal(verify(await sign(claims({ exp: undefined }))))).toBe('missing_exp');
    expect(await refusal(verify(await sign(claims({ exp: `${NOW_S + 60}` }))))).toBe('malformed');
  });

  it('refuses a wrong aud, a missing aud and an aud array that names neither accepted value', async () => {
    expect(await refusal(verify(await sign(claims({ aud: 'https://fhir.openpas.example' }))))).toBe(
      'wrong_audience',
    );
    expect(await refusal(verify(await sign(claims({ aud: undefined }))))).toBe('wrong_audience');
    const array = await sign(claims({ aud: ['https://a.example', 'https://b.example'] }));
    expect(await refusal(verify(array))).toBe('wrong_audience');
  });

  it('does not accept an aud that only starts with the token endpoint URL', async () => {
    expect(await refusal(verify(await sign(claims({ aud: `${TOKEN_ENDPOINT}/extra` }))))).toBe(
      'wrong_audience',
    );
  });

  it('refuses sub different from iss', async () => {
    expect(await refusal(verify(await sign(claims({ sub: 'someone-else' }))))).toBe('iss_sub_mismatch');
    expect(await refusal(verify(await sign(claims({ sub: undefined }))))).toBe('iss_sub_mismatch');
  });

  it('refuses iss other than the expected client id, even when sub matches it', async () => {
    const token = await sign(claims({ iss: 'another-client', sub: 'another-client' }));
    expect(await refusal(verify(token))).toBe('wrong_issuer');
    expect(await refusal(verify(await sign(claims({ iss: undefined })), { clientId: undefined }))).toBe(
      'wrong_issuer',
    );
  });

  it('refuses an assertion without jti, with an empty jti and with an overlong jti', async () => {
    expect(await refusal(verify(await sign(claims({ jti: undefined }))))).toBe('missing_jti');
    expect(await refusal(verify(await sign(claims({ jti: '' }))))).toBe('missing_jti');
    expect(await refusal(verify(await sign(claims({ jti: 'x'.repeat(256) }))))).toBe('malformed');
  });

  it('refuses nbf in the future and iat in the future beyond the clock tolerance', async () => {
    expect(await refusal(verify(await sign(claims({ nbf: NOW_S + 60 }))))).toBe('not_yet_valid');
    expect(await refusal(verify(await sign(claims({ iat: NOW_S + 60 }))))).toBe('not_yet_valid');
    await expect(verify(await sign(claims({ iat: NOW_S + 4, nbf: NOW_S + 4 })))).resolves.toMatchObject({
      iat: NOW_S + 4,
    });
  });

  it('refuses an iat an hour in the future, even with the largest clock tolerance (60 s)', async () => {
    const token = await sign(claims({ iat: NOW_S + 3600 }));
    expect(await refusal(verify(token))).toBe('not_yet_valid');
    expect(await refusal(verify(token, { clockToleranceSeconds: 60 }))).toBe('not_yet_valid');
    const justOver = await sign(claims({ iat: NOW_S + 61 }));
    expect(await refusal(verify(justOver, { clockToleranceSeconds: 60 }))).toBe('not_yet_valid');
    await expect(
      verify(await sign(claims({ iat: NOW_S + 60 })), { clockToleranceSeconds: 60 }),
    ).resolves.toMatchObject({ iat: NOW_S + 60 });
  });

  it('refuses an iat older than the five-minute window, even with a fresh exp (a year-old assertion)', async () => {
    const yearOld = await sign(claims({ iat: NOW_S - 365 * 24 * 3600 }));
    expect(await refusal(verify(yearOld))).toBe('iat_too_old');
    const justOver = await sign(claims({ iat: NOW_S - 301 }));
    expect(await refusal(verify(justOver, { clockToleranceSeconds: 0 }))).toBe('iat_too_old');
    await expect(
      verify(await sign(claims({ iat: NOW_S - 300 })), { clockToleranceSeconds: 0 }),
    ).resolves.toMatchObject({ iat: NOW_S - 300 });
  });

  it('says precisely which iat rule failed', async () => {
    const error = await verify(await sign(claims({ iat: NOW_S - 3600 }))).catch((caught: unknown) => caught);
    expect((error as AssertionError).description).toBe(
      'The assertion iat is more than 300 seconds in the past: assertions must be freshly made.',
    );
    const ahead = await verify(await sign(claims({ iat: NOW_S + 3600 }))).catch((caught: unknown) => caught);
    expect((ahead as AssertionError).description).toBe(
      'The assertion iat is in the future (beyond the allowed clock skew).',
    );
  });

  it('refuses empty audiences and a maxLifetimeSeconds above 300 as programming errors', async () => {
    const token = await sign(claims());
    await expect(verify(token, { audiences: [] })).rejects.toThrow(TypeError);
    await expect(verify(token, { maxLifetimeSeconds: 3600 })).rejects.toThrow(RangeError);
  });
});
