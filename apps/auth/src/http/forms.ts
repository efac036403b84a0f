import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './json.ts';

/** Reads an application/x-www-form-urlencoded body; anything else counts as an empty form. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return new URLSearchParams();
  return new URLSearchParams(await readBody(req, 16 * 1024));
}

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

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * A per-browser random value for forms shown before anyone is signed in (sign-in forms outside an
 * interaction): kept in a Lax, HttpOnly cookie and bound into the form token, so a cross-site page can
 * neither read it nor post with it.
 */
export function formNonce(req: IncomingMessage, res: ServerResponse, secure: boolean): string {
  const existing = cookieValue(req, NONCE_COOKIE);
  if (existing && /^[\w-]{20,64}$/.test(existing)) return existing;
  const nonce = randomBytes(24).toString('base64url');
  res.appendHeader(
    'Set-Cookie',
    `${NONCE_COOKIE}=${nonce}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`,
  );
  return nonce;
}

export function existingFormNonce(req: IncomingMessage): string {
  return cookieValue(req, NONCE_COOKIE) ?? '';
}
