import { cookies } from 'next/headers';
import type { CookieJar } from '../node/auth-routes.ts';

/** Next's cookie store in the shape the node side uses. */
export async function cookieJar(): Promise<CookieJar> {
  const store = await cookies();
  return {
    get: (name) => store.get(name)?.value,
    set: (name, value, options) => store.set(name, value, options),
    delete: (name, options) => store.set(name, '', { ...options, maxAge: 0 }),
  };
}
