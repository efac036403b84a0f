import type { JtiUse } from '@openpas/auth-store';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { TokenRateLimiter } from '../http/rate-limit.ts';

// SMART asks more of a client assertion than oidc-provider checks by itself: sub = iss = client_id,
// exp at most five minutes ahead, and a jti that is never accepted twice, also across instances and
// restarts. oidc-provider calls this after it has verified the signature, aud, exp and iss.

export const MAX_ASSERTION_LIFETIME_SECONDS = 300;

function refuse(description: string): Error {
  const error = new errors.InvalidClientAuth();
  error.error_description = description;
  return error;
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
    const now = Math.floor(Date.now() / 1000);
    const exp = Number(claims.exp);
    if (exp > now + MAX_ASSERTION_LIFETIME_SECONDS + clockToleranceSeconds) {
      throw refuse('client assertion exp must be no more than 5 minutes in the future');
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
