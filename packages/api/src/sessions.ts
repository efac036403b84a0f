import { createHash, randomBytes } from 'node:crypto';
import type { SqlRunner } from '@openpas/db';
import type { SessionUser } from './trpc.ts';

// The portal's server-side sessions (portal_session). The cookie carries 32 random bytes; the table keeps
// only their SHA-256, so a database read does not yield a usable cookie. A session ends at its expiry, at
// sign-out, or when its account is disabled.

const idOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function createPortalSession(
  sql: SqlRunner,
  input: { userId: string; idToken: string; ttlSeconds: number },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const [row] = await sql.query<{ expires_at: unknown }>(
    `INSERT INTO portal_session (id, user_id, id_token, expires_at)
     VALUES ($1, $2::uuid, $3, now() + make_interval(secs => $4::int)) RETURNING expires_at`,
    [idOf(token), input.userId, input.idToken, input.ttlSeconds],
  );
  return { token, expiresAt: new Date(String(row?.expires_at)) };
}

/** The session's user, or null when the session is unknown, expired or its account disabled. */
export async function findPortalSession(
  sql: SqlRunner,
  token: string,
): Promise<{ id: string; user: SessionUser } | null> {
  if (!token || token.length > 100) return null;
  const [row] = await sql.query<{
    id: string;
    user_id: string;
    username: string;
    display_name: string;
    email: string | null;
    roles: unknown;
    organization_id: string | null;
    organization_name: string | null;
  }>(
    `UPDATE portal_session s SET last_seen_at = now()
     FROM app_user u LEFT JOIN organization o ON o.id = u.organization_id
     WHERE s.id = $1 AND u.id = s.user_id AND s.expires_at > now() AND u.disabled_at IS NULL
     RETURNING s.id, u.id::text AS user_id, u.username, u.display_name, u.email,
       array_to_json(u.roles)::text AS roles, u.organization_id::text AS organization_id, o.name AS organization_name`,
    [idOf(token)],
  );
  if (!row) return null;
  const roles = typeof row.roles === 'string' ? (JSON.parse(row.roles) as string[]) : (row.roles as string[]);
  return {
    id: row.id,
    user: {
      id: row.user_id,
      username: row.username,
      displayName: row.display_name,
      email: row.email,
      roles,
      organizationId: row.organization_id,
      organizationName: row.organization_name,
    },
  };
}

/** Ends the session; its id_token is the hint for ending the auth server's session too. */
export async function endPortalSession(sql: SqlRunner, token: string): Promise<{ idToken: string } | null> {
  const [row] = await sql.query<{ id_token: string }>(
    'DELETE FROM portal_session WHERE id = $1 RETURNING id_token',
    [idOf(token)],
  );
  return row ? { idToken: row.id_token } : null;
}

/** Removes expired sessions (call now and then). */
export async function sweepPortalSessions(sql: SqlRunner): Promise<number> {
  return sql.execute('DELETE FROM portal_session WHERE expires_at <= now()');
}

/** A session's sealed FHIR tokens (see the portal's fhir-access), or null when it holds none. */
export interface SealedFhirAccess {
  sealed: string;
  expiresAt: Date;
}

/** Keeps a session's sealed FHIR tokens (after the reviewer's sign-in, after each refresh). */
export async function storeSessionFhirAccess(
  sql: SqlRunner,
  token: string,
  access: SealedFhirAccess | null,
): Promise<void> {
  await sql.execute('UPDATE portal_session SET fhir_access = $2, fhir_access_expires_at = $3 WHERE id = $1', [
    idOf(token),
    access?.sealed ?? null,
    access?.expiresAt ?? null,
  ]);
}

/** The session's sealed FHIR tokens. */
export async function readSessionFhirAccess(sql: SqlRunner, token: string): Promise<SealedFhirAccess | null> {
  const [row] = await sql.query<{ fhir_access: string | null; fhir_access_expires_at: unknown }>(
    'SELECT fhir_access, fhir_access_expires_at FROM portal_session WHERE id = $1 AND expires_at > now()',
    [idOf(token)],
  );
  if (!row?.fhir_access || !row.fhir_access_expires_at) return null;
  return { sealed: row.fhir_access, expiresAt: new Date(String(row.fhir_access_expires_at)) };
}

/**
 * Claims the refresh of the tokens just read, for `leaseSeconds`: true for exactly one of the session's
 * concurrent requests (the auth server's refresh tokens are single-use; a second use ends the grant).
 */
export async function claimFhirRefresh(
  sql: SqlRunner,
  token: string,
  read: SealedFhirAccess,
  leaseSeconds: number,
): Promise<boolean> {
  const claimed = await sql.execute(
    `UPDATE portal_session SET fhir_access_expires_at = now() + make_interval(secs => $4::int)
     WHERE id = $1 AND fhir_access = $2 AND fhir_access_expires_at = $3`,
    [idOf(token), read.sealed, read.expiresAt, leaseSeconds],
  );
  return claimed === 1;
}
