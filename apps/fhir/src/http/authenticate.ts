import { AccessTokenError, createAccessTokenResolver } from '@openpas/auth-store';
import type { SqlRunner } from '@openpas/db';
import type { Caller } from '@openpas/fhir-store';
import { unauthorized } from './errors.ts';

/**
 * Who is calling, from a Bearer token: the token row the auth server wrote, resolved by the package that
 * owns those tables (@openpas/auth-store) — expiry, audience, revocation, an approved client and an enabled
 * user are checked there on every request. A token it refuses is 401 invalid_token.
 */
export function createAuthenticator(sql: SqlRunner, audience: string): (token: string) => Promise<Caller> {
  const resolve = createAccessTokenResolver(sql, audience);
  return async (token) => {
    try {
      return await resolve(token);
    } catch (error) {
      if (error instanceof AccessTokenError) throw unauthorized(error.message);
      throw error;
    }
  };
}
