import { readSandboxPrivateKey } from '@openpas/db/seed';
import { sandboxCase, sandboxRequestBundle } from '@openpas/fhir-model';
import type { Browser, BrowserContext, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../auth/test/browser.ts';
import { userTokens } from '../../fhir/test/user-tokens.ts';
import { requestToken } from '../../portal/e2e/backend-client.ts';
import { gone, shown, showsText } from '../../portal/e2e/browser.ts';
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
async function approve(caseId: string, items: number, comment: string): Promise<void> {
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
        parameter: Array.from({ length: items }, (_, i) => ({
          name: 'item',
          part: [
            { name: 'sequence', valueInteger: i + 1 },
            { name: 'reason', valueCode: '1' },
            { name: 'comment', valueString: comment },
          ],
        })),
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

    // Fixed: each item's indication chosen in the type-ahead over the guide's code system, its quantity typed.
    for (let n = 1; n <= source.items.length; n++) {
      const shownDrug = await page.getByLabel(`Drug (item ${n})`).inputValue();
      const drug = source.items.find((candidate) => shownDrug.startsWith(candidate.drugCode));
      if (!drug) throw new Error(`item ${n} (${shownDrug}) is not a drug of the case`);
      if ('code' in drug.programCode) await pickCode(page, `Indication (item ${n})`, drug.programCode.code);
      else await page.getByLabel(`Indication as text (item ${n})`).fill(drug.programCode.text);
      await page.getByLabel(`Quantity (item ${n})`).fill(String(drug.quantity.value));
      await page.getByLabel(`Unit (item ${n})`).selectOption(drug.quantity.unit);
    }
    await page.getByRole('button', { name: 'Check' }).click();
    await showsText(page.locator('#check-result'), 'No problems found');

    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(/\/cases\/[^/?]+\?submitted=1$/);
    submittedCase = new URL(page.url()).pathname.split('/').pop() ?? '';
    await showsText(page.getByRole('status').filter({ hasText: 'Submitted' }), 'Submitted').catch(
      async (error) => {
        await page.screenshot({ path: '/tmp/launch-fail.png', fullPage: true });
        throw new Error(`${String(error)}\n${await page.locator('main').textContent()}`);
      },
    );
    await page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });

    await approve(submittedCase, source.items.length, '符合給付規定 (meets the criteria)');
    const decision = page.getByRole('region', { name: 'Decision' });
    await showsText(decision, '符合給付規定 (meets the criteria)', 45_000);
    await gone(decision.getByText('Not decided yet'));
    expect(await decision.getByRole('cell', { name: 'Approved', exact: true }).count()).toBe(
      source.items.length,
    );
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
    // Another patient's case at the same hospital, sent by the hospital's backend: not the patient's to see.
    const backend = await requestToken(
      platform.issuer,
      'sandbox-hospital-backend',
      readSandboxPrivateKey('hospital-backend.private.jwk.json'),
      'system/Bundle.crs',
    );
    const other = await fetch(`${platform.fhirBase}/Bundle`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${backend.body.access_token}`,
        'content-type': 'application/fhir+json',
      },
      body: JSON.stringify(sandboxRequestBundle('a-nsclc-egfr-osimertinib')),
    });
    expect(other.status).toBe(201);
    await other.body?.cancel();
    const context = await person();
    const page = await context.newPage();
    await page.goto(`${platform.launchUrl}/sandbox`);
    await page.getByLabel('App').selectOption('openpas-launch');
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
    await shown(page.getByRole('heading', { name: 'Cases' }));
    await gone(page.getByText('Loading cases…'));
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

    // The next call to the FHIR API (the case list asked again) is refused, and the refresh too: the app
    // says so and offers sign-in, without a reload.
    const seen: string[] = [];
    page.on('console', (message) => seen.push(`console: ${message.text()}`));
    page.on('response', (r) => seen.push(`${r.status()} ${r.request().method()} ${r.url().slice(0, 100)}`));
    // Going about one's work: whichever call comes first (the pages refetch when shown) meets the refusal.
    await page.getByRole('link', { name: 'New request' }).click();
    await page
      .getByRole('link', { name: 'Cases' })
      .click({ timeout: 5_000 })
      .catch(() => {});
    await page.waitForURL(/\/signed-out\?reason=revoked/, { timeout: 30_000 }).catch((error: Error) => {
      throw new Error(`${error.message}\n${seen.join('\n')}`);
    });
    await showsText(page.getByRole('alert'), 'Your access has ended');
    await shown(page.getByRole('link', { name: 'Sign in again' }));
    // A page of the app opened afterwards (a link clicked as the refusal came, a bookmark) finds no session
    // and still says why it ended.
    await page.goto(`${platform.launchUrl}/cases`);
    await page.waitForURL(/\/signed-out\?reason=revoked/);
    await showsText(page.getByRole('alert'), 'Your access has ended');
    await context.close();
  });
});
