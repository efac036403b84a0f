import type { LaunchContextStore, OAuthClientStore } from '@openpas/auth-store';
import type { Context } from 'koa';
import { readForm } from '../http/body.ts';
import { patientsVisibleTo } from '../interactions/patient-picker.ts';
import { messages, pickLocale } from '../pages/i18n.ts';
import { html, page, redirect, sendHtml } from '../pages/layout.ts';
import { currentSession } from '../session/browser-session.ts';
import { acceptSignIn, showSignIn, type WebSignInDeps } from '../session/web-sign-in.ts';

// GET {issuer}/sandbox/ehr-launch?client_id=…&patient=…[&encounter=…]: the sandbox's stand-in for an EHR.
// It signs the clinician in when needed, creates a launch context for them, the patient and the app,
// and sends the browser to the app's launch URL with iss (the FHIR base) and launch. Without a patient
// (the portal's "Launch in sandbox") it lists the clinician's patients to launch with. Not served in
// production.

export interface SandboxLaunchDeps extends WebSignInDeps {
  clients: OAuthClientStore;
  launches: LaunchContextStore;
  fhirBaseUrl: string;
  basePath: string;
}

function problem(ctx: Context, status: number, text: string): void {
  const locale = pickLocale(undefined, ctx.get('accept-language'));
  const t = messages(locale);
  sendHtml(
    ctx,
    status,
    page(locale, t.errorTitle, html`<h1>${t.errorTitle}</h1><p role="alert">${text}</p>`),
  );
}

export async function handleSandboxEhrLaunch(deps: SandboxLaunchDeps, ctx: Context): Promise<void> {
  const form = ctx.method === 'POST' ? await readForm(ctx) : undefined;
  const query = form ?? new URLSearchParams(ctx.querystring);
  const clientId = query.get('client_id') ?? '';
  const patient = query.get('patient') ?? '';
  const encounter = query.get('encounter') ?? '';
  const action = `${deps.basePath}/sandbox/ehr-launch`;
  const hidden = { client_id: clientId, patient, ...(encounter ? { encounter } : {}) };

  const client = clientId ? await deps.clients.find(clientId) : undefined;
  const launchUri = client?.metadata.initiate_login_uri;
  if (client?.reviewStatus !== 'approved' || typeof launchUri !== 'string') {
    return problem(ctx, 400, 'client_id must name an approved app with a launch URL (initiate_login_uri).');
  }

  let accountId = (await currentSession(deps.provider, ctx)).accountId;
  if (form) {
    accountId = await acceptSignIn(deps, ctx, form, { action, hidden });
    if (!accountId) return;
  }
  const user = accountId ? await deps.accounts.findEnabled(accountId) : undefined;
  if (!user?.roles.includes('clinician')) {
    return showSignIn(deps, ctx, { action, hidden });
  }
  const visible = await patientsVisibleTo(deps.patients, user);
  if (!patient) return choosePatient(ctx, action, clientId, visible);
  if (!visible.some((candidate) => candidate.id === patient)) {
    return problem(ctx, 403, 'This clinician may not open that patient.');
  }
  const launch = await deps.launches.create({
    clientId,
    userId: user.id,
    patient,
    encounter: encounter || undefined,
    // A stand-in EHR with no patient banner of its own: the app must show one.
    needPatientBanner: true,
  });
  const target = new URL(launchUri);
  target.searchParams.set('iss', deps.fhirBaseUrl);
  target.searchParams.set('launch', launch);
  redirect(ctx, target.href, 302);
}

/** The clinician's patients, each a link that launches the app with them. */
function choosePatient(
  ctx: Context,
  action: string,
  clientId: string,
  patients: readonly { id: string; name: string }[],
): void {
  const locale = pickLocale(undefined, ctx.get('accept-language'));
  const t = messages(locale);
  const link = (id: string) => `${action}?${new URLSearchParams({ client_id: clientId, patient: id })}`;
  sendHtml(
    ctx,
    200,
    page(
      locale,
      t.pickerTitle,
      html`<h1>${t.pickerHeading}</h1>${
        patients.length === 0
          ? html`<p>${t.noPatients}</p>`
          : html`<ul class="plain">${patients.map(
              (patient) =>
                html`<li><a href="${link(patient.id)}">${patient.name}</a> <span class="muted">${patient.id}</span></li>`,
            )}</ul>`
      }`,
    ),
  );
}
