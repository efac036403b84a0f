// What a person does in the launch app, step by step, shared by the end-to-end test and the screenshots.
import type { Page } from 'playwright-core';
import { shown } from '../../portal/e2e/browser.ts';

type Locator = ReturnType<Page['locator']>;

/**
 * Waits for a URL like page.waitForURL, but through redirect chains: a navigation the next redirect
 * aborts (the app handing the browser on to the authorization server) is not a failure.
 */
async function settled(page: Page, match: (url: URL) => boolean): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await page.waitForURL(match);
      return;
    } catch (error) {
      if (!/ERR_ABORTED|frame was detached/.test(String(error))) throw error;
    }
  }
}

/** Whether the app has the browser back, past its launch and callback pages. */
function inApp(url: URL, appUrl: string): boolean {
  return url.href.startsWith(appUrl) && !['/launch', '/callback'].includes(url.pathname);
}

/**
 * Whatever the authorization server asks on the way into the app: sign-in (as `username`, password
 * "sandbox"), then consent; until the app has the browser back.
 */
export async function signIn(page: Page, appUrl: string, username: string): Promise<void> {
  for (let step = 0; step < 8; step++) {
    await settled(
      page,
      (url) =>
        inApp(url, appUrl) || url.pathname.includes('/interaction/') || url.pathname.includes('/sandbox/'),
    );
    if (inApp(new URL(page.url()), appUrl)) return;
    const username$ = page.getByLabel('Username');
    const allow = page.getByRole('button', { name: 'Allow' });
    await username$.or(allow).first().waitFor({ state: 'visible' });
    if (await username$.isVisible()) {
      await username$.fill(username);
      await page.getByLabel('Password').fill('sandbox');
      const before = page.url();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await settled(page, (url) => url.href !== before);
    } else {
      const before = page.url();
      await allow.click();
      await settled(page, (url) => url.href !== before);
    }
  }
  throw new Error(`still not back in the app: ${page.url()}`);
}

/** From the sandbox launcher: the clinician, the patient and the app chosen, Launch, sign in. */
export async function launchFromSandbox(
  page: Page,
  appUrl: string,
  choice: { clinician: string; patientId: string },
): Promise<void> {
  await page.goto(`${appUrl}/sandbox`);
  await page.getByLabel('Clinician').selectOption(choice.clinician);
  await page.getByLabel('Patient', { exact: true }).selectOption(choice.patientId);
  await page.getByLabel('App').selectOption('openpas-launch');
  await page.getByRole('link', { name: 'Launch' }).click();
  await signIn(page, appUrl, choice.clinician);
}

/** Picks a code in a type-ahead by typing it and choosing the option that starts with it. */
export async function pickCode(page: Page, label: string, code: string): Promise<void> {
  const input = page.getByLabel(label);
  await input.fill(code);
  const option = page.getByRole('option', { name: new RegExp(`^${code}\\b`) });
  await shown(option);
  await option.first().click();
}

/** The text of the messages tied to a control (aria-describedby), once it is marked invalid. */
export async function problemOf(control: Locator): Promise<string> {
  await control.first().waitFor({ state: 'visible' });
  const page = control.page();
  await page.waitForFunction(
    (element) => element?.getAttribute('aria-invalid') === 'true',
    await control.first().elementHandle(),
    { timeout: 30_000 },
  );
  const ids = ((await control.first().getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}
