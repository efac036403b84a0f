import type { FhirContextItem, LaunchContextStore, OidcPayloadStore } from '@openpas/auth-store';
import type { PatientDirectory } from '@openpas/fhir-store';
import { formatScope, parseScopes, type Scope, scopeToPlainWords } from '@openpas/scopes';
import type Provider from 'oidc-provider';
import { type Locale, messages } from '../pages/i18n.ts';
import { type Html, html, page } from '../pages/layout.ts';
import { saveSmartContext } from '../provider/token-context.ts';
import {
  type LaunchingUser,
  ownPatientId,
  type PatientChoice,
  patientName,
  patientsVisibleTo,
} from './patient-picker.ts';

// The consent step: which patient the app gets (from the EHR's launch, the user's own record or the
// picker), which scopes it gets (every requested identity and launch scope, and the resource scopes the
// user left ticked), and the grant that records both.

export interface LaunchPlan {
  patient?: PatientChoice;
  encounter?: string;
  fhirContext?: FhirContextItem[];
  needPatientBanner: boolean;
  /** Set when the user must choose a patient first */
  choices?: PatientChoice[];
  /** The EHR launch value to consume on Allow */
  launchId?: string;
}

export type PlanResult = { ok: true; plan: LaunchPlan } | { ok: false; error: string; description: string };

function scopeList(scope: unknown): Scope[] {
  return parseScopes(typeof scope === 'string' ? scope : '').scopes;
}

const printed = (scope: Scope) => formatScope(scope, { keepV1: true });

/** The resource scopes an authorization request asks for, as the consent form would list them. */
export function requestedResourceScopes(scope: unknown): string[] {
  return scopeList(scope)
    .filter((one) => one.kind === 'resource')
    .map(printed);
}

/** Works out the launch context of an authorization request for this user. */
export async function planLaunch(
  launches: LaunchContextStore,
  patients: PatientDirectory,
  input: {
    user: LaunchingUser;
    clientId: string;
    params: Record<string, unknown>;
    chosenPatient?: string | null | undefined;
  },
): Promise<PlanResult> {
  const scopes = new Set(scopeList(input.params.scope).map(printed));
  const launchValue = input.params.launch;
  if (typeof launchValue === 'string') {
    const launch = await launches.findUsable(launchValue, input.clientId);
    if (!launch) {
      return { ok: false, error: 'invalid_request', description: 'launch is expired or already used' };
    }
    if (launch.userId !== input.user.id) {
      return { ok: false, error: 'access_denied', description: 'the launch was created for another user' };
    }
    let patient: PatientChoice | undefined;
    if (launch.patient) {
      patient = {
        id: launch.patient,
        name: patientName(await patients.find(launch.patient), launch.patient),
      };
    }
    return {
      ok: true,
      plan: {
        ...(patient ? { patient } : {}),
        ...(launch.encounter ? { encounter: launch.encounter } : {}),
        ...(launch.fhirContext.length ? { fhirContext: launch.fhirContext } : {}),
        needPatientBanner: launch.needPatientBanner,
        launchId: launch.id,
      },
    };
  }
  if (!scopes.has('launch/patient')) return { ok: true, plan: { needPatientBanner: false } };
  const visible = await patientsVisibleTo(patients, input.user);
  const own = ownPatientId(input.user);
  const chosen = own ?? input.chosenPatient ?? (visible.length === 1 ? visible[0]?.id : undefined);
  if (visible.length === 0) {
    return { ok: false, error: 'access_denied', description: 'there is no patient this user may open' };
  }
  if (!chosen) return { ok: true, plan: { needPatientBanner: true, choices: visible } };
  const patient = visible.find((candidate) => candidate.id === chosen);
  if (!patient)
    return { ok: false, error: 'access_denied', description: 'the user may not open this patient' };
  return { ok: true, plan: { patient, needPatientBanner: true } };
}

export function consentPage(input: {
  locale: Locale;
  appName: string;
  action: string;
  formToken: string;
  scope: unknown;
  patient?: PatientChoice | undefined;
}): string {
  const t = messages(input.locale);
  const scopes = scopeList(input.scope);
  const resources: Html[] = scopes
    .filter((scope) => scope.kind === 'resource')
    .map(
      (scope, index) =>
        html`<label for="scope-${index}"><input type="checkbox" id="scope-${index}" name="scope" value="${printed(scope)}" checked> ${scopeToPlainWords(scope, input.locale)} <span class="muted">(${printed(scope)})</span></label>`,
    );
  const others: Html[] = scopes
    .filter((scope) => scope.kind !== 'resource')
    .map(
      (scope) =>
        html`<li>${scopeToPlainWords(scope, input.locale)} <span class="muted">(${printed(scope)})</span></li>`,
    );
  return page(
    input.locale,
    t.consentTitle,
    html`<h1>${t.consentHeading(input.appName)}</h1>
${input.patient ? html`<p>${t.patientInContext(input.patient.name)}</p>` : ''}
<form method="post" action="${input.action}">
<input type="hidden" name="form_token" value="${input.formToken}">
${input.patient ? html`<input type="hidden" name="patient" value="${input.patient.id}">` : ''}
${resources.length ? html`<fieldset><legend>${t.resourceLegend}</legend>${resources}</fieldset>` : ''}
${others.length ? html`<h2>${t.otherLegend}</h2><ul>${others}</ul>` : ''}
<button type="submit" name="decision" value="allow" autofocus>${t.allow}</button>
<button type="submit" name="decision" value="deny">${t.deny}</button>
</form>`,
  );
}

export type ConsentResult = { ok: true; grantId: string } | { ok: false; error: string; description: string };

/** Records what the user allowed: a new grant, its SMART context, and the EHR launch used up. */
export async function grantConsent(
  provider: Provider,
  launches: LaunchContextStore,
  payloads: OidcPayloadStore,
  input: {
    user: LaunchingUser & { fhirUser: string | null };
    clientId: string;
    scope: unknown;
    kept: string[];
    plan: LaunchPlan;
    fhirBaseUrl: string;
    styleUrl: string;
    missingClaims: string[];
    grantTtlSeconds: number;
  },
): Promise<ConsentResult> {
  const scopes = scopeList(input.scope);
  const kept = new Set(input.kept);
  const granted: string[] = [];
  const rejected: string[] = [];
  const identity: string[] = [];
  for (const scope of scopes) {
    const text = printed(scope);
    if (scope.kind !== 'resource') {
      identity.push(text);
      granted.push(text);
    } else if (kept.has(text)) granted.push(text);
    else rejected.push(text);
  }
  if (input.plan.launchId && !(await launches.consume(input.plan.launchId, input.clientId))) {
    return { ok: false, error: 'invalid_request', description: 'launch is expired or already used' };
  }
  const grant = new provider.Grant({ accountId: input.user.id, clientId: input.clientId });
  if (identity.length) grant.addOIDCScope(identity.join(' '));
  if (input.missingClaims.length) grant.addOIDCClaims(input.missingClaims);
  if (granted.length) grant.addResourceScope(input.fhirBaseUrl, granted.join(' '));
  if (rejected.length) grant.rejectResourceScope(input.fhirBaseUrl, rejected.join(' '));
  const grantId = await grant.save();
  await saveSmartContext(
    payloads,
    grantId,
    {
      ...(input.plan.patient ? { patient: input.plan.patient.id } : {}),
      ...(input.plan.encounter ? { encounter: input.plan.encounter } : {}),
      ...(input.plan.fhirContext ? { fhirContext: input.plan.fhirContext } : {}),
      need_patient_banner: input.plan.needPatientBanner,
      smart_style_url: input.styleUrl,
      ...(input.user.fhirUser ? { fhirUser: input.user.fhirUser } : {}),
    },
    new Date(Date.now() + input.grantTtlSeconds * 1000),
  );
  return { ok: true, grantId };
}
