import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, type JWK } from '@openpas/jwt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirStatus, introspectStatus, requestToken } from './backend-client.ts';
import {
  gone,
  launchChromium,
  personIn,
  shown,
  showsText,
  signInThroughPortal,
  signOutOfPortal,
} from './browser.ts';
import { type Platform, startPlatform } from './platform.ts';

/**
 * A POST that declares a body of `declaredBytes` but sends only its first bytes and waits: a server that
 * refuses by the declared Content-Length answers before the upload (fetch would fail with EPIPE).
 */
function postDeclaringLength(url: string, declaredBytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': declaredBytes },
    });
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: text });
        request.destroy();
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    request.write(`{"json":{"data":"${'A'.repeat(16 * 1024)}`);
  });
}

// The "Must show", as people do it in headless Chromium against the real servers: a developer signs
// up and registers a backend service with a JWKS; it gets no token before approval; the admin reads the
// diff and approves; the catalog finds it by a word of its Chinese description; it gets a token; a change
// to the live app waits in review while the approved version keeps working; the admin suspends it and its
// live token is refused by the FHIR API at once; a hospital admin disables an app and a clinician's launch
// of it is refused.

const EMAIL = `dev-${Date.now()}@example.org`;
const PASSWORD = 'correct horse battery';
const APP_NAME = 'Oncology Drug PA Helper';
const ZH_WORD = '腫瘤藥物審查小幫手';
const SCOPE = 'system/Patient.rs';
/** The developer's browser profile (cookies), kept between the steps */
const DEVELOPER_STATE = join(tmpdir(), `openpas-portal-e2e-${process.pid}.json`);

const SVG_WITH_SCRIPT =
  '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>';
const HTML_PAGE = '<!doctype html><html><body><script>alert(1)</script></body></html>';
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let platform: Platform;
let browser: Browser;
let publicJwks = '';
let key: JWK;
let appId = '';
let productionClient = '';
let liveToken = '';

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchChromium();
  const pair = await generateKeyPair('ES384');
  key = pair.privateJwk;
  publicJwks = JSON.stringify({ keys: [pair.publicJwk] });
}, 240_000);

afterAll(async () => {
  rmSync(DEVELOPER_STATE, { force: true });
  await browser?.close();
  await platform?.stop();
});

async function open(page: Page, path: string) {
  await page.goto(`${platform.portal.url}${path}`);
}

describe('the portal, end to end in Chromium', () => {
  it('lets a developer sign up, verify the email link from the log and sign in', async () => {
    const context = await personIn(browser);
    const page = await context.newPage();
    await open(page, '/signup');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Your name').fill('Dev Lin');
    await page.getByLabel('Organisation').fill('Formosa Health Apps');
    await page.getByRole('button', { name: 'Create account' }).click();
    await showsText(page.getByRole('status'), 'Check your email');

    const [link] = await platform.portal.waitForLog(/https?:\/\/[^\s"]+\/verify\?token=[\w-]+/);
    await page.goto(link);
    await showsText(page.getByRole('status'), 'Your email is verified');

    await open(page, '/');
    await signInThroughPortal(page, platform.portal.url, EMAIL, PASSWORD);
    await shown(page.getByRole('button', { name: 'Sign out' }));
    await context.storageState({ path: DEVELOPER_STATE });
    await context.close();
  });

  it('registers a backend service with its JWKS; before approval its token request is invalid_client', async () => {
    const context = await browser.newContext({ locale: 'en-US', storageState: DEVELOPER_STATE });
    const page = await context.newPage();
    await open(page, '/developer');
    await page.getByRole('link', { name: 'Register app' }).click();
    await page.getByLabel('Name', { exact: true }).fill(APP_NAME);
    await page
      .getByLabel('Summary (English)')
      .fill('Checks oncology drug requests before they go to the NHI.');
    await page.getByLabel('Summary (Chinese)').fill(`${ZH_WORD}：送出健保前先檢查癌症用藥申請。`);
    await page
      .getByLabel('Description (English)')
      .fill('Runs nightly over new requests and flags missing labs.');
    await page.getByLabel('Description (Chinese)').fill(`${ZH_WORD}每晚檢查新申請，標示缺少的檢驗。`);
    await page.getByRole('checkbox', { name: 'Backend service' }).click();
    await page.getByRole('radio', { name: 'Confidential, asymmetric keys (JWKS)' }).click();
    await page.getByLabel('Pasted JWKS').fill(publicJwks);
    await page.getByLabel('Requested scopes').fill(SCOPE);
    await page.getByRole('checkbox', { name: 'Prior authorization' }).click();
    await page.getByRole('checkbox', { name: 'Oncology' }).click();
    await page.getByRole('checkbox', { name: 'Hospital staff' }).click();
    await page.getByRole('button', { name: 'Save draft' }).click();

    await page.waitForURL(/\/developer\/apps\/[0-9a-f-]{36}$/);
    appId = page.url().split('/').pop() ?? '';
    const production = page.getByRole('row', { name: /Production/ });
    productionClient = (await production.locator('code').textContent()) ?? '';
    expect(productionClient).not.toBe('');

    // Images: an SVG with a script, an oversized PNG and an HTML page named .png are refused (each time a
    // different message than before, tied to the file field); a real PNG is stored and served as one.
    const upload = page.getByLabel('Upload logo');
    /** Waits until the file field is marked invalid and the message tied to it says `text`. */
    const refusedWith = async (text: string) => {
      await shown(page.locator('input[type=file][aria-invalid=true]'));
      const id = (await upload.getAttribute('aria-describedby')) ?? '';
      await page.waitForFunction(
        ([errorId, expected]) =>
          document.getElementById(errorId ?? '')?.textContent?.includes(expected ?? ''),
        [id, text],
      );
    };
    await upload.setInputFiles({
      name: 'logo.svg',
      mimeType: 'image/svg+xml',
      buffer: Buffer.from(SVG_WITH_SCRIPT),
    });
    await refusedWith('only PNG, JPEG, WebP and GIF');
    await upload.setInputFiles({
      name: 'huge.png',
      mimeType: 'image/png',
      buffer: Buffer.concat([PNG_1X1, Buffer.alloc(600 * 1024)]),
    });
    await refusedWith('a logo may be at most 512 KiB');
    await upload.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from(HTML_PAGE) });
    await refusedWith('only PNG, JPEG, WebP and GIF');
    expect(await page.getByRole('img', { name: 'Logo' }).count()).toBe(0);
    await upload.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG_1X1 });
    const logo = page.getByRole('img', { name: 'Logo' });
    await shown(logo);
    const served = await fetch(`${platform.portal.url}${await logo.getAttribute('src')}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG_1X1);

    const early = await requestToken(platform.issuer, productionClient, key, SCOPE);
    expect(early.status).toBe(401);
    expect(early.body.error).toBe('invalid_client');

    await page.getByRole('button', { name: 'Submit for review' }).click();
    await shown(page.getByRole('status').filter({ hasText: 'Submitted for review' }));
    await context.close();
  });

  it('shows a confidential app’s secrets once and rotates one with a grace period for the old', async () => {
    const context = await browser.newContext({ locale: 'en-US', storageState: DEVELOPER_STATE });
    const page = await context.newPage();
    await open(page, '/developer/apps/new');
    await page.getByLabel('Name', { exact: true }).fill('Ward PA Board');
    await page.getByLabel('Summary (English)').fill('Open prior-authorization cases of the ward.');
    await page.getByLabel('Description (English)').fill('A board of the ward’s open cases.');
    await page.getByRole('checkbox', { name: 'Clinician EHR launch' }).click();
    await page.getByRole('radio', { name: 'Confidential, client secret' }).click();
    await page.getByLabel('Redirect URIs').fill('https://board.example.org/callback');
    await page.getByLabel('Launch URL').fill('https://board.example.org/launch');
    await page.getByLabel('Requested scopes').fill('openid fhirUser launch user/Patient.rs');
    await page.getByRole('checkbox', { name: 'Clinicians' }).click();
    await page.getByRole('button', { name: 'Save draft' }).click();

    await shown(page.getByText('Copy this secret now').first());
    const secrets = new Map<string, string>();
    for (const block of await page.getByRole('status').filter({ hasText: 'client_secret' }).all()) {
      const codes = block.locator('code');
      secrets.set((await codes.nth(0).textContent()) ?? '', (await codes.nth(1).textContent()) ?? '');
    }
    await page.getByRole('link', { name: 'Open', exact: true }).click();
    const sandboxRow = page.getByRole('row', { name: /Sandbox/ });
    const sandboxClient = (await sandboxRow.locator('code').textContent()) ?? '';
    const first = secrets.get(sandboxClient) ?? '';
    expect(first).not.toBe('');
    expect(await introspectStatus(platform.issuer, sandboxClient, first)).toBe(200);

    await sandboxRow.getByRole('button', { name: 'Rotate secret' }).click();
    await shown(page.getByTestId('client-secret'));
    const rotated = (await page.getByTestId('client-secret').textContent()) ?? '';
    expect(rotated).not.toBe(first);
    expect(await introspectStatus(platform.issuer, sandboxClient, rotated)).toBe(200);
    expect(await introspectStatus(platform.issuer, sandboxClient, first)).toBe(200);
    expect(await introspectStatus(platform.issuer, sandboxClient, `${first}x`)).toBe(401);
    await context.close();
  });

  it('runs certification when the developer presses Run certification and shows the report line by line', async () => {
    const context = await browser.newContext({ locale: 'en-US', storageState: DEVELOPER_STATE });
    const page = await context.newPage();
    await open(page, `/developer/apps/${appId}`);
    const section = page.getByRole('region', { name: 'Certification' });
    await shown(section.getByText('No certification has run yet.'));
    await section.getByRole('button', { name: 'Run certification' }).click();
    // The page polls while the run works in the portal's process; a backend app's run takes seconds.
    const report = section.getByRole('table', { name: 'Certification report of version 1' });
    await report.waitFor({ timeout: 60_000 });
    await shown(section.getByText('Failed').first());
    // No privacy policy was registered and the sandbox client never asked for a token: those two fail,
    // with their evidence; the pasted JWKS passes.
    const row = (name: string) => report.getByRole('row', { name: new RegExp(name) });
    await showsText(row('Privacy policy and terms answer'), 'No privacyPolicyUrl is registered.');
    await showsText(row('Sandbox token request'), 'has not requested a token since this version');
    await showsText(row('Keys carry kid'), 'Passed');
    await context.close();
  }, 120_000);

  it('shows the admin what changed and records the approval; the app is then found by a Chinese word and gets tokens', async () => {
    const context = await personIn(browser);
    const page = await context.newPage();
    await open(page, '/');
    await signInThroughPortal(page, platform.portal.url, 'admin');
    await open(page, '/admin');
    await page.getByRole('link', { name: APP_NAME }).click();
    const changes = page.getByRole('table', { name: 'What changed' });
    await shown(changes.getByRole('rowheader', { name: 'Name' }));
    await shown(changes.locator('ins').filter({ hasText: APP_NAME }));
    // The admin sees the failed report; approving it needs an override reason, kept in the history.
    const certification = page.getByRole('region', { name: 'Certification' });
    await shown(certification.getByRole('table', { name: 'Certification report of version 1' }));
    await page.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog');
    await shown(dialog.getByText('The newest certification of this version is Failed.'));
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await shown(dialog.getByText('A reason is required.'));
    await dialog
      .getByLabel('Certification override reason')
      .fill('Pilot at one hospital; policy page follows');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await gone(page.getByRole('dialog'));
    await shown(page.getByText('Approved').first());
    await shown(page.getByText('Approved without a passed certification'));
    await shown(page.getByText('certification failed: Pilot at one hospital; policy page follows'));
    await context.close();

    const visitor = await personIn(browser, 'zh-TW');
    const catalog = await visitor.newPage();
    await open(catalog, '/');
    await catalog.getByLabel('搜尋應用程式').fill('藥物審查');
    await catalog.getByRole('button', { name: '搜尋' }).click();
    await shown(catalog.getByRole('link', { name: APP_NAME }));
    await catalog.getByRole('link', { name: APP_NAME }).click();
    await shown(catalog.getByRole('heading', { level: 1, name: APP_NAME }));
    await visitor.close();

    const granted = await requestToken(platform.issuer, productionClient, key, SCOPE);
    expect(granted.status).toBe(200);
    liveToken = granted.body.access_token ?? '';
    expect(await fhirStatus(platform.fhirBase, liveToken, 'Patient?_count=1')).not.toBe(401);
  });

  it('keeps the approved version working while a change to the live app waits in review', async () => {
    const context = await browser.newContext({ locale: 'en-US', storageState: DEVELOPER_STATE });
    const page = await context.newPage();
    await open(page, `/developer/apps/${appId}`);
    await page
      .getByLabel('Summary (English)')
      .fill('Checks oncology and immunology drug requests before the NHI sees them.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await shown(page.getByRole('status').filter({ hasText: 'Saved' }));
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await shown(page.getByRole('status').filter({ hasText: 'Submitted for review' }));
    await shown(page.getByText('Live version 1'));

    const stillWorks = await requestToken(platform.issuer, productionClient, key, SCOPE);
    expect(stillWorks.status).toBe(200);
    expect(await fhirStatus(platform.fhirBase, liveToken, 'Patient?_count=1')).not.toBe(401);

    // Signing out ends the auth server's session too: the next sign-in asks for the password again.
    await signOutOfPortal(page, platform.portal.url);
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await shown(page.getByLabel('Password'));
    await context.close();
  });

  it('stops the live token at the FHIR API as soon as the admin suspends the app', async () => {
    const context = await personIn(browser);
    const page = await context.newPage();
    await open(page, '/');
    await signInThroughPortal(page, platform.portal.url, 'admin');
    await open(page, `/admin/apps/${appId}`);
    await page.getByRole('button', { name: 'Suspend' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await shown(dialog.getByText('A reason is required.'));
    await dialog.getByLabel('Reason').fill('Key leaked in a public repository');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await gone(dialog);
    await shown(page.getByText('Key leaked in a public repository'));
    await context.close();

    expect(await fhirStatus(platform.fhirBase, liveToken, 'Patient?_count=1')).toBe(401);
    const refused = await requestToken(platform.issuer, productionClient, key, SCOPE);
    expect(refused.body.error).toBe('invalid_client');
  });

  it('refuses a clinician’s launch of an app the hospital admin disabled', async () => {
    const context = await personIn(browser);
    const page = await context.newPage();
    await open(page, '/');
    await signInThroughPortal(page, platform.portal.url, 'hospital-admin');
    await open(page, '/hospital');
    await page.getByRole('button', { name: /^Disable OpenPAS Prior Authorization/ }).click();
    await shown(page.getByRole('button', { name: /^Enable OpenPAS Prior Authorization/ }));
    await context.close();

    const patient = await platform.db.prisma.user.findUniqueOrThrow({ where: { username: 'patient' } });
    const patientId = (patient.fhirUser ?? '').replace('Patient/', '');
    const clinician = await personIn(browser);
    const launch = await clinician.newPage();
    // The sandbox EHR signs the clinician in and sends the browser to the app's launch URL with a launch
    // value; the app (played here by the test) then asks the auth server to authorize that launch.
    const toApp = launch.waitForRequest((request) => request.url().includes('/launch?'));
    await launch.goto(`${platform.issuer}/sandbox/ehr-launch?client_id=openpas-launch&patient=${patientId}`);
    await launch.getByLabel('Username').fill('clinician');
    await launch.getByLabel('Password').fill('sandbox');
    await launch.getByRole('button', { name: 'Sign in' }).click();
    const appLaunch = new URL((await toApp).url());
    const verifier = randomBytes(32).toString('base64url');
    const discovery = (await (await fetch(`${platform.issuer}/.well-known/openid-configuration`)).json()) as {
      authorization_endpoint: string;
    };
    const authorize = new URL(discovery.authorization_endpoint);
    for (const [name, value] of Object.entries({
      response_type: 'code',
      client_id: 'openpas-launch',
      redirect_uri: `${appLaunch.origin}/callback`,
      scope: 'openid fhirUser launch patient/*.rs',
      launch: appLaunch.searchParams.get('launch') ?? '',
      aud: platform.fhirBase,
      state: randomBytes(16).toString('base64url'),
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    })) {
      authorize.searchParams.set(name, value);
    }
    const app = await clinician.newPage();
    await app.goto(authorize.href);
    await shown(app.getByRole('heading', { name: 'App not enabled' }));
    await showsText(app.getByRole('alert'), 'OpenPAS Prior Authorization');
    await clinician.close();
  });

  it('refuses an oversized tRPC body with 413 and keeps sign-in on the portal whatever returnTo says', async () => {
    const big = await postDeclaringLength(
      `${platform.portal.url}/api/trpc/developerApps.upload`,
      8 * 1024 * 1024,
    );
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ error: { data: { code: 'PAYLOAD_TOO_LARGE' } } });

    // A mutation posted from another site's page is refused before anything runs.
    const forged = await fetch(`${platform.portal.url}/api/trpc/developerApps.upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ json: { data: 'AAAA' } }),
    });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: { data: { code: 'FORBIDDEN' } } });

    for (const returnTo of ['/\t/evil.example.com', '/\\evil.example.com', '//evil.example.com']) {
      const context = await personIn(browser);
      const page = await context.newPage();
      await page.goto(`${platform.portal.url}/api/auth/signin?returnTo=${encodeURIComponent(returnTo)}`);
      await page.getByLabel('Username').fill('developer');
      await page.getByLabel('Password').fill('sandbox');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.origin === platform.portal.url && !url.pathname.startsWith('/api/'));
      expect(new URL(page.url()).pathname).toBe('/');
      await context.close();
    }
  });
});
