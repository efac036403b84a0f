import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PrismaClient } from '@openpas/db';
import type Provider from 'oidc-provider';
import type { CookiesSetOptions } from 'oidc-provider';
import { existingFormNonce, type FormTokens, formNonce } from '../http/forms.ts';
import { signInPage } from '../interactions/sign-in-page.ts';
import { pickLocale } from '../pages/i18n.ts';
import { sendHtml } from '../pages/layout.ts';
import { startSession } from './browser-session.ts';
import type { PasswordSignIn } from './password-sign-in.ts';

// Sign-in on the auth server's own pages (account page, sandbox EHR launcher), outside an authorization
// request: the same form, checks and throttling as the interaction, ending in a browser session.

export interface WebSignInDeps {
  provider: Provider;
  prisma: PrismaClient;
  forms: FormTokens;
  passwordSignIn: PasswordSignIn;
  secureCookies: boolean;
  sessionCookie: CookiesSetOptions;
  sessionTtlSeconds: number;
}

export function showSignIn(
  deps: WebSignInDeps,
  req: IncomingMessage,
  res: ServerResponse,
  options: { action: string; hidden?: Record<string, string>; status?: number },
): void {
  const nonce = formNonce(req, res, deps.secureCookies);
  sendHtml(
    res,
    options.status ?? 200,
    signInPage({
      locale: pickLocale(undefined, req.headers['accept-language']),
      action: options.action,
      formToken: deps.forms.issue(`sign-in:${nonce}`),
      hidden: options.hidden,
    }),
  );
}

/** Checks the posted sign-in form; on success starts the session and returns the user id. */
export async function acceptSignIn(
  deps: WebSignInDeps,
  req: IncomingMessage,
  res: ServerResponse,
  form: URLSearchParams,
  options: { action: string; hidden?: Record<string, string> },
): Promise<string | undefined> {
  const locale = pickLocale(undefined, req.headers['accept-language']);
  const nonce = existingFormNonce(req);
  if (!nonce || !deps.forms.verify(`sign-in:${nonce}`, form.get('form_token'))) {
    showSignIn(deps, req, res, { ...options, status: 403 });
    return undefined;
  }
  const username = form.get('username') ?? '';
  const result = await deps.passwordSignIn.attempt(req, res, {
    username,
    password: form.get('password') ?? '',
  });
  if (!result.ok) {
    sendHtml(
      res,
      401,
      signInPage({
        locale,
        action: options.action,
        formToken: deps.forms.issue(`sign-in:${nonce}`),
        hidden: options.hidden,
        username,
        error: result.reason,
      }),
    );
    return undefined;
  }
  await startSession(deps.provider, req, res, result.userId, {
    ttlSeconds: deps.sessionTtlSeconds,
    cookie: deps.sessionCookie,
  });
  return result.userId;
}
