import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../auth/test/browser.ts';

export { launchChromium };

/** A person's own browser profile (cookies of their own), reading English or Traditional Chinese. */
export async function personIn(
  browser: Browser,
  locale: 'en-US' | 'zh-TW' = 'en-US',
): Promise<BrowserContext> {
  return browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
}

/**
 * The portal's "Sign in": the auth server's sign-in page (Username, Password), then, if it asks, consent;
 * back at the portal where the person was going.
 */
export async function signInThroughPortal(
  page: Page,
  portalUrl: string,
  username: string,
  password = 'sandbox',
) {
  await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.href.startsWith(portalUrl) || url.pathname.includes('/interaction/'));
  if (!page.url().startsWith(portalUrl)) {
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((url) => url.href.startsWith(portalUrl));
  }
}

/** Signs out of the portal, and at the auth server too (its end-session page may ask to confirm). */
export async function signOutOfPortal(page: Page, portalUrl: string) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.href.startsWith(portalUrl) || url.pathname.includes('session/end'));
  if (!page.url().startsWith(portalUrl)) {
    await page
      .getByRole('button', { name: /yes|sign.*out|登出/i })
      .first()
      .click();
    await page.waitForURL((url) => url.href.startsWith(portalUrl));
  }
}

type Locator = ReturnType<Page['locator']>;

/** Waits until the element is shown (playwright-core has no test assertions of its own). */
export async function shown(locator: Locator, timeout = 15_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

export async function gone(locator: Locator, timeout = 15_000): Promise<void> {
  await locator.first().waitFor({ state: 'hidden', timeout });
}

/** Waits until the element shows the text (a string or a pattern); returns its text. */
export async function showsText(locator: Locator, text: string | RegExp, timeout = 15_000): Promise<string> {
  const until = Date.now() + timeout;
  await shown(locator, timeout);
  for (;;) {
    const content = (await locator.first().textContent()) ?? '';
    if (typeof text === 'string' ? content.includes(text) : text.test(content)) return content;
    if (Date.now() > until) throw new Error(`expected ${String(text)} in: ${content}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
