import { sandboxCase } from '@openpas/fhir-model';
import type { Browser, BrowserContext, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../auth/test/browser.ts';
import { userTokens } from '../../fhir/test/user-tokens.ts';
import { shown, showsText } from '../../portal/e2e/browser.ts';
import { ACCESS_TOKEN_SECONDS, type LaunchPlatform, startLaunchPlatform } from './platform.ts';
import { launchFromSandbox, pickCode, problemOf, signIn } from './steps.ts';

const BREAST = 'a-breast-her2-trastuzumab-pertuzumab';
const REVIEW_SCOPES = 'openid fhirUser user/ClaimResponse.rus user/Claim.rs';

let platform: LaunchPlatform;
let browser: Browser;
/** The case the clinician submits in the first test, decided by the reviewer there */
let submittedCase = '';

beforeAll(async () => {
  platform = await startLaunchPlatform();
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function person(locale = 'en-US'): Promise<BrowserContext> {
  return browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
}

/** The reviewer's decision over the FHIR API: every item approved, with a comment. */
async function approve(caseId: string, comment: string): Promise<void> {
  const reviewers = await userTokens(
    platform.db,
    { issuer: platform.issuer, base: platform.fhirBase } as never,
    'launch-e2e-review',
    REVIEW_SCOPES,
  );
  try {
    const token = await reviewers.token(REVIEW_SCOPES, { username: 'reviewer' });
    const response = await fetch(`${platform.fhirBase}/ClaimResponse/${caseId}/$decide`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Parameters',
        parameter: [
          {
            name: 'item',
            part: [
              { name: 'sequence', valueInteger: 1 },
              { name: 'reason', valueCode: '1' },
              { name: 'comment', valueString: comment },
            ],
          },
        ],
      }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
  } finally {
    await reviewers.close();
  }
}

describe(`the hospital's launch app, end to end in Chromium`, () => {
  it('sandbox launcher → sign-in → banner → the check flags a gap beside its field → fixed → submitted → decided, shown without a reload', async () => {
    const context = await person();
    const page = await context.newPage();
    const tokenCalls: { at: number; grant: string }[] = [];
    page.on('request', (request: Request) => {
      if (request.url() === `${platform.issuer}/token` && request.method() === 'POST')
        tokenCalls.push({
          at: Date.now(),
          grant: new URLSearchParams(request.postData() ?? '').get('grant_type') ?? '',
        });
    });

    await launchFromSandbox(page, platform.launchUrl, { clinician: 'clinician', patientId: BREAST });
    await page.waitForURL(`${platform.launchUrl}/request`);
    const signedInAt = Date.now();
    const source = sandboxCase(BREAST);
    await showsText(page.getByRole('region', { name: 'Patient' }), source.patient.name);
    // The EHR's styling hints (smart_style_url) are applied.
    expect(
      await page.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--smart-highlight').trim(),
      ),
    ).toBe('#1d4ed8');

    // Prefilled from the chart: the weight and the main diagnosis's summary; the quantity is for the clinician.
    expect(await page.getByLabel('Weight (kg)').inputValue()).toBe(String(source.weightKg));
    expect(await page.getByLabel('Clinical summary').inputValue()).toBe(source.diagnoses[0]?.summary);
    const quantity = page.getByLabel('Quantity (item 1)');
    expect(await quantity.inputValue()).toBe('');

    await page.getByRole('button', { name: 'Check' }).click();
    expect(await problemOf(quantity)).toMatch(/Claim\.item\.quantity/);
    await showsText(page.getByRole('alert').filter({ hasText: 'found' }), /error/);

    // Fixed: the indication chosen in the type-ahead over the guide's code system, the quantity typed.
    const drug = source.items[0];
    if (!drug || !('code' in drug.programCode)) throw new Error('the case asks for a coded indication');
    await pickCode(page, 'Indication (item 1)', drug.programCode.code);
    await quantity.fill(String(drug.quantity.value));
    await page.getByLabel('Unit (item 1)').selectOption(drug.quantity.unit);
    await page.getByRole('button', { name: 'Check' }).click();
    await showsText(page.getByRole('status'), 'No problems found');

    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(/\/cases\/[^/?]+\?submitted=1$/);
    submittedCase = new URL(page.url()).pathname.split('/').pop() ?? '';
    await showsText(page.getByRole('status').first(), 'Submitted');
    await page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });

    await approve(submittedCase, '符合給付規定 (meets the criteria)');
    const decision = page.getByRole('region', { name: 'Decision' });
    await showsText(decision, 'Approved', 40_000);
    await showsText(decision, '符合給付規定 (meets the criteria)');
    await showsText(page.getByRole('region', { name: 'Status timeline' }), 'Review finished');
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);

    // The access token (a minute here) was refreshed before it expired.
    const refreshWait = signedInAt + ACCESS_TOKEN_SECONDS * 1000 - Date.now();
    if (!tokenCalls.some((call) => call.grant === 'refresh_token'))
      await page.waitForRequest(
        (r) => r.url() === `${platform.issuer}/token` && (r.postData() ?? '').includes('refresh_token'),
        {
          timeout: Math.max(1_000, refreshWait),
        },
      );
    const refreshed = tokenCalls.find((call) => call.grant === 'refresh_token') ?? { at: Date.now() };
    expect(refreshed.at).toBeLessThan(signedInAt + ACCESS_TOKEN_SECONDS * 1000);
    await context.close();
  });

  it('keeps tenancy strict: a hospital B clinician cannot open a hospital A patient, by the launcher or by editing the URL', async () => {
    const context = await person();
    const page = await context.newPage();
    await page.goto(`${platform.launchUrl}/sandbox`);
    await page.getByLabel('Clinician').selectOption('clinician-b');
    const offered = await page.getByLabel('Patient', { exact: true }).locator('option').allTextContents();
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((text) => text.includes('(b-'))).toBe(true);

    const forged = `${platform.issuer}/sandbox/ehr-launch?${new URLSearchParams({ client_id: 'openpas-launch', patient: BREAST })}`;
    await page.goto(forged);
    await page.getByLabel('Username').fill('clinician-b');
    await page.getByLabel('Password').fill('sandbox');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/sandbox/ehr-launch') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    expect(answer.status()).toBe(403);
    await showsText(page.getByRole('alert'), 'may not open that patient');
    expect(page.url().startsWith(platform.launchUrl)).toBe(false);
    await context.close();
  });

  it('shows a patient only their own requests, in plain words', async () => {
    expect(submittedCase).not.toBe('');
    const context = await person();
    const page = await context.newPage();
    await page.goto(`${platform.launchUrl}/sandbox`);
    await page.getByRole('link', { name: /as .*\(patient\)/ }).click();
    await signIn(page, platform.launchUrl, 'patient');
    await page.waitForURL(`${platform.launchUrl}/my-requests`);
    const requests = page.getByRole('listitem').filter({ hasText: 'Request of' });
    await shown(requests);
    expect(await requests.count()).toBe(1);
    await showsText(requests.first(), 'The NHI has decided');
    await showsText(requests.first(), 'Approved');
    await context.close();
  });

  it('sends the person back to sign in with a clear message when the grant is revoked', async () => {
    const context = await person();
    const page = await context.newPage();
    await launchFromSandbox(page, platform.launchUrl, { clinician: 'clinician', patientId: BREAST });
    await page.waitForURL(`${platform.launchUrl}/request`);
    await page.getByRole('link', { name: 'Cases' }).click();
    await shown(page.getByRole('table'));
    const refreshToken = await page.evaluate(() => {
      for (const key of Object.keys(sessionStorage)) {
        const value = sessionStorage.getItem(key) ?? '';
        if (value.includes('refresh_token'))
          return (JSON.parse(value) as { tokenResponse?: { refresh_token?: string } }).tokenResponse
            ?.refresh_token;
      }
      return undefined;
    });
    expect(refreshToken).toBeTruthy();
    const revoked = await fetch(`${platform.issuer}/token/revocation`, {
      method: 'POST',
      body: new URLSearchParams({
        token: refreshToken ?? '',
        token_type_hint: 'refresh_token',
        client_id: 'openpas-launch',
      }),
    });
    expect(revoked.status).toBe(200);

    // The next call to the FHIR API is refused and the refresh too: the app says so and offers sign-in.
    await page.reload();
    await page.waitForURL(/\/signed-out\?reason=revoked/, { timeout: 30_000 });
    await showsText(page.getByRole('alert'), 'Your access has ended');
    await shown(page.getByRole('link', { name: 'Sign in again' }));
    await context.close();
  });
});
