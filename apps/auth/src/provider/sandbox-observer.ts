import {
  digestOf,
  entropyBits,
  recordAuthorization,
  recordAuthorizationAnswer,
  recordClientCredentials,
  recordRedemption,
} from '@openpas/auth-store';
import type { SqlRunner } from '@openpas/db';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from '../logger.ts';

// For certification: what a sandbox client did at the authorization and token endpoints, recorded by a
// post-middleware of oidc-provider (its documented `provider.use`) from the request's parameters, the
// entities oidc-provider put on ctx.oidc.entities and the answer it gave. Only sandbox clients (synthetic
// data); codes and states only as digests and measurements; a failed write is logged, never fails the
// request.

type Params = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The code or error an authorization answer carries in its redirect (query response mode). */
function answerOf(ctx: KoaContextWithOIDC): { code: string | null; error: string | null } {
  const location = ctx.response.get('location');
  if (location) {
    try {
      const url = new URL(location, 'http://answer.invalid');
      return { code: url.searchParams.get('code'), error: url.searchParams.get('error') };
    } catch {
      return { code: null, error: 'unreadable_redirect' };
    }
  }
  const body = ctx.body as { error?: unknown } | undefined;
  if (ctx.status >= 400) return { code: null, error: text(body?.error) ?? `http_${ctx.status}` };
  return { code: null, error: null };
}

/** The unverified header of a compact JWS: what alg and kid the client said it used. */
function jwsHeader(assertion: unknown): { alg: string | null; kid: string | null } {
  if (typeof assertion !== 'string') return { alg: null, kid: null };
  try {
    const header = JSON.parse(Buffer.from(assertion.split('.')[0] ?? '', 'base64url').toString('utf8'));
    return { alg: text(header?.alg), kid: text(header?.kid) };
  } catch {
    return { alg: null, kid: null };
  }
}

export interface SandboxObserverDeps {
  sql: SqlRunner;
  isSandboxClient: (clientId: string) => boolean;
  logger: Logger;
}

async function observe(deps: SandboxObserverDeps, ctx: KoaContextWithOIDC): Promise<void> {
  const oidc = ctx.oidc;
  const route = oidc?.route;
  if (route !== 'authorization' && route !== 'resume' && route !== 'token') return;
  const params = (oidc.params ?? {}) as Params;
  const clientId = oidc.client?.clientId ?? text(params.client_id);
  if (!clientId || !deps.isSandboxClient(clientId)) return;
  const answer = answerOf(ctx);
  const interactionId = oidc.entities?.Interaction?.uid ?? null;

  if (route === 'authorization') {
    // The scope as the app sent it: provider/resource-server.ts narrows params.scope to the registration.
    const sent = ((oidc as unknown as { body?: Params }).body ?? ctx.query) as Params;
    const state = typeof params.state === 'string' ? params.state : '';
    await recordAuthorization(deps.sql, {
      clientId,
      interactionId: answer.code || answer.error ? null : interactionId,
      code: answer.code,
      facts: {
        codeChallengeMethod: text(params.code_challenge_method),
        codeChallengeSent: text(params.code_challenge) !== null,
        stateLength: state.length,
        stateBits: entropyBits(state),
        stateDigest: state ? digestOf(state) : null,
        redirectUri: text(params.redirect_uri),
        aud: text(params.aud),
        scope: text(sent.scope) ?? text(params.scope) ?? '',
        error: answer.error,
      },
    });
  } else if (route === 'resume') {
    if (interactionId && (answer.code || answer.error)) {
      await recordAuthorizationAnswer(deps.sql, { interactionId, ...answer });
    }
  } else if (params.grant_type === 'authorization_code' && typeof params.code === 'string') {
    const body = ctx.body as { scope?: unknown; error?: unknown } | undefined;
    await recordRedemption(deps.sql, {
      clientId,
      code: params.code,
      success: ctx.status === 200,
      facts: {
        grantedScope: ctx.status === 200 ? text(body?.scope) : null,
        error: ctx.status === 200 ? null : (text(body?.error) ?? `http_${ctx.status}`),
      },
    });
  } else if (params.grant_type === 'client_credentials') {
    const body = ctx.body as { error?: unknown } | undefined;
    await recordClientCredentials(deps.sql, {
      clientId,
      success: ctx.status === 200,
      facts: {
        ...jwsHeader(params.client_assertion),
        authMethod: params.client_assertion ? 'private_key_jwt' : null,
        error: ctx.status === 200 ? null : (text(body?.error) ?? `http_${ctx.status}`),
      },
    });
  }
}

/** oidc-provider post-middleware recording sandbox clients' authorization and token requests. */
export function sandboxObserver(deps: SandboxObserverDeps) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> => {
    await next();
    try {
      await observe(deps, ctx);
    } catch (error) {
      deps.logger.warn({ err: error }, 'recording a sandbox observation failed');
    }
  };
}
