import type { JtiUse } from '@openpas/auth-store';
import { AssertionError, checkAssertionTimes, MAX_ASSERTION_LIFETIME_SECONDS } from '@openpas/jwt';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { TokenRateLimiter } from '../http/rate-limit.ts';

// SMART asks more of a client assertion than oidc-provider checks by itself: sub = iss = client_id,
// exp at most five minutes ahead, iat neither ahead nor older than five minutes (packages/jwt's rules),
// and a jti that is never accepted twice, also across instances and restarts. oidc-provider calls this
// after it has verified the signature, aud, exp and iss.

function refuse(description: string): Error {
  const error = new errors.InvalidClientAuth();
  error.error_description = description;
  return error;
}

/** packages/jwt's "The assertion exp is …" as oidc-provider's style: "client assertion exp is …". */
function describe(error: AssertionError): string {
  if (error.code === 'exp_too_far')
    return 'client assertion exp must be no more than 5 minutes in the future';
  return error.description.replace(/^The assertion /, 'client assertion ').replace(/\.$/, '');
}

export function assertionChecks(
  firstUse: (use: JtiUse) => Promise<boolean>,
  limiter: TokenRateLimiter,
  clockToleranceSeconds: number,
) {
  return async function assertJwtClientAuthClaimsAndHeader(
    _ctx: KoaContextWithOIDC,
    claims: Record<string, unknown>,
    header: Record<string, unknown>,
    client: { clientId: string },
  ): Promise<void> {
    limiter.consume(client.clientId);
    if (header.typ !== undefined && String(header.typ).toUpperCase() !== 'JWT') {
      throw refuse('client assertion typ must be JWT');
    }
    if (claims.sub !== client.clientId) throw refuse('client assertion sub must equal iss and the client_id');
    let exp: number;
    try {
      ({ exp } = checkAssertionTimes(claims, {
        now: Math.floor(Date.now() / 1000),
        maxLifetimeSeconds: MAX_ASSERTION_LIFETIME_SECONDS,
        clockToleranceSeconds,
      }));
    } catch (error) {
      if (error instanceof AssertionError) throw refuse(describe(error));
      throw error;
    }
    const jti = String(claims.jti);
    if (jti.length > 255) throw refuse('client assertion jti is too long');
    // A unique insert: of any number of concurrent uses, exactly one inserts the row.
    const first = await firstUse({
      clientId: client.clientId,
      jti,
      expiresAt: new Date((exp + clockToleranceSeconds) * 1000),
    });
    if (!first) throw refuse('client assertion jti was already used: assertions are single-use');
  };
}
