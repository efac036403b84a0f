import type { SessionUser } from './session-user.ts';

export async function currentUser(): Promise<SessionUser | null> {
  return null;
}
