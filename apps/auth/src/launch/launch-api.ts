import {
  type AccountStore,
  LAUNCH_TTL_SECONDS,
  type LaunchContextStore,
  type OAuthClientStore,
} from '@openpas/auth-store';
import type { PatientDirectory } from '@openpas/fhir-store';
import { parseScopes } from '@openpas/scopes';
import { bearerToken } from '@openpas/smart';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import { readJson } from '../http/body.ts';
import { invalidRequest, invalidToken } from '../http/errors.ts';
import { sendJson } from '../http/json.ts';
import { patientsVisibleTo } from '../interactions/patient-picker.ts';

// POST {issuer}/api/launch: an EHR's backend (a system token holding the `launch-context` permission, a
// scope the client must be registered for) asks for a launch value for one of its users, a patient it
// holds and the app about to be opened. The EHR then opens the app's launch URL with iss and launch.

export const LAUNCH_PERMISSION = 'launch-context';

const request = z.object({
  client_id: z.string().min(1).max(200),
  /** The OpenPAS username of the clinician at the EHR */
  user: z.string().min(1).max(200),
  patient: z.string().min(1).max(64).optional(),
  encounter: z.string().min(1).max(64).optional(),
  intent: z.string().min(1).max(200).optional(),
  need_patient_banner: z.boolean().optional(),
  fhirContext: z
    .array(z.object({ reference: z.string().regex(/^[A-Z][A-Za-z]+\/[A-Za-z0-9.-]{1,64}$/) }))
    .max(20)
    .optional(),
});

export interface LaunchApiDeps {
  provider: Provider;
  accounts: AccountStore;
  launches: LaunchContextStore;
  /** The Patient records a launch may name (read through @openpas/fhir-store) */
  patients: PatientDirectory;
  clients: OAuthClientStore;
}

export async function handleLaunchApi(deps: LaunchApiDeps, ctx: Context): Promise<void> {
  const { provider, clients } = deps;
  const bearer = bearerToken(ctx.get('authorization'));
  const token = bearer ? await provider.ClientCredentials.find(bearer) : undefined;
  const permitted =
    token?.isValid &&
    parseScopes(token.scope ?? '').scopes.some(
      (scope) => scope.kind === 'other' && scope.value === LAUNCH_PERMISSION,
    );
  if (!token || !permitted) {
    throw invalidToken(`a system token with the ${LAUNCH_PERMISSION} permission is required`);
  }
  const parsed = request.safeParse(await readJson(ctx));
  if (!parsed.success) {
    throw invalidRequest(
      'body must be JSON with client_id, user and optionally patient, encounter, intent, fhirContext',
    );
  }
  const body = parsed.data;
  const [ehr, app, user] = await Promise.all([
    clients.find(token.clientId ?? ''),
    clients.find(body.client_id),
    deps.accounts.findEnabledByUsername(body.user),
  ]);
  if (app?.reviewStatus !== 'approved') throw invalidRequest('client_id is not an approved app');
  if (!user || !ehr?.organizationId || user.organizationId !== ehr.organizationId) {
    throw invalidRequest("user is not a member of the EHR's organisation");
  }
  if (body.patient) {
    const visible = await patientsVisibleTo(deps.patients, user);
    if (!visible.some((patient) => patient.id === body.patient)) {
      throw invalidRequest("patient is not one of the EHR organisation's patients");
    }
  }
  const launch = await deps.launches.create({
    clientId: app.clientId,
    userId: user.id,
    patient: body.patient,
    encounter: body.encounter,
    intent: body.intent,
    fhirContext: body.fhirContext,
    needPatientBanner: body.need_patient_banner,
  });
  sendJson(ctx, 201, { launch, expires_in: LAUNCH_TTL_SECONDS });
}
