import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

// A "known device": a browser where an account signed in successfully before. It carries a long-lived
// cookie with a random device id and an HMAC binding that id to the account, under the server's cookie
// key. Sign-in throttling counts a known device's failures apart from its address's, so an attacker's
// failures from elsewhere (or from the same NAT) never stop the account's owner on their own browser.

const COOKIE = 'openpas_device';
const MAX_AGE_SECONDS = 180 * 24 * 3600;

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

export class KnownDevices {
  readonly #key: string;
  readonly #secure: boolean;

  constructor(key: string, secure: boolean) {
    this.#key = key;
    this.#secure = secure;
  }

  #mac(deviceId: string, userId: string): string {
    return createHmac('sha256', this.#key).update(`openpas-device:${deviceId}:${userId}`).digest('base64url');
  }

  /** The browser's device id when its cookie was issued at a successful sign-in of this user. */
  deviceOf(req: IncomingMessage, userId: string): string | undefined {
    const [deviceId, mac, ...rest] = (cookieValue(req, COOKIE) ?? '').split('.');
    if (!deviceId || !mac || rest.length > 0 || !/^[\w-]{16,64}$/.test(deviceId)) return undefined;
    const expected = Buffer.from(this.#mac(deviceId, userId));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given) ? deviceId : undefined;
  }

  /** After a successful sign-in: (re)binds the browser's device cookie to the user. */
  remember(req: IncomingMessage, res: ServerResponse, userId: string): void {
    const current = (cookieValue(req, COOKIE) ?? '').split('.')[0] ?? '';
    const deviceId = /^[\w-]{16,64}$/.test(current) ? current : randomBytes(18).toString('base64url');
    res.appendHeader(
      'Set-Cookie',
      `${COOKIE}=${deviceId}.${this.#mac(deviceId, userId)}; Path=/; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${this.#secure ? '; Secure' : ''}`,
    );
  }
}
