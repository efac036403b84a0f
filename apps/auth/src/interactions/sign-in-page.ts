import { type Locale, messages } from '../pages/i18n.ts';
import { type Html, html, page } from '../pages/layout.ts';

export interface SignInPage {
  locale: Locale;
  action: string;
  formToken: string;
  appName?: string | undefined;
  username?: string | undefined;
  error?: 'bad-credentials' | 'throttled' | 'unverified' | undefined;
  /** Extra hidden fields to carry through the form (sandbox launcher parameters) */
  hidden?: Record<string, string> | undefined;
}

export function signInPage(input: SignInPage): string {
  const t = messages(input.locale);
  const error =
    input.error === 'throttled'
      ? t.throttled
      : input.error === 'unverified'
        ? t.unverified
        : input.error
          ? t.badCredentials
          : undefined;
  const hidden: Html[] = Object.entries(input.hidden ?? {}).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  );
  const described = error ? html` aria-describedby="sign-in-error" aria-invalid="true"` : '';
  return page(
    input.locale,
    t.signInTitle,
    html`<h1>${t.signInHeading}</h1>${input.appName ? html`<p class="muted">${t.signInFor(input.appName)}</p>` : ''}
${error ? html`<p role="alert" id="sign-in-error">${error}</p>` : ''}
<form method="post" action="${input.action}" novalidate>
<input type="hidden" name="form_token" value="${input.formToken}">${hidden}
<label for="username">${t.username}</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus value="${input.username ?? ''}"${described}>
<label for="password">${t.password}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${described}>
<button type="submit">${t.signIn}</button>
</form>`,
  );
}
