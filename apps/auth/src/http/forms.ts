import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';

/**
 * Form tokens against cross-site request forgery: an HMAC, under the server's cookie key, of what the
 * form is bound to (an interaction, a browser session). A forged POST lacks it, and the binding makes a
 * token from one interaction useless for another.
 */
export class FormTokens {
  readonly #key: string;

  constructor(key: string) {
    this.#key = key;
  }

  issue(binding: string): string {
    return createHmac('sha256', this.#key).update(`openpas-form:${binding}`).digest('base64url');
  }

  verify(binding: string, token: string | null): boolean {
    if (!token) return false;
    const expected = Buffer.from(this.issue(binding));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

const NONCE_COOKIE = 'openpas_form';

/**
 * A per-browser random value for forms shown before anyone is signed in (sign-in forms outside an
 * interaction): kept in a Lax, HttpOnly cookie and bound into the form token, so a cross-site page can
 * neither read it nor post with it.
 */
export function formNonce(ctx: Context): string {
  const existing = existingFormNonce(ctx);
  if (/^[\w-]{20,64}$/.test(existing)) return existing;
  const nonce = randomBytes(24).toString('base64url');
  ctx.cookies.set(NONCE_COOKIE, nonce, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.cookies.secure,
    signed: false,
    overwrite: true,
  });
  return nonce;
}

export function existingFormNonce(ctx: Context): string {
  return ctx.cookies.get(NONCE_COOKIE, { signed: false }) ?? '';
}
