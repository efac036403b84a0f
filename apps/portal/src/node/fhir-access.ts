// A reviewer's access to the FHIR API, kept with their portal session: the tokens their sign-in brought
// (sealed in portal_session), refreshed shortly before they expire. The auth server's refresh tokens are
// single-use and a reuse ends the grant, so one request of the session claims each refresh (a short lease
// in the row); the others go on with the access token, which is still valid for the margin.
import { claimFhirRefresh, readSessionFhirAccess, storeSessionFhirAccess } from '@openpas/api';
import { portalClientSecret } from '../env.ts';
import { type FhirTokens, refreshFhirTokens } from './oidc.ts';
import { runtime } from './runtime.ts';
import { seal, unseal } from './token-seal.ts';

/** Refreshed when less than this is left. */
const REFRESH_MARGIN_MS = 60_000;
/** How long a claimed refresh may take before another request may try. */
const REFRESH_LEASE_SECONDS = 20;

interface Kept {
  access: string;
  refresh: string | null;
}

function sealedFor(secret: string, tokens: FhirTokens) {
  return {
    sealed: seal(secret, { access: tokens.access, refresh: tokens.refresh } satisfies Kept),
    expiresAt: new Date(Date.now() + tokens.expiresIn * 1000),
  };
}

/** Keeps the FHIR tokens of a sign-in with the session. */
export async function keepFhirAccess(sessionToken: string, tokens: FhirTokens): Promise<void> {
  const { sql, env } = await runtime();
  await storeSessionFhirAccess(sql, sessionToken, sealedFor(portalClientSecret(env), tokens));
}

/**
 * A live access token for the session, refreshed when due; null when the session holds none or the
 * auth server refused the refresh (the grant was revoked or expired): the reviewer signs in again.
 */
export async function fhirAccessToken(sessionToken: string | undefined): Promise<string | null> {
  if (!sessionToken) return null;
  const { sql, env, logger } = await runtime();
  const secret = portalClientSecret(env);
  const current = await readSessionFhirAccess(sql, sessionToken);
  const kept = current ? unseal<Kept>(secret, current.sealed) : null;
  if (!current || !kept) return null;
  const left = current.expiresAt.getTime() - Date.now();
  if (left > REFRESH_MARGIN_MS) return kept.access;
  if (!kept.refresh) return left > 0 ? kept.access : null;
  if (!(await claimFhirRefresh(sql, sessionToken, current, REFRESH_LEASE_SECONDS))) {
    return left > 0 ? kept.access : null;
  }
  try {
    const tokens = await refreshFhirTokens(env, kept.refresh);
    await storeSessionFhirAccess(sql, sessionToken, sealedFor(secret, tokens));
    return tokens.access;
  } catch (error) {
    logger.info({ err: error instanceof Error ? error.message : String(error) }, 'FHIR access not refreshed');
    await storeSessionFhirAccess(sql, sessionToken, null);
    return null;
  }
}
