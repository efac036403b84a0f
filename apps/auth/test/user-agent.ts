import { createHash, randomBytes } from 'node:crypto';

// A small browser stand-in for tests that need many authorizations quickly: a cookie jar that respects
// cookie paths, manual redirects, and a driver that fills the auth server's sign-in, picker and consent
// forms the way a person would. The Chromium tests show the same pages work in a real browser.

interface Cookie {
  name: string;
  value: string;
  path: string;
}

export class UserAgent {
  readonly #cookies = new Map<string, Cookie>();

  #cookieHeader(url: URL): string {
    return [...this.#cookies.values()]
      .filter((cookie) => url.pathname.startsWith(cookie.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  #store(response: Response, url: URL): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const [name = '', ...rest] = pair.split('=');
      const value = rest.join('=');
      const pathAttribute = attributes.find((attribute) => /^path=/i.test(attribute));
      const path = pathAttribute ? pathAttribute.slice(5) : url.pathname.replace(/\/[^/]*$/, '') || '/';
      const expired = attributes.some((attribute) => /^expires=Thu, 01 Jan 1970/i.test(attribute));
      const key = `${name}|${path}`;
      if (expired || value === '') this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
  }

  /** A cookie's value, whatever its path. */
  cookie(name: string): string | undefined {
    return [...this.#cookies.values()].find((cookie) => cookie.name === name)?.value;
  }

  setCookie(name: string, value: string, path = '/'): void {
    this.#cookies.set(`${name}|${path}`, { name, value, path });
  }

  async request(
    url: string,
    init: {
      method?: string;
      form?: Record<string, string | string[]>;
      headers?: Record<string, string>;
    } = {},
  ) {
    const target = new URL(url);
    const headers: Record<string, string> = { 'accept-language': 'en', ...init.headers };
    const cookie = this.#cookieHeader(target);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(init.form)) {
        for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
      }
      body = params.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await fetch(target, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    this.#store(response, target);
    return response;
  }
}

export function unescapeHtml(text: string): string {
  return text.replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code)));
}

export function formAction(page: string): string {
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
  if (!action) throw new Error(`no form on the page: ${page.slice(0, 500)}`);
  return unescapeHtml(action);
}

export function formToken(page: string): string {
  const token = /name="form_token" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('no form token on the page');
  return unescapeHtml(token);
}

/** Every hidden field of the page's form, as a browser would send them. */
export function hiddenFields(page: string): Record<string, string> {
  return Object.fromEntries(
    [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match) => [
      match[1] ?? '',
      unescapeHtml(match[2] ?? ''),
    ]),
  );
}

export function checkboxScopes(page: string): string[] {
  return [...page.matchAll(/name="scope" value="([^"]+)"/g)].map((match) => unescapeHtml(match[1] ?? ''));
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface Person {
  username: string;
  password: string;
  /** Resource scopes to untick on the consent page */
  untick?: string[];
  /** Patient id to choose on the picker */
  patient?: string;
  /** Deny instead of allow */
  deny?: boolean;
  /** Stop on the patient picker and return it */
  stopAtPicker?: boolean;
}

export interface Outcome {
  /** Where the auth server finally sent the browser (the client's redirect URI with the response) */
  redirect?: URL;
  /** The HTML page the flow stopped on instead, with its status */
  page?: { status: number; html: string };
  /** Pages seen on the way, by kind */
  seen: ('sign-in' | 'picker' | 'consent')[];
}

/** Follows redirects and fills the forms until the browser is sent to `redirectBase` or stops on a page. */
export async function drive(
  agent: UserAgent,
  start: string | { url: string; form: Record<string, string> },
  redirectBase: string,
  person: Person,
): Promise<Outcome> {
  const seen: Outcome['seen'] = [];
  let response =
    typeof start === 'string'
      ? await agent.request(start)
      : await agent.request(start.url, { form: start.form });
  let url = typeof start === 'string' ? start : start.url;
  for (let step = 0; step < 20; step += 1) {
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url).href;
      if (next.startsWith(redirectBase)) return { redirect: new URL(next), seen };
      url = next;
      response = await agent.request(url);
      continue;
    }
    const html = await response.text();
    if (html.includes('name="password"') && response.status !== 401) {
      seen.push('sign-in');
      response = await agent.request(new URL(formAction(html), url).href, {
        form: { ...hiddenFields(html), username: person.username, password: person.password },
      });
      continue;
    }
    if (html.includes('name="patient" value=') && html.includes('<button type="submit" name="patient"')) {
      seen.push('picker');
      if (person.stopAtPicker) return { page: { status: response.status, html }, seen };
      response = await agent.request(new URL(formAction(html), url).href, {
        form: { form_token: formToken(html), patient: person.patient ?? '' },
      });
      continue;
    }
    if (html.includes('name="decision"')) {
      seen.push('consent');
      const untick = new Set(person.untick ?? []);
      response = await agent.request(new URL(formAction(html), url).href, {
        form: {
          ...hiddenFields(html),
          decision: person.deny ? 'deny' : 'allow',
          scope: checkboxScopes(html).filter((scope) => !untick.has(scope)),
        },
      });
      continue;
    }
    return { page: { status: response.status, html }, seen };
  }
  throw new Error('too many steps');
}
