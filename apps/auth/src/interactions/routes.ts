import type { LaunchPermission } from '@openpas/app-registry';
import type { AccountStore, LaunchContextStore, OidcPayloadStore } from '@openpas/auth-store';
import type { PatientDirectory } from '@openpas/fhir-store';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { AuthEnv } from '../env.ts';
import { readForm } from '../http/body.ts';
import type { FormTokens } from '../http/forms.ts';
import { messages, pickLocale } from '../pages/i18n.ts';
import { html, page, redirect, sendHtml } from '../pages/layout.ts';
import type { PasswordSignIn } from '../session/password-sign-in.ts';
import { consentPage, grantConsent, planLaunch, requestedResourceScopes } from './consent.ts';
import { pickerPage } from './patient-picker.ts';
import { signInPage } from './sign-in-page.ts';

// The pages oidc-provider sends the browser to during authorization (/interaction/:uid): sign-in, the
// patient picker and consent. Each POST needs the interaction cookie oidc-provider set (checked by
// interactionDetails) and a form token bound to the interaction.

export interface InteractionDeps {
  provider: Provider;
  accounts: AccountStore;
  launches: LaunchContextStore;
  payloads: OidcPayloadStore;
  /** The Patient records a launch may name (read through @openpas/fhir-store) */
  patients: PatientDirectory;
  env: AuthEnv;
  forms: FormTokens;
  passwordSignIn: PasswordSignIn;
  /** The issuer's path, prefixed to every form action */
  basePath: string;
  grantTtlSeconds: number;
  /** Whether the user's hospital lets them authorize this client (@openpas/app-registry's enablement) */
  launchPermission: (clientId: string, userId: string) => Promise<LaunchPermission>;
}

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

const UID = /^[\w-]{1,64}$/;
/** The platform's own clients (CONTRACT.md): signed in without a consent page. */
const FIRST_PARTY_CLIENTS: ReadonlySet<string> = new Set(['openpas-portal']);
const STEPS = new Set(['login', 'patient', 'consent']);

/** GET /interaction/:uid and POST /interaction/:uid/:step */
export async function handleInteraction(
  deps: InteractionDeps,
  ctx: Context,
  uid: string | undefined,
  step?: string,
): Promise<void> {
  const { req, res } = ctx;
  const valid = uid !== undefined && UID.test(uid) && (step === undefined || STEPS.has(step));
  const locale = pickLocale(undefined, ctx.get('accept-language'));
  let details: Details | undefined;
  try {
    details = valid ? await deps.provider.interactionDetails(req, res) : undefined;
  } catch {
    details = undefined;
  }
  if (!details || !uid || details.uid !== uid) {
    const t = messages(locale);
    sendHtml(
      ctx,
      400,
      page(locale, t.errorTitle, html`<h1>${t.errorTitle}</h1><p role="alert">${t.expired}</p>`),
    );
    return;
  }
  const pageLocale = pickLocale(details.params.ui_locales, ctx.get('accept-language'));
  const clientId = String(details.params.client_id);
  const client = await deps.provider.Client.find(clientId);
  const appName = client?.clientName ?? clientId;
  const action = (suffix: string) => `${deps.basePath}/interaction/${uid}/${suffix}`;
  const formToken = deps.forms.issue(`interaction:${uid}`);
  const finish = async (result: Parameters<Provider['interactionResult']>[2]) => {
    const returnTo = await deps.provider.interactionResult(req, res, result, {
      mergeWithLastSubmission: false,
    });
    redirect(ctx, returnTo);
  };

  if (ctx.method === 'GET' && step === undefined) {
    if (details.prompt.name === 'login') {
      sendHtml(ctx, 200, signInPage({ locale: pageLocale, action: action('login'), formToken, appName }));
      return;
    }
    // The platform's own portal has no consent page: it gets what it asked for within its registration
    // (who the person is; a reviewer's workbench access), and the FHIR API decides what that reaches.
    if (FIRST_PARTY_CLIENTS.has(clientId)) return allow(null, requestedResourceScopes(details.params.scope));
    return showConsentStep(null);
  }
  if (ctx.method !== 'POST' || step === undefined) {
    ctx.status = 405;
    ctx.set('Allow', 'GET, POST');
    return;
  }
  const form = await readForm(ctx);
  if (!deps.forms.verify(`interaction:${uid}`, form.get('form_token'))) {
    const t = messages(pageLocale);
    sendHtml(
      ctx,
      403,
      page(pageLocale, t.errorTitle, html`<h1>${t.errorTitle}</h1><p role="alert">${t.expired}</p>`),
    );
    return;
  }

  if (step === 'login') {
    if (details.prompt.name !== 'login') return showConsentStep(null);
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
          locale: pageLocale,
          action: action('login'),
          formToken,
          appName,
          username,
          error: result.reason,
        }),
      );
      return;
    }
    await finish({ login: { accountId: result.userId } });
    return;
  }
  if (details.prompt.name !== 'consent') {
    ctx.status = 409;
    return;
  }
  if (step === 'patient') return showConsentStep(form.get('patient'));
  if (form.get('decision') !== 'allow') {
    await finish({ error: 'access_denied', error_description: 'the user denied the request' });
    return;
  }
  return allow(form.get('patient'), form.getAll('scope'));

  /** Records the consent (the identity and launch scopes, and the resource scopes kept) and finishes. */
  async function allow(chosenPatient: string | null, kept: string[]): Promise<void> {
    const planned = await planFor(chosenPatient);
    if (!planned) return;
    if (planned.plan.choices) {
      await finish({ error: 'invalid_request', error_description: 'no patient was chosen' });
      return;
    }
    const { user } = planned;
    const interaction = details as Details;
    const missingClaims = (interaction.prompt.details.missingOIDCClaims as string[] | undefined) ?? [];
    const consent = await grantConsent(deps.provider, deps.launches, deps.payloads, {
      user,
      clientId,
      scope: interaction.params.scope,
      kept,
      plan: planned.plan,
      fhirBaseUrl: deps.env.FHIR_BASE_URL,
      styleUrl: `${deps.env.AUTH_ISSUER}/smart-style.json`,
      missingClaims,
      grantTtlSeconds: deps.grantTtlSeconds,
    });
    if (!consent.ok) {
      await finish({ error: consent.error, error_description: consent.description });
      return;
    }
    await finish({ consent: { grantId: consent.grantId } });
  }

  async function currentUser(interaction: Details) {
    const accountId = interaction.session?.accountId;
    return accountId ? deps.accounts.findEnabled(accountId) : undefined;
  }

  /** The signed-in user and their launch plan, or undefined once the interaction was ended with the reason. */
  async function planFor(chosenPatient: string | null) {
    const interaction = details as Details;
    const user = await currentUser(interaction);
    if (!user) {
      await finish({
        error: 'login_required',
        error_description: 'the signed-in account is no longer available',
      });
      return undefined;
    }
    const permission = await deps.launchPermission(clientId, user.id);
    if (!permission.allowed) {
      // A clinician of a hospital that has not enabled this app: a page that says so, never the consent.
      const t = messages(pageLocale);
      sendHtml(
        ctx,
        403,
        page(
          pageLocale,
          t.notEnabledTitle,
          html`<h1>${t.notEnabledTitle}</h1><p role="alert">${t.notEnabled(permission.appName, permission.organizationName)}</p><p>${t.notEnabledHint}</p>`,
        ),
      );
      return undefined;
    }
    const planned = await planLaunch(deps.launches, deps.patients, {
      user,
      clientId,
      params: interaction.params,
      chosenPatient,
    });
    if (!planned.ok) {
      await finish({ error: planned.error, error_description: planned.description });
      return undefined;
    }
    return { user, plan: planned.plan };
  }

  async function showConsentStep(chosenPatient: string | null): Promise<void> {
    const interaction = details as Details;
    const planned = await planFor(chosenPatient);
    if (!planned) return;
    if (planned.plan.choices) {
      sendHtml(
        ctx,
        200,
        pickerPage({
          locale: pageLocale,
          appName,
          action: action('patient'),
          formToken,
          patients: planned.plan.choices,
        }),
      );
      return;
    }
    sendHtml(
      ctx,
      200,
      consentPage({
        locale: pageLocale,
        appName,
        action: action('consent'),
        formToken,
        scope: interaction.params.scope,
        patient: planned.plan.patient,
      }),
    );
  }
}
