// pnpm --filter @openpas/launch screenshots — regenerates docs/screenshots/launch-*.png in English and
// Traditional Chinese: the sandbox EHR launcher, the request builder with a field the check flagged, and a
// decided case. It serves the platform on loopback (a throwaway database with the sandbox seeded, the
// app's production build), walks a clinician through a request as the end-to-end test does, has the
// reviewer decide it over the FHIR API, and photographs each page in headless Chromium.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sandboxCase } from '@openpas/fhir-model';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../auth/test/browser.ts';
import { userTokens } from '../../fhir/test/user-tokens.ts';
import { gone, shown, showsText } from '../../portal/e2e/browser.ts';
import { startLaunchPlatform } from '../e2e/platform.ts';
import { launchFromSandbox, pickCode, problemOf } from '../e2e/steps.ts';

const out = resolve(import.meta.dirname, '../../../docs/screenshots');
mkdirSync(out, { recursive: true });
/** A patient per language: each round submits a request of its own. */
const PATIENTS = { en: 'a-breast-her2-trastuzumab-pertuzumab', 'zh-TW': 'a-nsclc-egfr-osimertinib' } as const;
const REVIEW_SCOPES = 'openid fhirUser user/ClaimResponse.rus user/Claim.rs';

const platform = await startLaunchPlatform();
const browser = await launchChromium();

async function shoot(page: Page, name: string, locale: 'en' | 'zh-TW') {
  await page.waitForLoadState('networkidle');
  const file = join(out, `launch-${name}-${locale}.png`);
  await page.screenshot({ path: file, fullPage: true });
  process.stderr.write(`wrote ${file}\n`);
}

async function setLocale(page: Page, locale: 'en' | 'zh-TW') {
  await page.getByRole('button', { name: locale === 'en' ? 'English' : '中文' }).click();
}

const reviewers = await userTokens(
  platform.db,
  { issuer: platform.issuer, base: platform.fhirBase } as never,
  'screenshots-review',
  REVIEW_SCOPES,
);

async function decide(caseId: string, items: number) {
  const token = await reviewers.token(REVIEW_SCOPES, { username: 'reviewer' });
  const parameter = Array.from({ length: items }, (_, i) => ({
    name: 'item',
    part:
      i === 0
        ? [
            { name: 'sequence', valueInteger: 1 },
            { name: 'reason', valueCode: '1' },
            { name: 'comment', valueString: '符合給付規定 (meets the payment criteria)' },
          ]
        : [
            { name: 'sequence', valueInteger: i + 1 },
            { name: 'reason', valueCode: '3' },
            { name: 'approvedQuantity', valueDecimal: 2 },
            {
              name: 'comment',
              valueString:
                '先核 2 瓶，療效評估後再申請 (2 vials first; apply again after the response assessment)',
            },
          ],
  }));
  const response = await fetch(`${platform.fhirBase}/ClaimResponse/${caseId}/$decide`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
    body: JSON.stringify({ resourceType: 'Parameters', parameter }),
  });
  if (response.status !== 200)
    throw new Error(`$decide answered ${response.status}: ${await response.text()}`);
}

try {
  for (const locale of ['en', 'zh-TW'] as const) {
    const context = await browser.newContext({
      // The auth server's pages in English for the steps; the app itself is switched to the locale shot.
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(`${platform.launchUrl}/sandbox`);
    await setLocale(page, 'en');
    await shown(page.getByRole('link', { name: 'Launch' }));
    if (locale === 'zh-TW') await setLocale(page, 'zh-TW');
    await shoot(page, 'sandbox-launcher', locale);
    if (locale === 'zh-TW') await setLocale(page, 'en');

    await launchFromSandbox(page, platform.launchUrl, {
      clinician: 'clinician',
      patientId: PATIENTS[locale],
    });
    await page.waitForURL(`${platform.launchUrl}/request`);
    const source = sandboxCase(PATIENTS[locale]);
    await page.getByRole('button', { name: 'Check' }).click();
    await problemOf(page.getByLabel('Quantity (item 1)'));
    if (locale === 'zh-TW') await setLocale(page, 'zh-TW');
    await shoot(page, 'builder-flagged', locale);
    if (locale === 'zh-TW') await setLocale(page, 'en');

    for (let n = 1; n <= source.items.length; n++) {
      const shownDrug = await page.getByLabel(`Drug (item ${n})`).inputValue();
      const drug = source.items.find((candidate) => shownDrug.startsWith(candidate.drugCode));
      if (!drug) throw new Error(`item ${n} is not a drug of the case`);
      if ('code' in drug.programCode) await pickCode(page, `Indication (item ${n})`, drug.programCode.code);
      else await page.getByLabel(`Indication as text (item ${n})`).fill(drug.programCode.text);
      await page.getByLabel(`Quantity (item ${n})`).fill(String(drug.quantity.value));
      await page.getByLabel(`Unit (item ${n})`).selectOption(drug.quantity.unit);
    }
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.waitForURL(/\/cases\/[^/?]+\?submitted=1$/).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${await page.locator('#check-result').textContent()}`);
    });
    const caseId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await decide(caseId, source.items.length);
    await gone(page.getByRole('region', { name: 'Decision' }).getByText('Not decided yet'), 60_000);
    await showsText(page.getByRole('region', { name: 'Status timeline' }), 'Review finished');
    if (locale === 'zh-TW') await setLocale(page, 'zh-TW');
    await shoot(page, 'case-decided', locale);
    await context.close();
  }
} finally {
  await reviewers.close();
  await browser.close();
  await platform.stop();
}
