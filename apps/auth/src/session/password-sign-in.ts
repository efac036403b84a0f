import { createHash } from 'node:crypto';
import type { FastSql } from '@openpas/db';
import type { Context } from 'koa';
import { clientAddress, parseTrustedProxies, type TrustedProxies } from '../http/client-address.ts';
import { type SignInResult, signIn } from '../interactions/sign-in.ts';
import type { Logger } from '../logger.ts';
import { KnownDevices } from './known-device.ts';

// The sign-in forms' one way to check a password (authorization interactions, the account page, the
// sandbox launcher): the client address as the trusted-proxy setting allows, the browser's known-device
// cookie, the throttled check, the device cookie renewed after a success, and a warning for operators
// when an account or an (account, address) pair starts being throttled — with the account as a digest,
// never a username or a password.

export interface PasswordSignInOptions {
  sql: FastSql;
  logger: Logger;
  /** AUTH_TRUSTED_PROXIES */
  trustedProxies: string | undefined;
  /** Keys the device cookie */
  cookieKey: string;
}

/** What a sign-in needs of the request: its socket and headers, and its cookies (the known device). */
export type SignInContext = Pick<Context, 'req' | 'cookies'>;

export class PasswordSignIn {
  readonly #sql: FastSql;
  readonly #logger: Logger;
  readonly #proxies: TrustedProxies;
  readonly #devices: KnownDevices;

  constructor(options: PasswordSignInOptions) {
    this.#sql = options.sql;
    this.#logger = options.logger;
    this.#proxies = parseTrustedProxies(options.trustedProxies);
    this.#devices = new KnownDevices(options.cookieKey);
  }

  /** The request's client address, as the trusted-proxy setting allows. */
  address(ctx: Pick<Context, 'req'>): string {
    return clientAddress(ctx, this.#proxies);
  }

  async attempt(
    ctx: SignInContext,
    credentials: { username: string; password: string },
  ): Promise<SignInResult> {
    const address = this.address(ctx);
    const result = await signIn(this.#sql, {
      ...credentials,
      address,
      deviceOf: (userId) => this.#devices.deviceOf(ctx, userId),
    });
    if (result.ok) {
      this.#devices.remember(ctx, result.userId);
    } else if (result.lockout) {
      const account = createHash('sha256')
        .update(credentials.username.trim().toLowerCase())
        .digest('hex')
        .slice(0, 16);
      this.#logger.warn(
        {
          event: result.lockout.scope === 'pair' ? 'sign-in-backoff' : 'sign-in-account-slowed',
          account,
          address,
          failures: result.lockout.failures,
          retryAfterSeconds: result.lockout.retryAfterSeconds,
        },
        result.lockout.scope === 'pair'
          ? 'repeated sign-in failures for one account from one address: attempts now wait'
          : 'many sign-in failures for one account this hour: unknown sources are slowed',
      );
    }
    return result;
  }
}
