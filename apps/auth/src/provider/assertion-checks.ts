import { type FastSql, groupCalls } from '@openpas/db';
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

interface JtiUse {
  clientId: string;
  jti: string;
  expiresAt: string;
}

/**
 * Records first uses of assertion jtis, grouped across concurrent requests: one INSERT … ON CONFLICT DO
 * NOTHING for a batch; a use is first when its row was inserted now, and of two uses of the same jti in
 * one batch only the earlier one. Of any number of concurrent uses, exactly one is first.
 */
function jtiRecorder(sql: FastSql): (use: JtiUse) => Promise<boolean> {
  return groupCalls(async (uses: readonly JtiUse[]) => {
    const key = (use: JtiUse) => `${use.clientId}\u0000${use.jti}`;
    const unique = [...new Map(uses.map((use) => [key(use), use])).values()];
    const inserted = await sql.query<{ client_id: string; jti: string }>(
      `INSERT INTO client_assertion_jti (client_id, jti, expires_at)
       SELECT client_id, jti, expires_at::timestamptz FROM unnest($1::text[], $2::text[], $3::text[]) AS r(client_id, jti, expires_at)
       ON CONFLICT (client_id, jti) DO NOTHING
       RETURNING client_id, jti`,
      [unique.map((use) => use.clientId), unique.map((use) => use.jti), unique.map((use) => use.expiresAt)],
    );
    const fresh = new Set(inserted.map((row) => `${row.client_id}\u0000${row.jti}`));
    return uses.map((use) => fresh.delete(key(use)));
  });
}

/** packages/jwt's "The assertion exp is …" as oidc-provider's style: "client assertion exp is …". */
function describe(error: AssertionError): string {
  if (error.code === 'exp_too_far')
    return 'client assertion exp must be no more than 5 minutes in the future';
  return error.description.replace(/^The assertion /, 'client assertion ').replace(/\.$/, '');
}

export function assertionChecks(sql: FastSql, limiter: TokenRateLimiter, clockToleranceSeconds: number) {
  const firstUse = jtiRecorder(sql);
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
      expiresAt: new Date((exp + clockToleranceSeconds) * 1000).toISOString(),
    });
    if (!first) throw refuse('client assertion jti was already used: assertions are single-use');
  };
}
