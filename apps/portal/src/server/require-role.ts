import { redirect } from 'next/navigation';
import type { SessionUser } from '../node/index.ts';
import { currentUser } from './session.ts';

/**
 * For a console page: signed out → off to sign in and back here; the page itself shows "forbidden" when
 * the account lacks the role (the API checks again on every call).
 */
export async function requireRole(
  role: string,
  returnTo: string,
): Promise<{ user: SessionUser; allowed: boolean }> {
  const user = await currentUser();
  if (!user) redirect(`/api/auth/signin?returnTo=${encodeURIComponent(returnTo)}`);
  return { user, allowed: user.roles.includes(role) };
}
