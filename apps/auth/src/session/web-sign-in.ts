import type { AccountStore } from '@openpas/auth-store';
import type { PatientDirectory } from '@openpas/fhir-store';
import type { Context } from 'koa';
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
  accounts: AccountStore;
  /** The Patient records a launch may name (read through @openpas/fhir-store) */
  patients: PatientDirectory;
  forms: FormTokens;
  passwordSignIn: PasswordSignIn;
  sessionCookie: CookiesSetOptions;
  sessionTtlSeconds: number;
}

export function showSignIn(
  deps: WebSignInDeps,
  ctx: Context,
  options: { action: string; hidden?: Record<string, string>; status?: number },
): void {
  const nonce = formNonce(ctx);
  sendHtml(
    ctx,
    options.status ?? 200,
    signInPage({
      locale: pickLocale(undefined, ctx.get('accept-language')),
      action: options.action,
      formToken: deps.forms.issue(`sign-in:${nonce}`),
      hidden: options.hidden,
    }),
  );
}

/** Checks the posted sign-in form; on success starts the session and returns the user id. */
export async function acceptSignIn(
  deps: WebSignInDeps,
  ctx: Context,
  form: URLSearchParams,
  options: { action: string; hidden?: Record<string, string> },
): Promise<string | undefined> {
  const locale = pickLocale(undefined, ctx.get('accept-language'));
  const nonce = existingFormNonce(ctx);
  if (!nonce || !deps.forms.verify(`sign-in:${nonce}`, form.get('form_token'))) {
    showSignIn(deps, ctx, { ...options, status: 403 });
    return undefined;
  }
  const username = form.get('username') ?? '';
  const result = await deps.passwordSignIn.attempt(ctx, {
    username,
    password: form.get('password') ?? '',
  });
  if (!result.ok) {
    sendHtml(
      ctx,
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
  await startSession(deps.provider, ctx, result.userId, {
    ttlSeconds: deps.sessionTtlSeconds,
    cookie: deps.sessionCookie,
  });
  return result.userId;
}
