import type { JWK } from 'jose';
import { JwksError } from './errors.ts';
import { guardedFetch, type HostLookup } from './guarded-fetch.ts';
import { type JwksSource, parseJwks } from './jwks-source.ts';
import type { AddressPolicy } from './special-addresses.ts';

export interface RemoteJwksOptions {
  /** How long a fetched set is used before it is fetched again; 5 minutes by default. */
  readonly cacheTtlMs?: number;
  /** Fetches of one URL are at least this far apart, whatever asks for them; 30 s by default. */
  readonly minRefetchIntervalMs?: number;
  /** Whole request, body included; 3 s by default. */
  readonly timeoutMs?: number;
  /** Largest body accepted; 64 KiB by default. */
  readonly maxBytes?: number;
  /** Which `http:` URLs are allowed; by default only localhost, 127.0.0.1 and [::1]. `https:` is always allowed. */
  readonly allowHttp?: (url: URL) => boolean;
  /**
   * Which addresses the JWKS host may resolve to: `public` by default (production: private, loopback,
   * link-local and other non-public addresses are refused, IPv4 and IPv6, IPv4-mapped included), or
   * `public-or-loopback` where tests and the sandbox serve keys on this machine. Pass it explicitly.
   */
  readonly addresses?: AddressPolicy;
  /** Resolves the host to all its addresses (checked one and all); node:dns by default. */
  readonly lookup?: HostLookup;
  /**
   * A fetch implementation to use INSTEAD of the built-in client (tests): it bypasses the address checks,
   * which only the built-in client makes.
   */
  readonly fetch?: typeof globalThis.fetch;
  /** Milliseconds clock for the cache; `Date.now` by default. */
  readonly clock?: () => number;
}

const DEFAULTS = {
  cacheTtlMs: 5 * 60_000,
  minRefetchIntervalMs: 30_000,
  timeoutMs: 3_000,
  maxBytes: 64 * 1024,
};

const ACCEPT = 'application/jwk-set+json, application/json';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The default `allowHttp` rule: plain http only to this machine. */
export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Parses and checks a JWKS URL: `https:`, or `http:` where `allowHttp` allows it, and no credentials.
 * Use it when a client registers a `jwks_uri`, too. Throws {@link JwksError} `invalid_url` or `insecure_url`.
 */
export function checkJwksUrl(url: string | URL, allowHttp: (url: URL) => boolean = isLoopbackUrl): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new JwksError('invalid_url', 'The JWKS URL is not a valid absolute URL.');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new JwksError('invalid_url', 'The JWKS URL must not carry credentials.');
  }
  const secure = parsed.protocol === 'https:' || (parsed.protocol === 'http:' && allowHttp(parsed));
  if (!secure) throw new JwksError('insecure_url', 'The JWKS URL must use https.');
  parsed.hash = '';
  return parsed;
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return value;
}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new JwksError('too_large', `The JWK Set is larger than ${maxBytes} bytes.`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body !== null) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new JwksError('too_large', `The JWK Set is larger than ${maxBytes} bytes.`);
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks, total);
}

/**
 * A client's JWK Set fetched from its `jwks_uri`. The set is cached for `cacheTtlMs`; a `kid` that is not
 * in the cached set triggers a refetch (the client may have rotated keys), but one URL is never fetched
 * more often than every `minRefetchIntervalMs`, and callers that miss at the same time share one request.
 * A failed fetch is remembered for `minRefetchIntervalMs` too, and reported to every caller meanwhile.
 * Sets older than `cacheTtlMs` are never used.
 */
export class RemoteJwks implements JwksSource {
  /** The checked URL (normalised, no fragment). */
  readonly url: string;
  readonly #options: Required<Omit<RemoteJwksOptions, 'allowHttp' | 'fetch' | 'lookup'>> &
    Pick<RemoteJwksOptions, 'fetch' | 'lookup'>;
  #keys: readonly JWK[] | undefined;
  #fetchedAt = Number.NEGATIVE_INFINITY;
  #attemptedAt = Number.NEGATIVE_INFINITY;
  #lastError: JwksError | undefined;
  #inflight: Promise<readonly JWK[]> | undefined;

  constructor(url: string | URL, options: RemoteJwksOptions = {}) {
    this.url = checkJwksUrl(url, options.allowHttp).href;
    this.#options = {
      cacheTtlMs: positive(options.cacheTtlMs ?? DEFAULTS.cacheTtlMs, 'cacheTtlMs'),
      minRefetchIntervalMs: positive(
        options.minRefetchIntervalMs ?? DEFAULTS.minRefetchIntervalMs,
        'minRefetchIntervalMs',
      ),
      timeoutMs: positive(options.timeoutMs ?? DEFAULTS.timeoutMs, 'timeoutMs'),
      maxBytes: positive(options.maxBytes ?? DEFAULTS.maxBytes, 'maxBytes'),
      addresses: options.addresses ?? 'public',
      fetch: options.fetch,
      lookup: options.lookup,
      clock: options.clock ?? Date.now,
    };
    if (this.#options.cacheTtlMs < this.#options.minRefetchIntervalMs) {
      throw new RangeError('cacheTtlMs must not be shorter than minRefetchIntervalMs');
    }
  }

  /**
   * The current keys. With a `kid` that the cached set lacks, refetches when the rate limit allows and
   * otherwise answers the cached set (so the caller reports the kid as unknown).
   */
  async getKeys(kid?: string): Promise<readonly JWK[]> {
    const now = this.#options.clock();
    const keys = this.#keys;
    if (keys !== undefined && now - this.#fetchedAt < this.#options.cacheTtlMs) {
      if (kid === undefined || keys.some((jwk) => jwk.kid === kid)) return keys;
      if (this.#inflight !== undefined) return this.#inflight;
      if (now - this.#attemptedAt < this.#options.minRefetchIntervalMs) return keys;
      return this.#startFetch(now);
    }
    if (this.#inflight !== undefined) return this.#inflight;
    if (now - this.#attemptedAt < this.#options.minRefetchIntervalMs && this.#lastError !== undefined) {
      throw this.#lastError;
    }
    return this.#startFetch(now);
  }

  #startFetch(now: number): Promise<readonly JWK[]> {
    this.#attemptedAt = now;
    const inflight = this.#fetchSet()
      .then(
        (keys) => {
          this.#keys = keys;
          this.#fetchedAt = now;
          this.#lastError = undefined;
          return keys;
        },
        (cause: unknown) => {
          const error =
            cause instanceof JwksError
              ? cause
              : new JwksError('fetch_failed', 'The JWK Set could not be fetched.', { cause });
          this.#lastError = error;
          throw error;
        },
      )
      .finally(() => {
        this.#inflight = undefined;
      });
    this.#inflight = inflight;
    return inflight;
  }

  async #fetchSet(): Promise<readonly JWK[]> {
    const body = this.#options.fetch
      ? await this.#fetchWith(this.#options.fetch)
      : await guardedFetch(new URL(this.url), {
          addresses: this.#options.addresses,
          timeoutMs: this.#options.timeoutMs,
          maxBytes: this.#options.maxBytes,
          accept: ACCEPT,
          ...(this.#options.lookup ? { lookup: this.#options.lookup } : {}),
        });
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch (cause) {
      throw new JwksError('not_json', 'The JWKS URL did not answer with JSON.', { cause });
    }
    return parseJwks(value);
  }

  async #fetchWith(fetch: typeof globalThis.fetch): Promise<Uint8Array> {
    const { timeoutMs, maxBytes } = this.#options;
    const signal = AbortSignal.timeout(timeoutMs);
    let body: Uint8Array;
    try {
      const response = await fetch(this.url, {
        signal,
        redirect: 'error',
        headers: { accept: ACCEPT },
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new JwksError('http_status', `The JWKS URL answered HTTP ${response.status}.`);
      }
      body = await readLimited(response, maxBytes);
    } catch (cause) {
      if (cause instanceof JwksError) throw cause;
      if (signal.aborted) {
        throw new JwksError('timeout', `The JWKS URL did not answer within ${timeoutMs} ms.`, { cause });
      }
      throw new JwksError('fetch_failed', 'The JWK Set could not be fetched.', { cause });
    }
    return body;
  }
}

export interface RemoteJwksCacheOptions extends RemoteJwksOptions {
  /** How many URLs are kept; the least recently used is dropped beyond that. 1000 by default. */
  readonly maxEntries?: number;
}

/**
 * One {@link RemoteJwks} per URL, shared by every client registered with that URL, so the cache and the
 * refetch rate limit hold per URL rather than per client. Keep one instance per process.
 */
export class RemoteJwksCache {
  readonly #options: RemoteJwksOptions;
  readonly #maxEntries: number;
  readonly #entries = new Map<string, RemoteJwks>();

  constructor(options: RemoteJwksCacheOptions = {}) {
    const { maxEntries = 1000, ...rest } = options;
    this.#maxEntries = positive(maxEntries, 'maxEntries');
    this.#options = rest;
  }

  /** The shared source for a URL. Throws {@link JwksError} for a URL that {@link checkJwksUrl} refuses. */
  get(url: string | URL): RemoteJwks {
    const href = checkJwksUrl(url, this.#options.allowHttp).href;
    let source = this.#entries.get(href);
    if (source === undefined) {
      source = new RemoteJwks(href, this.#options);
    } else {
      this.#entries.delete(href);
    }
    this.#entries.set(href, source);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#entries.delete(oldest);
    }
    return source;
  }

  /** Forgets a URL, e.g. when the last client using it is deleted. */
  delete(url: string | URL): boolean {
    try {
      return this.#entries.delete(checkJwksUrl(url, this.#options.allowHttp).href);
    } catch {
      return false;
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}
