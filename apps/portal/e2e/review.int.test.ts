import { sandboxRequestBundle } from '@openpas/fhir-model';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Hook, startHook } from '../../fhir/test/notification-hook.ts';
import { launchChromium, personIn, shown, showsText, signInThroughPortal } from './browser.ts';
import { type HospitalClient, hospitalClient } from './hospital-client.ts';
import { type Platform, startPlatform } from './platform.ts';

// The "Must show" for the reviewer's workbench, in headless Chromium against the real servers: a
// hospital submits a case over the API (and subscribes to decisions); the reviewer finds it in the queue,
// reads its evidence, decides each item with a comment; the hospital's search and its Subscription see the
// decision; a second reviewer's decision on the same case is refused with a clear message.

const HOSPITAL_CLIENT = 'review-e2e-his';
const HOSPITAL_SCOPES = 'system/Bundle.crs system/ClaimResponse.rs system/Claim.rs system/Subscription.c';
const CASE_KEY = 'a-breast-her2-trastuzumab-pertuzumab';

let platform: Platform;
let browser: Browser;
let hook: Hook;
let hospital: HospitalClient;
let caseId = '';
let acceptanceNumber = '';
let itemCount = 0;

/** A second reviewer account (the sandbox has one): a copy of `reviewer` under another name. */
async function secondReviewer(): Promise<void> {
  const first = await platform.db.prisma.user.findUniqueOrThrow({ where: { username: 'reviewer' } });
  await platform.db.prisma.user.create({
    data: {
      username: 'reviewer-2',
      displayName: '林審查 (Reviewer Lin)',
      passwordHash: first.passwordHash,
      roles: first.roles,
      organizationId: first.organizationId,
      fhirUser: first.fhirUser,
      emailVerifiedAt: first.emailVerifiedAt,
    },
  });
}

async function reviewerPage(username: string): Promise<Page> {
  const context = await personIn(browser);
  const page = await context.newPage();
  await page.goto(`${platform.portal.url}/`);
  await signInThroughPortal(page, platform.portal.url, username);
  await page.goto(`${platform.portal.url}/review`);
  await page.waitForURL((url) => url.pathname === '/review');
  return page;
}

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchChromium();
  hospital = await hospitalClient(platform, HOSPITAL_CLIENT, HOSPITAL_SCOPES);
  hook = await startHook();
  const subscribed = await hospital.fhir('Subscription', {
    method: 'POST',
    body: {
      resourceType: 'Subscription',
      status: 'requested',
      reason: 'follow our decided cases',
      criteria: 'ClaimResponse?disposition=審畢結果',
      channel: { type: 'rest-hook', endpoint: hook.url, payload: 'application/fhir+json' },
    },
  });
  expect(subscribed.status).toBe(201);
  await secondReviewer();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await hook?.close();
  await platform?.stop();
});

describe('the payer reviewer’s workbench', () => {
  it('shows a case the hospital submits over the API in the queue, due 14 days after acceptance', async () => {
    const submitted = await hospital.submit(sandboxRequestBundle(CASE_KEY));
    ({ caseId, acceptanceNumber } = submitted);
    itemCount = submitted.items;
    expect(acceptanceNumber).toMatch(/^\d{8}0101090517\d{6}$/);

    const page = await reviewerPage('reviewer');
    // Sign-in brought the workbench's FHIR access: the queue shows the case, filtered to hospital A.
    await page.getByLabel('Hospital').selectOption('0101090517');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('hospital') === '0101090517');
    const link = page.getByRole('link', { name: `Open case ${acceptanceNumber}` });
    await shown(link);
    const row = page.locator('tr', { has: link });
    await showsText(row, /Due in 1[34] days/);
    // A filter the case does not match leaves it out.
    await page.goto(`${platform.portal.url}/review?drug=NOSUCHDRUG`);
    await showsText(page.locator('main'), 'No case matches these filters.');
    await page.close();
  }, 180_000);

  it('renders the evidence readably, takes a decision per item with a comment, and refuses a second reviewer’s', async () => {
    // The second reviewer opens the case too, before the first decides it.
    const second = await reviewerPage('reviewer-2');
    await second.goto(`${platform.portal.url}/review/cases/${caseId}`);
    await shown(second.getByRole('button', { name: 'Send decision' }));

    const page = await reviewerPage('reviewer');
    await page.getByRole('link', { name: `Open case ${acceptanceNumber}` }).click();
    await page.waitForURL((url) => url.pathname === `/review/cases/${caseId}`);
    await showsText(page.getByRole('heading', { level: 1 }), acceptanceNumber);
    const patient = page.getByRole('region', { name: 'Patient' });
    await showsText(patient, /\*{6}\d{4}/);
    const evidence = page.getByRole('region', { name: 'Evidence' });
    await showsText(evidence, 'Cancer stage');
    await showsText(evidence, 'Laboratory tests');
    await showsText(
      page.getByRole('region', { name: 'Intake pre-check' }),
      'The pre-check found nothing missing.',
    );
    await showsText(page.getByRole('region', { name: 'Status timeline' }), 'Accepted');
    const files = evidence.getByRole('button', { name: /^Open / });
    if ((await files.count()) > 0) {
      await files.first().click();
      await shown(page.getByRole('dialog'));
      await page.getByRole('button', { name: 'Close' }).click();
    }

    // Sending without choosing says so, beside each item.
    await page.getByRole('button', { name: 'Send decision' }).click();
    await showsText(page.getByRole('region', { name: 'Decision' }), 'Choose a decision for every item.');
    expect(itemCount).toBeGreaterThan(0);
    for (let index = 0; index < itemCount; index += 1) {
      const item = page.locator('fieldset').nth(index);
      await item.getByRole('radio', { name: index === 0 ? 'Approve' : 'Deny', exact: true }).check();
      await item
        .getByLabel('Comment')
        .fill(index === 0 ? '符合給付規定 meets the criteria' : '未達給付條件 not covered');
    }
    await page.getByRole('button', { name: 'Send decision' }).click();
    const decided = page.getByRole('region', { name: 'Decided' });
    await showsText(decided, 'Reviewer Chen');
    await showsText(decided, '符合給付規定 meets the criteria');
    await page.close();

    // The hospital's search and its Subscription see the decision.
    const seen = await hospital.fhir(`ClaimResponse/${caseId}`);
    expect(seen.body).toMatchObject({ disposition: '審畢結果', outcome: 'complete' });
    const reasons = (seen.body.item as { adjudication: { reason: unknown }[] }[]).map(
      (item) => item.adjudication[0]?.reason,
    );
    expect(reasons[0]).toMatchObject({ coding: [{ code: '1' }], text: '符合給付規定 meets the criteria' });
    const searched = await hospital.fhir(`ClaimResponse?adjudication-reason=1&_id=${caseId}`);
    expect((searched.body.entry as unknown[]).length).toBe(1);
    await eventually(
      async () => (hook.received.some(({ body }) => body.id === caseId) ? true : undefined),
      'the decision notification',
    );

    // The second reviewer, still on the form, decides too: refused, with who decided it and when.
    for (let index = 0; index < itemCount; index += 1) {
      const item = second.locator('fieldset').nth(index);
      await item.getByRole('radio', { name: 'Request documents', exact: true }).check();
      await item.getByLabel('Comment').fill('請補病理報告');
    }
    await second.getByRole('button', { name: 'Send decision' }).click();
    await showsText(
      second.getByRole('region', { name: 'Decision' }).getByRole('alert'),
      /already decided by 陳審查 \(Reviewer Chen\) at .+ Your decision was not recorded/,
    );
    const after = await hospital.fhir(`ClaimResponse/${caseId}`);
    expect(JSON.stringify(after.body)).not.toContain('請補病理報告');
    await second.close();

    // The metrics page counts the one decided case as the test decided it: one item approved, one denied.
    const metrics = await reviewerPage('reviewer');
    await metrics.getByRole('link', { name: 'Metrics' }).click();
    await metrics.waitForURL((url) => url.pathname === '/review/metrics');
    const overall = metrics.getByRole('region', { name: 'All decided cases' });
    const total = (label: string) =>
      overall.locator('div', { has: metrics.getByText(label, { exact: true }) }).locator('dd');
    await showsText(total('Decided cases'), /^1$/);
    await showsText(total(itemCount > 1 ? 'Partly approved' : 'Approved'), /^100(\.0)?%$/);
    await showsText(total('Denied'), /^0(\.0)?%$/);
    await shown(metrics.getByRole('button', { name: 'Download CSV' }));
    await metrics.close();
  }, 240_000);
});
