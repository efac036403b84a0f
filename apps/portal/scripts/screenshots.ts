// pnpm --filter @openpas/portal screenshots — regenerates docs/screenshots/ in English and Traditional
// Chinese: the catalog, a listing, the developer console, the admin's review with its diff, the payer
// reviewer's queue and a case page, a certification report, and the developer documentation (getting
// started, the endpoints read from discovery, scopes, the FHIR reference). It serves
// the whole platform on loopback (a throwaway database with the sandbox seeded, the portal's production
// build), lets the sandbox developer change the listed app so the admin has a change to review, registers
// a small sample SMART app (the certification tests' fixture, served on loopback) and runs its
// certification from the developer console, and photographs each page in headless Chromium.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp } from '@openpas/app-registry';
import { openFastSql } from '@openpas/db';
import { SANDBOX_CASE_KEYS, sandboxRequestBundle } from '@openpas/fhir-model';
import type { BrowserContext } from 'playwright-core';
import { startSampleApp } from '../../../packages/certification/test/sample-app.ts';
import { launchChromium, personIn, signInThroughPortal } from '../e2e/browser.ts';
import { hospitalClient } from '../e2e/hospital-client.ts';
import { startPlatform } from '../e2e/platform.ts';

const out = resolve(import.meta.dirname, '../../../docs/screenshots');
mkdirSync(out, { recursive: true });

const platform = await startPlatform();
const browser = await launchChromium();
const portal = platform.portal.url;

async function signedIn(username: string): Promise<BrowserContext> {
  const context = await personIn(browser, 'en-US');
  const page = await context.newPage();
  await page.goto(portal);
  await signInThroughPortal(page, portal, username);
  await page.close();
  return context;
}

async function shoot(
  context: BrowserContext,
  path: string,
  name: string,
  locale: 'en' | 'zh-TW',
  fullPage = true,
) {
  await context.addCookies([{ name: 'openpas_locale', value: locale, url: portal }]);
  const page = await context.newPage();
  await page.goto(`${portal}${path}`);
  await page.waitForLoadState('networkidle');
  // A section of a long page: brought to the top once the streamed content is there.
  const hash = new URL(path, portal).hash;
  if (hash) await page.locator(`[id="${hash.slice(1)}"]`).evaluate((element) => element.scrollIntoView());
  const file = join(out, `${name}-${locale}.png`);
  await page.screenshot({ path: file, fullPage });
  await page.close();
  process.stderr.write(`wrote ${file}\n`);
}

try {
  const app = await platform.db.prisma.app.findUniqueOrThrow({ where: { slug: 'openpas-launch' } });
  const developer = await signedIn('developer');
  const edit = await developer.newPage();
  await edit.goto(`${portal}/developer/apps/${app.id}`);
  await edit
    .getByLabel('Summary (English)')
    .fill(
      'Build, check, submit and follow TWPAS prior-authorization requests from the EHR, with the NHI decision.',
    );
  await edit
    .getByLabel('Summary (Chinese)')
    .fill('從病歷系統啟動，建立、檢查、送出並追蹤癌症用藥事前審查申請與健保署決定。');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await edit.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await edit.getByRole('button', { name: 'Submit for review' }).click();
  await edit.getByRole('status').filter({ hasText: 'Submitted for review' }).waitFor();
  await edit.close();
  const admin = await signedIn('admin');
  const visitor = await personIn(browser, 'en-US');
  // Hospital A sends its sandbox cases; the reviewer's queue and one case page.
  const hospital = await hospitalClient(
    platform,
    'screenshots-his',
    'system/Bundle.crs system/ClaimResponse.rs',
  );
  const submitted = [];
  for (const key of SANDBOX_CASE_KEYS.filter((one) => one.startsWith('a-')))
    submitted.push(await hospital.submit(sandboxRequestBundle(key)));
  const reviewer = await signedIn('reviewer');
  const step = await reviewer.newPage();
  await step.goto(`${portal}/review`);
  await step.waitForURL((url) => url.pathname === '/review');
  // Two cases decided through the workbench, so the metrics have something to draw.
  for (const [index, one] of submitted.slice(1, 3).entries()) {
    await step.goto(`${portal}/review/cases/${one.caseId}`);
    // The form works once React has taken over the page.
    await step.waitForLoadState('networkidle');
    const items = step.locator('fieldset');
    for (let item = 0; item < (await items.count()); item += 1) {
      const choice = index === 0 ? 'Approve' : item === 0 ? 'Approve' : 'Deny';
      await items.nth(item).getByRole('radio', { name: choice, exact: true }).check();
      await items
        .nth(item)
        .getByLabel('Comment')
        .fill(choice === 'Approve' ? '符合給付規定' : '未達給付條件');
    }
    await step.getByRole('button', { name: 'Send decision' }).click();
    const refusal = step.getByRole('region', { name: 'Decision' }).getByRole('alert');
    await step.getByRole('region', { name: 'Decided' }).or(refusal).first().waitFor();
    if (await refusal.count()) throw new Error(`the decision was refused: ${await refusal.textContent()}`);
  }
  await step.close();

  // A sample app, certified from the developer console: the report is photographed on its own.
  const sample = await startSampleApp();
  const sql = await openFastSql(platform.db);
  const sandboxDeveloper = await platform.db.prisma.user.findUniqueOrThrow({
    where: { username: 'developer' },
  });
  const scope = 'launch openid fhirUser patient/Patient.rs';
  const { app: sampleApp } = await createApp(
    sql,
    { userId: sandboxDeveloper.id, organizationId: sandboxDeveloper.organizationId },
    {
      name: 'Oncology Chart Glance',
      summaryEn: 'Shows the patient in context at a glance.',
      summaryZh: '一眼看到目前病人的重點資料。',
      descriptionEn: 'Reads the patient in context.',
      launchTypes: ['clinician-ehr'],
      clientKind: 'public',
      redirectUris: [`${sample.origin}/callback`],
      launchUrl: `${sample.origin}/launch`,
      scopes: scope,
      privacyPolicyUrl: `${sample.origin}/privacy`,
      termsUrl: `${sample.origin}/terms`,
      userTypes: ['clinician'],
    },
    { production: false, authIssuer: platform.issuer },
  );
  const sandboxClient = sampleApp.clients.find((client) => client.environment === 'sandbox');
  sample.configure({ clientId: sandboxClient?.clientId ?? '', scope, variant: 'well-behaved' });
  const run = await developer.newPage();
  await run.goto(`${portal}/developer/apps/${sampleApp.id}`);
  await run.getByRole('button', { name: 'Run certification' }).click();
  await run
    .getByRole('region', { name: 'Certification' })
    .getByRole('table')
    .getByRole('row', { name: /No FHIR call after denied consent/ })
    .waitFor({ timeout: 180_000 });
  await run.close();
  for (const locale of ['en', 'zh-TW'] as const) {
    await developer.addCookies([{ name: 'openpas_locale', value: locale, url: portal }]);
    const page = await developer.newPage();
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(`${portal}/developer/apps/${sampleApp.id}`);
    await page.waitForLoadState('networkidle');
    const file = join(out, `certification-report-${locale}.png`);
    await page.locator('section[aria-labelledby=certification]').screenshot({ path: file });
    await page.close();
    process.stderr.write(`wrote ${file}\n`);
  }
  await sample.close();
  await sql.close();

  for (const locale of ['en', 'zh-TW'] as const) {
    await shoot(visitor, '/', 'catalog', locale);
    await shoot(visitor, '/apps/openpas-launch', 'listing', locale);
    await shoot(developer, '/developer', 'developer-console', locale);
    await shoot(admin, `/admin/apps/${app.id}`, 'admin-review', locale);
    await shoot(reviewer, '/review', 'review-queue', locale);
    await shoot(reviewer, `/review/cases/${submitted[0]?.caseId}`, 'review-case', locale);
    await shoot(reviewer, '/review/metrics', 'review-metrics', locale);
    await shoot(visitor, '/docs/getting-started', 'docs-getting-started', locale);
    // The long generated pages: their first screen.
    await shoot(visitor, '/docs/endpoints', 'docs-endpoints', locale, false);
    await shoot(visitor, '/docs/scopes', 'docs-scopes', locale);
    await shoot(visitor, '/docs/fhir-api#resource-ClaimResponse', 'docs-fhir-api', locale, false);
  }
} catch (error) {
  for (const line of platform.portal.log().filter((entry) => entry.includes('"level":50')))
    process.stderr.write(`${line}\n`);
  throw error;
} finally {
  await browser.close();
  await platform.stop();
}
