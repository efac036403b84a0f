import FHIR from 'fhirclient';
import type Client from 'fhirclient/lib/Client';
import type { BrowserConfig } from '../config.ts';
import { refreshDelay } from './refresh.ts';
import { type LaunchKind, SCOPES } from './scopes.ts';

export type { Client };

// The token endpoint authenticates a public client by its client_id, on refresh too.
FHIR.oauth2.settings.refreshTokenWithClientId = true;

/** Why a session ended, shown on the sign-in-again page. */
export const END_REASONS = ['revoked', 'expired', 'signed-out', 'failed'] as const;
export type EndReason = (typeof END_REASONS)[number];

/** The end reason a text names (a query parameter, a stored value), if it names one. */
export function asEndReason(value: string | null): EndReason | undefined {
  return END_REASONS.find((reason) => reason === value);
}

/**
 * Sends the browser to the authorization server: SMART's own fhirclient, with PKCE S256 (required), a
 * random `state`, `aud` = the FHIR base. An EHR launch passes `iss` and `launch`; a standalone one the
 * deployment's FHIR base.
 */
export async function authorize(
  config: BrowserConfig,
  launch: { kind: LaunchKind; iss?: string; launch?: string },
): Promise<void> {
  await FHIR.oauth2.authorize({
    clientId: config.clientId,
    scope: SCOPES[launch.kind],
    redirectUri: `${config.appUrl}/callback`,
    iss: launch.iss ?? config.fhirBaseUrl,
    ...(launch.launch ? { launch: launch.launch } : {}),
    pkceMode: 'required',
  });
}

// Why the tab's last session ended, kept after the session is forgotten: a page opened a moment later (a
// link clicked as the grant was found revoked) finds no session, and says why rather than that none exists.
const ENDED_KEY = 'openpas-launch.ended';

let ready: Promise<Client> | undefined;

/**
 * Completes the code flow on /callback, or restores the session this tab holds; throws without one. Once
 * per page: a code is redeemed once, however many components ask.
 */
export function restoreSession(): Promise<Client> {
  ready ??= FHIR.oauth2.ready();
  ready.then(
    () => sessionStorage.removeItem(ENDED_KEY),
    () => {
      ready = undefined;
    },
  );
  return ready;
}

/** Forgets the session this tab holds (fhirclient keeps it in sessionStorage), remembering why it ended. */
export function forgetSession(reason?: EndReason): void {
  ready = undefined;
  sessionStorage.clear();
  if (reason) sessionStorage.setItem(ENDED_KEY, reason);
}

/** Why this tab's session ended, when it was ended here and no session has begun since. */
export function endedReason(): EndReason | undefined {
  return asEndReason(sessionStorage.getItem(ENDED_KEY));
}

/** True when an error means the grant is gone: a 401, or the token endpoint's invalid_grant. */
export function grantIsGone(error: unknown): boolean {
  const status =
    (error as { status?: number; statusCode?: number } | null)?.status ??
    (error as { statusCode?: number } | null)?.statusCode;
  const text = String((error as Error | null)?.message ?? error);
  return status === 401 || /invalid_grant|401|Unauthorized/i.test(text);
}

/**
 * Refreshes the access token `REFRESH_MARGIN_SECONDS` before it expires, again after each refresh, for as
 * long as the page lives; calls `ended` when the refresh is refused (the grant was revoked or expired).
 * Returns the function that stops it.
 */
export function keepFresh(client: Client, ended: (reason: EndReason) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const schedule = () => {
    const expiresAt = Number(client.state.expiresAt ?? 0);
    if (!client.state.tokenResponse?.refresh_token || !expiresAt || stopped) return;
    timer = setTimeout(
      async () => {
        try {
          await client.refresh();
          schedule();
        } catch (error) {
          if (!stopped) ended(grantIsGone(error) ? 'revoked' : 'expired');
        }
      },
      refreshDelay(expiresAt, Date.now() / 1000),
    );
  };
  schedule();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
