import type { SqlRunner } from '@openpas/db';
import type { Context } from 'koa';
import Provider, { type errors, type KoaContextWithOIDC } from 'oidc-provider';
import { TOO_LARGE } from '../http/body.ts';
import { answerIfDatabaseUnavailable } from '../http/errors.ts';
import type { Logger } from '../logger.ts';
import { type ConfigurationDeps, providerConfiguration } from './configuration.ts';
import { provideRegistrationTokens } from './registration-tokens.ts';
import { sandboxObserver } from './sandbox-observer.ts';
import { addContextToTokenResponse } from './token-context.ts';

/** oidc-provider, configured, with our post-middleware and its events wired to the logs. */
export async function createProvider(
  deps: ConfigurationDeps & {
    logger: Logger;
    /** Where sandbox clients' requests are recorded for certification (none: the sandbox is off) */
    observations?: SqlRunner | undefined;
  },
): Promise<Provider> {
  const { logger } = deps;
  const provider = new Provider(deps.env.AUTH_ISSUER, providerConfiguration(deps));
  // Its own contexts (cookies) trust X-Forwarded-Proto, which http/public-origin.ts sets from the issuer.
  provider.proxy = true;
  provider.use(addContextToTokenResponse);
  if (deps.observations) {
    provider.use(
      sandboxObserver({
        sql: deps.observations,
        isSandboxClient: (clientId) => deps.clients.isSandboxClient(clientId),
        logger,
      }),
    );
  }
  await provideRegistrationTokens(provider, deps.payloads, deps.registrationTokens);

  const explain = (event: string) => (ctx: KoaContextWithOIDC, error: errors.OIDCProviderError) => {
    const body = ctx.body as Record<string, unknown> | undefined;
    // oidc-provider reads bodies itself, up to 56 KiB; a chunked body that grows past that is its
    // invalid_request, which we answer as every other body over the limit (http/body.ts).
    if (error.error === 'invalid_request' && error.error_detail === 'request entity too large') {
      (ctx as unknown as Context).status = 413;
      if (body) body.error_description = TOO_LARGE;
    }
    // oidc-provider keeps the precise reason for a failed client authentication in error_detail; the
    // developer deserves it in error_description (it never contains the assertion or a secret).
    if (
      body &&
      error.error === 'invalid_client' &&
      error.error_detail &&
      body.error_description === 'client authentication failed'
    ) {
      body.error_description = `client authentication failed: ${error.error_detail}`;
    }
    logger.info(
      { event, error: error.error, detail: body?.error_description, requestId: ctx.get('x-request-id') },
      'oauth error',
    );
  };
  // The errors of the provider's JSON endpoints that read a request body.
  provider.on('grant.error', explain('grant.error'));
  provider.on('introspection.error', explain('introspection.error'));
  provider.on('revocation.error', explain('revocation.error'));
  provider.on('registration_create.error', explain('registration_create.error'));
  provider.on('userinfo.error', explain('userinfo.error'));
  provider.on('server_error', (ctx: KoaContextWithOIDC, error: Error) => {
    if (answerIfDatabaseUnavailable(ctx as unknown as Context, error))
      logger.warn({ err: error, requestId: ctx.get('x-request-id') }, 'database unavailable');
    else logger.error({ err: error }, 'oidc-provider server error');
  });
  provider.on('registration_create.success', (ctx) => {
    const body = ctx.body as Record<string, unknown>;
    body.openpas_review_status = 'pending';
  });
  return provider;
}
