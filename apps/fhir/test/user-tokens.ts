import type { Database } from '@openpas/db';
// The auth server's own test tools: a stand-in app and a cookie-keeping user agent that signs in and consents.
import { registerPublicApp, startTestApp, type TestApp } from '../../auth/test/launch-fixtures.ts';
import { drive, type Person, pkcePair, UserAgent } from '../../auth/test/user-agent.ts';
import type { Platform } from './harness.ts';

export interface UserTokens {
  /** Signs `person` in through the authorization code flow with PKCE: the whole token response */
  tokenResponse(scope: string, person: Omit<Person, 'password'>): Promise<Record<string, unknown>>;
  /** The same, just the access token */
  token(scope: string, person: Omit<Person, 'password'>): Promise<string>;
  close(): Promise<void>;
}

/** A public SMART app registered for `scopes`, through which sandbox users get real access tokens. */
export async function userTokens(
  db: Database,
  platform: Platform,
  clientId: string,
  scopes: string,
): Promise<UserTokens> {
  const app: TestApp = await startTestApp();
  await registerPublicApp(db, clientId, app, scopes);
  const tokens: UserTokens = {
    async tokenResponse(scope, person) {
      const pkce = pkcePair();
      const params = new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: app.redirectUri,
        scope,
        state: 'state',
        aud: platform.base,
        code_challenge: pkce.challenge,
        code_challenge_method: 'S256',
      });
      const outcome = await drive(new UserAgent(), `${platform.issuer}/auth?${params}`, app.redirectUri, {
        ...person,
        password: 'sandbox',
      });
      const code = outcome.redirect?.searchParams.get('code');
      if (!code) throw new Error(`no code for ${person.username}: ${outcome.page?.html.slice(0, 300)}`);
      const reply = await fetch(`${platform.issuer}/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: app.redirectUri,
          client_id: clientId,
          code_verifier: pkce.verifier,
        }),
      });
      const body = (await reply.json()) as Record<string, unknown>;
      if (!body.access_token) throw new Error(`no token for ${person.username}: ${body.error_description}`);
      return body;
    },
    async token(scope, person) {
      return String((await tokens.tokenResponse(scope, person)).access_token);
    },
    close: () => app.close(),
  };
  return tokens;
}
