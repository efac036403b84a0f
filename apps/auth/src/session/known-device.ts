import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';

// A "known device": a browser where an account signed in successfully before. It carries a long-lived
// cookie with a random device id and an HMAC binding that id to the account, under the server's cookie
// key. Sign-in throttling counts a known device's failures apart from its address's, so an attacker's
// failures from elsewhere (or from the same NAT) never stop the account's owner on their own browser.

const COOKIE = 'openpas_device';
const MAX_AGE_SECONDS = 180 * 24 * 3600;

const cookieValue = (ctx: Pick<Context, 'cookies'>) => ctx.cookies.get(COOKIE, { signed: false }) ?? '';

export class KnownDevices {
  readonly #key: string;

  constructor(key: string) {
    this.#key = key;
  }

  #mac(deviceId: string, userId: string): string {
    return createHmac('sha256', this.#key).update(`openpas-device:${deviceId}:${userId}`).digest('base64url');
  }

  /** The browser's device id when its cookie was issued at a successful sign-in of this user. */
  deviceOf(ctx: Pick<Context, 'cookies'>, userId: string): string | undefined {
    const [deviceId, mac, ...rest] = cookieValue(ctx).split('.');
    if (!deviceId || !mac || rest.length > 0 || !/^[\w-]{16,64}$/.test(deviceId)) return undefined;
    const expected = Buffer.from(this.#mac(deviceId, userId));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given) ? deviceId : undefined;
  }

  /** After a successful sign-in: (re)binds the browser's device cookie to the user. */
  remember(ctx: Pick<Context, 'cookies'>, userId: string): void {
    const current = cookieValue(ctx).split('.')[0] ?? '';
    const deviceId = /^[\w-]{16,64}$/.test(current) ? current : randomBytes(18).toString('base64url');
    // Secure as every cookie of ours: when the issuer is https or loopback (http/public-origin.ts).
    ctx.cookies.set(COOKIE, `${deviceId}.${this.#mac(deviceId, userId)}`, {
      path: '/',
      maxAge: MAX_AGE_SECONDS * 1000,
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.cookies.secure,
      signed: false,
      overwrite: true,
    });
  }
}
