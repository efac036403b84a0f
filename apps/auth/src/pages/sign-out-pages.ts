import type { KoaContextWithOIDC } from 'oidc-provider';
import { pickLocale } from './i18n.ts';
import { Html, html, page } from './layout.ts';

// The pages of RP-initiated sign-out (oidc-provider's rpInitiatedLogout), in the reader's language like
// every other page: the confirmation (the provider's own form with its CSRF token, our buttons) and the
// page shown when no post-logout redirect was asked for. No script, so the confirmation takes one click.

const TEXT = {
  en: {
    title: 'Sign out',
    question: 'Do you want to sign out of OpenPAS?',
    yes: 'Sign out',
    no: 'Stay signed in',
    done: 'You have signed out of OpenPAS.',
  },
  'zh-TW': {
    title: '登出',
    question: '要登出 OpenPAS 嗎？',
    yes: '登出',
    no: '保持登入',
    done: '您已登出 OpenPAS。',
  },
} as const;

function localeOf(ctx: KoaContextWithOIDC) {
  const params = (ctx.oidc?.params ?? {}) as Record<string, unknown>;
  return pickLocale(params.ui_locales, ctx.get('accept-language'));
}

export async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const locale = localeOf(ctx);
  const t = TEXT[locale];
  ctx.type = 'html';
  // `form` is oidc-provider's own markup (hidden fields only, its values escaped by the library).
  ctx.body = page(
    locale,
    t.title,
    html`<h1>${t.question}</h1>${new Html(form)}
<button autofocus type="submit" form="op.logoutForm" name="logout" value="yes">${t.yes}</button>
<button type="submit" form="op.logoutForm">${t.no}</button>`,
  );
}

export async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  const locale = localeOf(ctx);
  const t = TEXT[locale];
  ctx.type = 'html';
  ctx.body = page(locale, t.title, html`<h1>${t.title}</h1><p>${t.done}</p>`);
}
