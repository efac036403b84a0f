import { errors } from 'oidc-provider';

// A token bucket per client on the token endpoint. It guards each instance's CPU (every request costs a
// signature check), so it is kept per instance on purpose: N instances allow N times the rate.

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenRateLimiter {
  readonly #perMinute: number;
  readonly #buckets = new Map<string, Bucket>();
  readonly #now: () => number;

  constructor(perMinute: number, now: () => number = Date.now) {
    this.#perMinute = perMinute;
    this.#now = now;
  }

  /** Takes one request from the client's budget or throws a 429 invalid_request. */
  consume(key: string): void {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#perMinute, updatedAt: now };
    bucket.tokens = Math.min(
      this.#perMinute,
      bucket.tokens + ((now - bucket.updatedAt) / 60_000) * this.#perMinute,
    );
    bucket.updatedAt = now;
    if (bucket.tokens < 1) {
      this.#buckets.set(key, bucket);
      throw new errors.InvalidRequest(
        `too many token requests for this client; at most ${this.#perMinute} per minute`,
        429,
      );
    }
    bucket.tokens -= 1;
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > 10_000) this.#forgetIdle(now);
  }

  #forgetIdle(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (now - bucket.updatedAt > 60_000) this.#buckets.delete(key);
    }
  }
}
