import { cookies } from 'next/headers';
import { cache } from 'react';
import type { SessionUser } from '../node/index.ts';
import { nodeSide } from './node.ts';

/** The signed-in person of this request (once per request), or null. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const node = await nodeSide();
  return node.sessionUser((await cookies()).get(node.SESSION_COOKIE)?.value);
});

/** The tRPC routers called in-process, as this request's person. */
export async function api() {
  const node = await nodeSide();
  return (await node.serverCaller((await cookies()).get(node.SESSION_COOKIE)?.value)).api;
}
