// What a person does in the launch app, step by step, shared by the end-to-end test and the screenshots.
import type { Page } from 'playwright-core';
import { shown } from '../../portal/e2e/browser.ts';

type Locator = ReturnType<Page['locator']>;

/** The auth server's sign-in page, then consent if it asks; back at the app. */
export async function signIn(page: Page, appUrl: string, username: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('sandbox');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.href.startsWith(appUrl) || url.pathname.includes('/interaction/'));
  if (!page.url().startsWith(appUrl)) {
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((url) => url.href.startsWith(appUrl));
  }
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
