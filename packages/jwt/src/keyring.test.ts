import { describe, expect, it } from 'vitest';
import { signAccessToken, verifyAccessToken } from './access-token.ts';
import { AccessTokenError, KeyRingError } from './errors.ts';
import { hasSecretMembers } from './jwk.ts';
import { generateKeyPair } from './key-pair.ts';
import { KEYRING_FORMAT, KeyRing } from './keyring.ts';
import { NOW } from './test-fixtures.ts';

const ISSUER = 'https://auth.openpas.example';
const FHIR = 'https://fhir.openpas.example/fhir';
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

function issue(ring: KeyRing, alg: 'ES256' | 'RS256' = 'ES256') {
  return signAccessToken({ sub: 'patient-1', client_id: 'app' }, ring, {
    issuer: ISSUER,
    audience: FHIR,
    lifetimeSeconds: 3600,
    alg,
    now: NOW,
  });
}

function check(token: string, ring: KeyRing) {
  return verifyAccessToken(token, { issuer: ISSUER, audience: FHIR, keys: ring, now: NOW });
}

async function keyRingErrorCode(action: () => unknown): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    if (error instanceof KeyRingError) return error.code;
    throw error;
  }
  return undefined;
}

describe('KeyRing', () => {
  it('starts with one active key per alg asked for', async () => {
    const ring = await KeyRing.create(['ES256', 'RS256'], { now: NOW });
    expect(ring.list().map(({ alg, status }) => [alg, status])).toEqual([
      ['ES256', 'active'],
      ['RS256', 'active'],
    ]);
    expect(ring.revision).toBe(2);
  });

  it('makes the rotated-in key the signer', async () => {
    const ring = await KeyRing.create(['ES256'], { now: NOW });
    const oldKid = ring.signingKid('ES256');
    const rotated = await ring.rotate('ES256', { now: later(1) });
    expect(rotated.signingKid('ES256')).not.toBe(oldKid);
    expect((await rotated.signer('ES256')).kid).toBe(rotated.signingKid('ES256'));
    const token = await issue(rotated);
    expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()).kid).toBe(
      rotated.signingKid('ES256'),
    );
  });

  it('leaves the original ring unchanged and raises the revision with every change', async () => {
    const ring = await KeyRing.create(['ES256'], { now: NOW });
    const rotated = await ring.rotate('ES256', { now: later(1) });
    const retired = rotated.retire(ring.signingKid('ES256'), { now: later(2) });
    expect(ring.list()).toHaveLength(1);
    expect([ring.revision, rotated.revision, retired.revision]).toEqual([1, 2, 3]);
  });

  it('keeps verifying a token signed by the old key after a rotation', async () => {
    const ring = await KeyRing.create(['ES256'], { now: NOW });
    const token = await issue(ring);
    const rotated = await ring.rotate('ES256', { now: later(1) });
    await expect(check(token, rotated)).resolves.toMatchObject({ sub: 'patient-1' });
  });

  it('stops verifying the old key once it is retired', async () => {
    const ring = await KeyRing.create(['ES256'], { now: NOW });
    const token = await issue(ring);
    const rotated = await ring.rotate('ES256', { now: later(1) });
    const retired = rotated.retire(ring.signingKid('ES256'), { now: later(61) });
    const error = await check(token, retired).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AccessTokenError);
    expect((error as AccessTokenError).code).toBe('unknown_kid');
    expect(retired.list().find((key) => key.kid === ring.signingKid('ES256'))).toMatchObject({
      status: 'retired',
      retiredAt: later(61).toISOString(),
    });
  });

  it('publishes the public halves of active keys only, with no private members', async () => {
    let ring = await KeyRing.create(['ES256', 'RS256'], { now: NOW });
    const oldRsa = ring.signingKid('RS256');
    ring = (await ring.rotate('RS256', { now: later(1) })).retire(oldRsa, { now: later(2) });
    const { keys } = ring.publicJwks();
    expect(keys.map((jwk) => jwk.kid).sort()).toEqual(
      [ring.signingKid('ES256'), ring.signingKid('RS256')].sort(),
    );
    for (const jwk of keys) {
      expect(hasSecretMembers(jwk)).toBe(false);
      expect(Object.keys(jwk).sort()).toEqual(
        jwk.kty === 'RSA'
          ? ['alg', 'e', 'kid', 'kty', 'n', 'use']
          : ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y'],
      );
    }
  });

  it('holds RS256 and ES256 keys side by side and signs each alg with its own newest key', async () => {
    let ring = await KeyRing.create(['RS256', 'ES256'], { now: NOW });
    ring = await ring.rotate('ES256', { now: later(1) });
    expect((await ring.signer('RS256')).alg).toBe('RS256');
    expect((await ring.signer('ES256')).alg).toBe('ES256');
    await expect(check(await issue(ring, 'RS256'), ring)).resolves.toMatchObject({ client_id: 'app' });
    await expect(check(await issue(ring, 'ES256'), ring)).resolves.toMatchObject({ client_id: 'app' });
  });

  it('round-trips through JSON and the restored ring signs and verifies like the original', async () => {
    let ring = await KeyRing.create(['ES256', 'RS256'], { now: NOW });
    const oldEc = ring.signingKid('ES256');
    ring = (await ring.rotate('ES256', { now: later(1) })).retire(oldEc, { now: later(2) });
    const stored = JSON.stringify(ring);
    const restored = KeyRing.fromJSON(JSON.parse(stored));
    expect(JSON.stringify(restored)).toBe(stored);
    expect(KeyRing.fromJSON(stored).toJSON()).toEqual(ring.toJSON());
    expect(restored.revision).toBe(ring.revision);
    expect(restored.signingKid('ES256')).toBe(ring.signingKid('ES256'));
    await expect(check(await issue(restored), ring)).resolves.toMatchObject({ sub: 'patient-1' });
    await expect(check(await issue(ring), restored)).resolves.toMatchObject({ sub: 'patient-1' });
    expect(ring.toJSON().format).toBe(KEYRING_FORMAT);
  });

  it('refuses a stored ring that is damaged or tampered with', async () => {
    const ring = await KeyRing.create(['ES256'], { now: NOW });
    const stored = ring.toJSON();
    const [entry] = stored.keys;
    if (entry === undefined) throw new Error('expected a key');
    const variants: unknown[] = [
      null,
      { ...stored, format: 'other' },
      { ...stored, revision: -1 },
      { ...stored, keys: [{ ...entry, alg: 'HS256' }] },
      { ...stored, keys: [{ ...entry, status: 'paused' }] },
      { ...stored, keys: [{ ...entry, createdAt: 'yesterday' }] },
      { ...stored, keys: [{ ...entry, retiredAt: NOW.toISOString() }] },
      { ...stored, keys: [{ ...entry, status: 'retired' }] },
      { ...stored, keys: [{ ...entry, kid: 'renamed' }] },
      { ...stored, keys: [{ ...entry, privateJwk: { ...entry.privateJwk, d: undefined } }] },
      { ...stored, keys: [{ ...entry, alg: 'RS256', privateJwk: { ...entry.privateJwk, alg: 'RS256' } }] },
      { ...stored, keys: [entry, entry] },
    ];
    for (const variant of variants) {
      expect(await keyRingErrorCode(() => KeyRing.fromJSON(variant))).toBe('invalid_state');
    }
  });

  it('reports no_active_key for an alg it has no active key for, and unknown_kid for retiring a stranger', async () => {
    const ring = await KeyRing.create(['ES256'], { now: NOW });
    expect(await keyRingErrorCode(() => ring.signer('RS384'))).toBe('no_active_key');
    expect(await keyRingErrorCode(() => ring.retire('no-such-kid'))).toBe('unknown_kid');
    const empty = ring.retire(ring.signingKid('ES256'));
    expect(await keyRingErrorCode(() => empty.signer('ES256'))).toBe('no_active_key');
    expect(empty.publicJwks().keys).toEqual([]);
  });

  it('adds an existing private key, refusing public keys and duplicate kids', async () => {
    const { privateJwk, publicJwk } = await generateKeyPair('ES384');
    const ring = KeyRing.empty().addKey(privateJwk, { now: NOW });
    expect(ring.signingKid('ES384')).toBe(privateJwk.kid);
    expect(await keyRingErrorCode(() => ring.addKey(privateJwk))).toBe('invalid_state');
    expect(await keyRingErrorCode(() => KeyRing.empty().addKey(publicJwk))).toBe('invalid_state');
  });

  it('lists each alg signer first in privateJwks, for libraries that sign with the first key', async () => {
    let ring = await KeyRing.create(['RS256'], { now: NOW });
    const oldKid = ring.signingKid('RS256');
    ring = await ring.rotate('RS256', { now: later(1) });
    expect(ring.privateJwks().keys.map((jwk) => jwk.kid)).toEqual([ring.signingKid('RS256'), oldKid]);
    expect(ring.privateJwks().keys.every((jwk) => typeof jwk.d === 'string')).toBe(true);
  });

  it('drops retired keys retired before a cutoff', async () => {
    let ring = await KeyRing.create(['ES256'], { now: NOW });
    const oldKid = ring.signingKid('ES256');
    ring = (await ring.rotate('ES256', { now: later(1) })).retire(oldKid, { now: later(2) });
    expect(ring.removeRetired(later(2))).toBe(ring);
    const pruned = ring.removeRetired(later(3));
    expect(pruned.list().map((key) => key.kid)).toEqual([ring.signingKid('ES256')]);
  });
});
