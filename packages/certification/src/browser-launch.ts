import { type Browser, chromium, type Page, type Request } from 'playwright-core';

// Drives a user-facing app through the sandbox EHR launch in headless Chromium, as a clinician would: the
// launcher signs the sandbox clinician in and opens the app's launch URL for their first patient, the app
// sends the browser to the authorization server, the clinician answers the consent page (Allow or Deny),
// and the app takes over on its redirect URI. In the wrong-state mode the redirect back to the app is
// caught and sent again with its state altered.

/** Debian's Chromium, which the platform's browser tests use too. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export type LaunchMode = 'allow' | 'wrong-state' | 'deny';

export interface LaunchTarget {
  issuer: string;
  clientId: string;
  redirectUris: readonly string[];
  username: string;
  password: string;
}

export interface LaunchOutcome {
  /** The code sent back to the app (wrong-state mode) */
  capturedCode: string | null;
  /** Where the browser ended */
  finalUrl: string;
}

const STEP_TIMEOUT_MS = 15_000;
/** How long the app is given, once it is back on its redirect URI, to redeem the code and call the API */
const SETTLE_MS = 2_000;

function atRedirectUri(url: string, redirectUris: readonly string[]): boolean {
  const bare = url.split(/[?#]/)[0];
  return redirectUris.some((uri) => uri.split(/[?#]/)[0] === bare);
}

/**
 * Waits until the app has been quiet for a second (no request without its response), at least SETTLE_MS
 * and at most STEP_TIMEOUT_MS. A request counts as answered once its response arrived, whether or not the
 * app reads the body.
 */
async function settle(page: Page, inflight: ReadonlySet<Request>): Promise<void> {
  await page.waitForLoadState('load').catch(() => undefined);
  const start = Date.now();
  let quietSince: number | null = null;
  while (Date.now() - start < STEP_TIMEOUT_MS) {
    const now = Date.now();
    quietSince = inflight.size === 0 ? (quietSince ?? now) : null;
    if (quietSince !== null && now - quietSince >= 1000 && now - start >= SETTLE_MS) return;
    await page.waitForTimeout(250);
  }
}

export async function openBrowser(executablePath = CHROMIUM_PATH): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true });
}

/** One sandbox EHR launch of the app, answered as `mode` says. */
export async function launchOnce(
  browser: Browser,
  target: LaunchTarget,
  mode: LaunchMode,
): Promise<LaunchOutcome> {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const inflight = new Set<Request>();
  page.on('request', (request) => inflight.add(request));
  page.on('response', (response) => inflight.delete(response.request()));
  page.on('requestfailed', (request) => inflight.delete(request));
  let capturedCode: string | null = null;
  try {
    if (mode === 'wrong-state') {
      // A redirect chain is routed only at its first request, so the form posts on the auth server's pages
      // (sign-in, consent) are answered here: their redirects are followed with the browser's cookies until
      // they leave the auth server; one that reaches the app's redirect URI with a code is caught and the
      // browser is sent there with the state altered instead.
      const issuerOrigin = new URL(target.issuer).origin;
      await context.route(
        (url) => url.origin === issuerOrigin && url.pathname.includes('/interaction/'),
        async (route) => {
          if (route.request().method() !== 'POST') return route.continue();
          let response = await route.fetch({ maxRedirects: 0 });
          let location = response.headers().location;
          for (let hop = 0; hop < 5 && location; hop += 1) {
            const next = new URL(location, response.url());
            if (next.origin !== issuerOrigin) break;
            response = await context.request.get(next.href, { maxRedirects: 0 });
            location = response.headers().location;
          }
          if (!location) return route.fulfill({ response });
          const next = new URL(location, response.url());
          if (atRedirectUri(next.href, target.redirectUris) && next.searchParams.has('code')) {
            capturedCode = next.searchParams.get('code');
            next.searchParams.set('state', `altered-${next.searchParams.get('state') ?? ''}`.slice(0, 200));
          }
          return route.fulfill({ status: 303, headers: { location: next.href } });
        },
      );
    }
    const launcher = `${target.issuer}/sandbox/ehr-launch?${new URLSearchParams({ client_id: target.clientId })}`;
    await page.goto(launcher);
    // Sign in, choose the first patient; then, on the auth server's pages, sign in again if asked and
    // answer the consent page; stop once the browser is back on the app's redirect URI.
    const back = (url: URL) => atRedirectUri(url.href, target.redirectUris);
    for (let step = 0; step < 8; step += 1) {
      await page.waitForLoadState('load').catch(() => undefined);
      if (back(new URL(page.url()))) break;
      const username = page.getByLabel('Username');
      const consent = page.getByRole('button', { name: mode === 'deny' ? 'Deny' : 'Allow' });
      const patient = page.locator('ul.plain a').first();
      const which = await Promise.race([
        username.waitFor().then(() => 'sign-in' as const),
        consent.waitFor().then(() => 'consent' as const),
        patient.waitFor().then(() => 'patient' as const),
        page.waitForURL(back).then(() => 'left' as const),
      ]).catch(() => 'stuck' as const);
      if (which === 'left' || which === 'stuck') break;
      // Each answer loads a new document (the next page may have the same URL: sign-in, then consent).
      const loaded = page.waitForEvent('load', { timeout: STEP_TIMEOUT_MS }).catch(() => undefined);
      if (which === 'sign-in') {
        await username.fill(target.username);
        await page.getByLabel('Password').fill(target.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
      } else if (which === 'consent') {
        await consent.click();
      } else {
        await patient.click();
      }
      await loaded;
    }
    await settle(page, inflight);
    return { capturedCode, finalUrl: page.url() };
  } finally {
    await context.close();
  }
}
