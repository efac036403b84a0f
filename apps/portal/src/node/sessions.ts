// Portal sessions: the cookie carries a random token; the database (packages/api's portal_session) keeps
// only its digest, the user and the id token for sign-out.
import { createPortalSession, endPortalSession, findPortalSession, type SessionUser } from '@openpas/api';
import { runtime } from './runtime.ts';

export async function sessionUser(token: string | undefined): Promise<SessionUser | null> {
  if (!token) return null;
  const { sql } = await runtime();
  const session = await findPortalSession(sql, token);
  return session?.user ?? null;
}

export async function openSession(userId: string, idToken: string): Promise<string> {
  const { sql, env } = await runtime();
  const { token } = await createPortalSession(sql, { userId, idToken, ttlSeconds: env.PORTAL_SESSION_TTL });
  return token;
}

/** Ends the portal session; returns the id token the auth server's end-session endpoint wants as a hint. */
export async function closeSession(token: string | undefined): Promise<string | null> {
  if (!token) return null;
  const { sql } = await runtime();
  const ended = await endPortalSession(sql, token);
  return ended?.idToken ?? null;
}
