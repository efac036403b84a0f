import type { JWK } from 'jose';
import { isSigningAlg, keyTypeFor, type SigningAlg } from './algorithms.ts';
import { KeyRingError } from './errors.ts';
import { publicJwkOf } from './jwk.ts';
import type { JwksSource } from './jwks-source.ts';
import { type GenerateKeyPairOptions, generateKeyPair } from './key-pair.ts';
import { resolveSigningKey, type SigningKey } from './signing-key.ts';

export type KeyStatus = 'active' | 'retired';

/** One key of a ring, as stored. Dates are ISO 8601 strings so the stored form round-trips exactly. */
export interface KeyRingEntry {
  readonly kid: string;
  readonly alg: SigningAlg;
  readonly status: KeyStatus;
  readonly createdAt: string;
  readonly retiredAt?: string;
  /** The private key (with `kid`, `alg`, `use: 'sig'`). The stored ring is secret: encrypt it at rest. */
  readonly privateJwk: JWK;
}

/** The JSON-serialisable form of a {@link KeyRing}, as `toJSON` writes it and `fromJSON` reads it. */
export interface KeyRingJson {
  readonly format: typeof KEYRING_FORMAT;
  /** Goes up by one with every change: store the ring with `... WHERE revision = previous` to catch lost updates. */
  readonly revision: number;
  readonly keys: readonly KeyRingEntry[];
}

export const KEYRING_FORMAT = 'openpas.keyring.v1';

/** Public information about a key, without its private material. */
export type KeyRingKeyInfo = Omit<KeyRingEntry, 'privateJwk'>;

function invalid(description: string): KeyRingError {
  return new KeyRingError('invalid_state', description);
}

function isIsoDate(value: unknown): value is string {
  return (
    typeof value === 'string' && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value
  );
}

function checkPrivateJwk(jwk: JWK, kid: string, alg: SigningAlg): void {
  const wanted = keyTypeFor(alg);
  if (typeof jwk.d !== 'string' || jwk.kid !== kid || jwk.alg !== alg) {
    throw invalid('Every ring key needs a private JWK whose kid and alg match its entry.');
  }
  if (jwk.kty !== wanted.kty || (wanted.kty === 'EC' && jwk.crv !== wanted.crv)) {
    throw invalid('A ring key has a key type that does not fit its alg.');
  }
}

function readEntry(value: unknown): KeyRingEntry {
  if (typeof value !== 'object' || value === null) throw invalid('A ring key is not an object.');
  const entry = value as Record<string, unknown>;
  const { kid, alg, status, createdAt, retiredAt, privateJwk } = entry;
  if (typeof kid !== 'string' || kid === '') throw invalid('A ring key has no kid.');
  if (!isSigningAlg(alg)) throw invalid('A ring key has an alg that is not allowed.');
  if (status !== 'active' && status !== 'retired') throw invalid('A ring key has an unknown status.');
  if (!isIsoDate(createdAt)) throw invalid('A ring key has no valid createdAt.');
  if (status === 'retired' ? !isIsoDate(retiredAt) : retiredAt !== undefined) {
    throw invalid('A retired ring key needs retiredAt, and only a retired one may have it.');
  }
  if (typeof privateJwk !== 'object' || privateJwk === null) throw invalid('A ring key has no private JWK.');
  checkPrivateJwk(privateJwk as JWK, kid, alg);
  return {
    kid,
    alg,
    status,
    createdAt,
    ...(typeof retiredAt === 'string' ? { retiredAt } : {}),
    privateJwk: structuredClone(privateJwk as JWK),
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/**
 * Our own rotating signing keys (for access tokens and id_tokens), held as a plain JSON value.
 *
 * - Every `active` key verifies; the newest active key of an alg signs (`signer(alg)`).
 * - `rotate(alg)` adds a new key that signs from then on, while the older ones keep verifying tokens
 *   they already signed until they are `retire`d. Rotate, wait at least the longest token lifetime
 *   (plus caches of our JWKS), then retire the old key.
 * - A ring may hold several algs at once (e.g. RS256 for id_tokens, ES256 for access tokens).
 *
 * A KeyRing never changes: `rotate`, `retire`, `addKey` and `removeRetired` return a new ring with
 * `revision` one higher, to be stored. `toJSON()` / `KeyRing.fromJSON()` give the stored form.
 */
export class KeyRing implements JwksSource {
  readonly #state: KeyRingJson;
  readonly #publicKeys: readonly JWK[];
  readonly #signers = new Map<string, Promise<SigningKey>>();

  private constructor(state: KeyRingJson) {
    this.#state = deepFreeze(state);
    this.#publicKeys = deepFreeze(this.#active().map((entry) => publicJwkOf(entry.privateJwk)));
  }

  /** A ring with no keys. */
  static empty(): KeyRing {
    return new KeyRing({ format: KEYRING_FORMAT, revision: 0, keys: [] });
  }

  /** A ring with one new active key for each alg given. */
  static async create(
    algs: readonly SigningAlg[],
    options: { now?: Date } & GenerateKeyPairOptions = {},
  ): Promise<KeyRing> {
    let ring = KeyRing.empty();
    for (const alg of algs) ring = await ring.rotate(alg, options);
    return ring;
  }

  /** Reads a stored ring back, checking every entry. Throws {@link KeyRingError} `invalid_state`. */
  static fromJSON(value: unknown): KeyRing {
    const stored = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    if (typeof stored !== 'object' || stored === null) throw invalid('The stored key ring is not an object.');
    const { format, revision, keys } = stored as Record<string, unknown>;
    if (format !== KEYRING_FORMAT) throw invalid('The stored key ring has an unknown format.');
    if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) {
      throw invalid('The stored key ring has no valid revision.');
    }
    if (!Array.isArray(keys)) throw invalid('The stored key ring has no keys array.');
    const entries = keys.map(readEntry);
    if (new Set(entries.map((entry) => entry.kid)).size !== entries.length) {
      throw invalid('The stored key ring has two keys with the same kid.');
    }
    return new KeyRing({ format: KEYRING_FORMAT, revision, keys: entries });
  }

  /** The stored form (includes private keys). `JSON.stringify(ring)` uses it. */
  toJSON(): KeyRingJson {
    return this.#state;
  }

  get revision(): number {
    return this.#state.revision;
  }

  /** Every key's kid, alg, status and dates, newest last; no key material. */
  list(): readonly KeyRingKeyInfo[] {
    return this.#state.keys.map(({ privateJwk: _secret, ...info }) => info);
  }

  /** Generates a new key for `alg` and returns a ring in which it is the signer for that alg. */
  async rotate(alg: SigningAlg, options: { now?: Date } & GenerateKeyPairOptions = {}): Promise<KeyRing> {
    const { privateJwk } = await generateKeyPair(alg, options);
    return this.addKey(privateJwk, options);
  }

  /**
   * Adds an existing private key (with `kid` and an allowed `alg`) as the newest active key of its alg.
   * Throws {@link KeyRingError} `invalid_state` for an unusable key or a kid already in the ring.
   */
  addKey(privateJwk: JWK, options: { now?: Date } = {}): KeyRing {
    const { kid, alg } = privateJwk;
    if (typeof kid !== 'string' || kid === '' || !isSigningAlg(alg)) {
      throw invalid('A ring key needs a kid and an allowed alg.');
    }
    checkPrivateJwk(privateJwk, kid, alg);
    if (this.#state.keys.some((entry) => entry.kid === kid)) {
      throw invalid('The ring already has a key with this kid.');
    }
    const entry: KeyRingEntry = {
      kid,
      alg,
      status: 'active',
      createdAt: (options.now ?? new Date()).toISOString(),
      privateJwk: structuredClone(privateJwk),
    };
    return this.#next([...this.#state.keys, entry]);
  }

  /** Marks a key retired: it no longer signs, verifies or appears in `publicJwks()`. */
  retire(kid: string, options: { now?: Date } = {}): KeyRing {
    const found = this.#state.keys.find((entry) => entry.kid === kid);
    if (found === undefined) throw new KeyRingError('unknown_kid', 'The ring has no key with this kid.');
    if (found.status === 'retired') return this;
    const retiredAt = (options.now ?? new Date()).toISOString();
    return this.#next(
      this.#state.keys.map((entry) =>
        entry.kid === kid
          ? {
              kid,
              alg: entry.alg,
              status: 'retired',
              createdAt: entry.createdAt,
              retiredAt,
              privateJwk: entry.privateJwk,
            }
          : entry,
      ),
    );
  }

  /** Drops retired keys retired before `before` (all retired keys when omitted). */
  removeRetired(before?: Date): KeyRing {
    const cutoff = before?.getTime() ?? Number.POSITIVE_INFINITY;
    const keep = this.#state.keys.filter(
      (entry) => entry.status === 'active' || Date.parse(entry.retiredAt ?? '') >= cutoff,
    );
    return keep.length === this.#state.keys.length ? this : this.#next(keep);
  }

  /** The kid of the key that signs for `alg`. Throws {@link KeyRingError} `no_active_key`. */
  signingKid(alg: SigningAlg): string {
    return this.#signerEntry(alg).kid;
  }

  /** The key that signs for `alg`: the newest active key of that alg. Throws {@link KeyRingError} `no_active_key`. */
  signer(alg: SigningAlg): Promise<SigningKey> {
    const entry = this.#signerEntry(alg);
    let signer = this.#signers.get(entry.kid);
    if (signer === undefined) {
      signer = resolveSigningKey(entry.privateJwk);
      this.#signers.set(entry.kid, signer);
    }
    return signer;
  }

  /** The JWK Set to publish at `jwks_uri`: the public halves of all active keys, never private members. */
  publicJwks(): { keys: JWK[] } {
    return { keys: this.#publicKeys.map((jwk) => ({ ...jwk })) };
  }

  /**
   * The active private keys as a JWK Set, each alg's signer before its older keys (libraries such as
   * oidc-provider sign with the first key of an alg). Secret: hand it only to the token issuer.
   */
  privateJwks(): { keys: JWK[] } {
    const active = this.#active();
    const signerKids = new Set(
      [...new Set(active.map((entry) => entry.alg))].map((alg) => this.#signerEntry(alg).kid),
    );
    const ordered = [
      ...active.filter((entry) => signerKids.has(entry.kid)),
      ...active.filter((entry) => !signerKids.has(entry.kid)).reverse(),
    ];
    return { keys: ordered.map((entry) => structuredClone(entry.privateJwk) as JWK) };
  }

  /** JwksSource: the ring verifies with its active keys. */
  async getKeys(): Promise<readonly JWK[]> {
    return this.#publicKeys;
  }

  #active(): KeyRingEntry[] {
    return this.#state.keys.filter((entry) => entry.status === 'active');
  }

  #signerEntry(alg: SigningAlg): KeyRingEntry {
    let newest: KeyRingEntry | undefined;
    for (const entry of this.#active()) {
      // Later entries win ties: keys are appended in the order they were added.
      if (
        entry.alg === alg &&
        (newest === undefined || Date.parse(entry.createdAt) >= Date.parse(newest.createdAt))
      ) {
        newest = entry;
      }
    }
    if (newest === undefined) throw new KeyRingError('no_active_key', `The ring has no active ${alg} key.`);
    return newest;
  }

  #next(keys: readonly KeyRingEntry[]): KeyRing {
    return new KeyRing({ format: KEYRING_FORMAT, revision: this.#state.revision + 1, keys });
  }
}
