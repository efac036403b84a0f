import type { OAuthClientStore, OidcPayloadStore } from '@openpas/auth-store';
import type { Context } from 'koa';
import { readForm } from '../http/body.ts';
import { messages, pickLocale } from '../pages/i18n.ts';
import { type Html, html, page, redirect, sendHtml } from '../pages/layout.ts';
import { currentSession } from '../session/browser-session.ts';
import { acceptSignIn, showSignIn, type WebSignInDeps } from '../session/web-sign-in.ts';

// The SMART management_endpoint, {issuer}/account/apps: the signed-in user sees each app that holds a
// grant from them and revokes it; revoking removes the grant and every token issued under it at once.

export interface AccountDeps extends WebSignInDeps {
  basePath: string;
  payloads: OidcPayloadStore;
  clients: OAuthClientStore;
}

interface HeldApp {
  grantId: string;
  clientId: string;
  appName: string;
  grantedAt: Date;
}

async function appName(deps: AccountDeps, clientId: string): Promise<string> {
  const name = (await deps.clients.find(clientId))?.metadata.client_name;
  return typeof name === 'string' ? name : clientId;
}

async function appsOf(deps: AccountDeps, accountId: string): Promise<HeldApp[]> {
  const grants = await deps.payloads.grantsOfAccount(accountId);
  return Promise.all(
    grants.map(async (grant) => ({ ...grant, appName: await appName(deps, grant.clientId) })),
  );
}

/** POST /account/apps/sign-in */
export async function signInToAccount(deps: AccountDeps, ctx: Context): Promise<void> {
  const home = `${deps.basePath}/account/apps`;
  const form = await readForm(ctx);
  if (await acceptSignIn(deps, ctx, form, { action: `${home}/sign-in` })) redirect(ctx, home);
}

/** The signed-in, enabled user with their session's form binding, or undefined once the sign-in form is shown. */
async function accountUser(deps: AccountDeps, ctx: Context) {
  const session = await currentSession(deps.provider, ctx);
  const user = session.accountId ? await deps.accounts.findEnabled(session.accountId) : undefined;
  if (user) return { user, binding: `account:${session.uid}` };
  showSignIn(deps, ctx, { action: `${deps.basePath}/account/apps/sign-in` });
  return undefined;
}

/** POST /account/apps/revoke */
export async function revokeAccountApp(deps: AccountDeps, ctx: Context): Promise<void> {
  const home = `${deps.basePath}/account/apps`;
  const account = await accountUser(deps, ctx);
  if (!account) return;
  const form = await readForm(ctx);
  const grantId = form.get('grant_id') ?? '';
  if (!deps.forms.verify(account.binding, form.get('form_token'))) {
    const locale = pickLocale(undefined, ctx.get('accept-language'));
    const t = messages(locale);
    sendHtml(
      ctx,
      403,
      page(locale, t.errorTitle, html`<h1>${t.errorTitle}</h1><p role="alert">${t.expired}</p>`),
    );
    return;
  }
  const held = (await deps.payloads.grantsOfAccount(account.user.id)).find(
    (grant) => grant.grantId === grantId,
  );
  if (held) await deps.payloads.revokeGrant(held.grantId);
  redirect(ctx, held ? `${home}?revoked=${encodeURIComponent(held.clientId)}` : home);
}

/** GET /account/apps */
export async function showAccountApps(deps: AccountDeps, ctx: Context): Promise<void> {
  const home = `${deps.basePath}/account/apps`;
  const locale = pickLocale(undefined, ctx.get('accept-language'));
  const t = messages(locale);
  const account = await accountUser(deps, ctx);
  if (!account) return;
  const { user, binding } = account;
  const grants = await appsOf(deps, user.id);
  const revokedClient = typeof ctx.query.revoked === 'string' ? ctx.query.revoked : undefined;
  const formToken = deps.forms.issue(binding);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const items: Html[] = grants.map(
    (
      grant,
    ) => html`<li><strong>${grant.appName}</strong> <span class="muted">${t.appsGranted(dateFormat.format(grant.grantedAt))}</span>
<form method="post" action="${home}/revoke"><input type="hidden" name="form_token" value="${formToken}">
<input type="hidden" name="grant_id" value="${grant.grantId}">
<button type="submit" aria-label="${t.revoke}: ${grant.appName}">${t.revoke}</button></form></li>`,
  );
  const revokedName = revokedClient ? await appName(deps, revokedClient) : undefined;
  sendHtml(
    ctx,
    200,
    page(
      locale,
      t.appsTitle,
      html`<h1>${t.appsHeading}</h1>${revokedName ? html`<p role="status">${t.revoked(revokedName)}</p>` : ''}
${items.length ? html`<ul>${items}</ul>` : html`<p>${t.appsNone}</p>`}`,
    ),
  );
}
