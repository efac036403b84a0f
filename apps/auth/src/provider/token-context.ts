import type { FhirContextItem, OidcPayloadStore } from '@openpas/auth-store';
import type { KoaContextWithOIDC } from 'oidc-provider';

// The SMART launch context of a grant (patient, encounter, fhirContext, banner, style, fhirUser), decided
// when the user allows the app. It is kept beside the grant in oidc_payload (model SmartContext, keyed and
// revoked by grant id), copied into every access token of the grant (so introspection shows it) and
// added to the token response.

const MODEL = 'SmartContext';

export interface SmartContext {
  patient?: string;
  encounter?: string;
  fhirContext?: FhirContextItem[];
  need_patient_banner: boolean;
  smart_style_url: string;
  fhirUser?: string;
}

/** Token response members taken from the context (fhirUser travels in the id_token instead). */
const RESPONSE_MEMBERS = ['patient', 'encounter', 'fhirContext', 'need_patient_banner', 'smart_style_url'];

export async function saveSmartContext(
  payloads: OidcPayloadStore,
  grantId: string,
  context: SmartContext,
  expiresAt: Date,
): Promise<void> {
  const payload = JSON.parse(JSON.stringify(context)) as Record<string, unknown>;
  await payloads.write({ model: MODEL, id: grantId, grantId, payload, uid: null, userCode: null, expiresAt });
}

export async function loadSmartContext(
  payloads: OidcPayloadStore,
  grantId: string,
): Promise<SmartContext | undefined> {
  return (await payloads.find(MODEL, grantId))?.payload as SmartContext | undefined;
}

/** extraTokenClaims: system tokens name their client; user tokens carry their grant's SMART context. */
export function tokenClaims(payloads: OidcPayloadStore) {
  return async function extraTokenClaims(
    _ctx: KoaContextWithOIDC,
    token: { kind: string; clientId?: string; grantId?: string },
  ): Promise<Record<string, unknown> | undefined> {
    if (token.kind === 'ClientCredentials') return { sub: token.clientId };
    if (token.kind !== 'AccessToken' || !token.grantId) return undefined;
    const context = await loadSmartContext(payloads, token.grantId);
    return context ? { ...context } : undefined;
  };
}

/** Koa middleware: adds the SMART context to successful authorization_code and refresh_token responses. */
export async function addContextToTokenResponse(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
  await next();
  if (ctx.oidc?.route !== 'token' || ctx.status !== 200) return;
  const grantType = ctx.oidc.params?.grant_type;
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') return;
  const body = ctx.body as Record<string, unknown> | undefined;
  const extra = (ctx.oidc.entities.AccessToken as { extra?: Record<string, unknown> } | undefined)?.extra;
  if (!body || !extra) return;
  for (const member of RESPONSE_MEMBERS) {
    if (extra[member] !== undefined) body[member] = extra[member];
  }
}
