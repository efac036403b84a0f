import { readSandboxPrivateKey, sandboxClients, sandboxUsers } from '@openpas/db/seed';
import {
  PERMISSION_LETTERS,
  parseScope,
  SCOPE_CONTEXTS,
  SPECIAL_SCOPE_KINDS,
  scopeToPlainWords,
} from '@openpas/scopes';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../auth/test/harness.ts';
import { DOC_PAGES } from '../src/docs/pages.ts';
import { SANDBOX_PORTAL_SECRET } from '../src/env.ts';
import { requestToken } from './backend-client.ts';
import { launchChromium } from './browser.ts';
import { type Platform, startPlatform } from './platform.ts';
import { startPortal } from './portal-process.ts';

// The developer documentation rendered by the portal's production build against the running auth server
// and FHIR API: what it shows must be what those servers say now, and what the code defines.

type Json = Record<string, unknown>;

let platform: Platform;
let browser: Browser;
const contexts: Partial<Record<'en' | 'zh-TW', BrowserContext>> = {};

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchChromium();
  for (const locale of ['en', 'zh-TW'] as const) {
    const context = await browser.newContext({ locale: locale === 'en' ? 'en-US' : 'zh-TW' });
    await context.addCookies([{ name: 'openpas_locale', value: locale, url: platform.portal.url }]);
    contexts[locale] = context;
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function open(path: string, locale: 'en' | 'zh-TW' = 'en'): Promise<Page> {
  const context = contexts[locale];
  if (!context) throw new Error('no browser context');
  const page = await context.newPage();
  const response = await page.goto(`${platform.portal.url}${path}`);
  expect(response?.status()).toBe(200);
  // The page streams in after the loading state; an error would show as an alert instead of the title.
  await page.locator('main h1, main [role="alert"]').first().waitFor({ timeout: 15_000 });
  const alert = page.locator('main > [role="alert"], main > div > [role="alert"]');
  if ((await alert.count()) > 0) throw new Error(`${path}: ${await alert.first().textContent()}`);
  return page;
}

async function json(url: string): Promise<Json> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

/** The rows of a discovery table as the page shows them: field → the cell's text, or its list's items. */
function shownFields(page: Page, section: string): Promise<Record<string, string | string[]>> {
  return page.$$eval(`section[aria-labelledby="${section}"] tr[data-field]`, (rows) =>
    Object.fromEntries(
      rows.map((row) => {
        const cell = row.querySelector('td');
        const items = [...(cell?.querySelectorAll('li') ?? [])].map((item) => item.textContent ?? '');
        return [row.getAttribute('data-field') ?? '', items.length ? items : (cell?.textContent ?? '')];
      }),
    ),
  );
}

/** A discovery document as the page would show it (strings and lists of strings as they are). */
function expectedFields(document: Json): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(document)
      .filter(([, value]) => typeof value !== 'object' || Array.isArray(value))
      .map(([key, value]) => [key, Array.isArray(value) ? value.map(String) : String(value)]),
  );
}

describe('the developer documentation against the running platform', () => {
  it('shows the SMART and OpenID Connect endpoints exactly as the discovery documents give them now', async () => {
    const smart = await json(`${platform.issuer}/.well-known/smart-configuration`);
    const openid = await json(`${platform.issuer}/.well-known/openid-configuration`);
    const page = await open('/docs/endpoints');
    const shownSmart = await shownFields(page, 'docs-smart');
    const shownOpenid = await shownFields(page, 'docs-openid');
    expect(Object.keys(shownSmart)).toEqual(Object.keys(smart));
    expect(shownSmart).toMatchObject(expectedFields(smart));
    expect(shownSmart.token_endpoint).toBe(`${platform.issuer}/token`);
    expect(shownSmart.capabilities).toContain('client-confidential-asymmetric');
    expect(Object.keys(shownOpenid)).toEqual(Object.keys(openid));
    expect(shownOpenid).toMatchObject(expectedFields(openid));

    // The FHIR API's own announcement of the OAuth endpoints, from its CapabilityStatement.
    const metadata = await json(`${platform.fhirBase}/metadata`);
    const security = (metadata.rest as { security: { extension: { extension: Json[] }[] } }[])[0]?.security;
    const uris = Object.fromEntries(
      (security?.extension[0]?.extension ?? []).map((uri) => [String(uri.url), String(uri.valueUri)]),
    );
    const shownUris = await page.$$eval('tr[data-oauth-uri]', (rows) =>
      Object.fromEntries(
        rows.map((row) => [row.getAttribute('data-oauth-uri'), row.querySelector('td')?.textContent]),
      ),
    );
    expect(shownUris).toEqual(uris);
    // The curl lines carry this deployment's URLs, not placeholders.
    expect(await page.locator('pre').first().textContent()).toContain(
      `curl -s ${platform.fhirBase}/.well-known/smart-configuration`,
    );
    await page.close();
  });

  it('lists every resource type, interaction and search parameter of the live CapabilityStatement', async () => {
    const metadata = await json(`${platform.fhirBase}/metadata`);
    const resources = (
      metadata.rest as {
        resource: {
          type: string;
          interaction: { code: string }[];
          searchParam?: { name: string; type: string }[];
        }[];
      }[]
    )[0]?.resource;
    expect(resources?.length).toBeGreaterThan(10);
    const page = await open('/docs/fhir-api');
    const shown = await page.$$eval('section[data-resource]', (sections) =>
      sections.map((section) => ({
        type: section.getAttribute('data-resource') ?? '',
        interactions: [...section.querySelectorAll('[data-interaction]')].map(
          (item) => item.getAttribute('data-interaction') ?? '',
        ),
        params: [...section.querySelectorAll('tr[data-search-param]')].map((row) => ({
          name: row.getAttribute('data-search-param') ?? '',
          type: row.querySelectorAll('td')[0]?.textContent ?? '',
        })),
      })),
    );
    const expected = (resources ?? [])
      .map((resource) => ({
        type: resource.type,
        interactions: resource.interaction.map((interaction) => interaction.code),
        params: (resource.searchParam ?? []).map(({ name, type }) => ({ name, type })),
      }))
      .sort((a, b) => a.type.localeCompare(b.type));
    expect(shown).toEqual(expected);
    // Each resource type has its heading, and the index links to it.
    for (const { type } of expected.slice(0, 3)) {
      expect(await page.getByRole('heading', { level: 3, name: type, exact: true }).count()).toBe(1);
      expect(
        await page
          .getByRole('navigation', { name: 'Resource types' })
          .getByRole('link', { name: type, exact: true })
          .count(),
      ).toBe(1);
    }
    await page.close();
  });

  it.each(['en', 'zh-TW'] as const)(
    'names every scope word @openpas/scopes defines in the consent page’s own words (%s)',
    async (locale) => {
      const page = await open('/docs/scopes', locale);
      const rows = (selector: string, attribute: string) =>
        page.$$eval(
          selector,
          (found, name) =>
            found
              .map((row) => [row.getAttribute(name as string) ?? '', row.querySelectorAll('td')] as const)
              .map(([key, cells]) => [key, cells[cells.length - 1]?.textContent ?? '']),
          attribute,
        );
      const special = Object.fromEntries(
        await rows('section[aria-labelledby="docs-scopes-special"] tr[data-scope]', 'data-scope'),
      );
      expect(special).toEqual(
        Object.fromEntries(
          SPECIAL_SCOPE_KINDS.map((kind) => [kind, scopeToPlainWords(parseScope(kind), locale)]),
        ),
      );
      const contexts = Object.fromEntries(await rows('tr[data-context]', 'data-context'));
      expect(Object.keys(contexts)).toEqual([...SCOPE_CONTEXTS]);
      for (const context of SCOPE_CONTEXTS)
        expect(contexts[context]).toBe(scopeToPlainWords(parseScope(`${context}/Observation.rs`), locale));
      const letters = Object.fromEntries(await rows('tr[data-letter]', 'data-letter'));
      expect(Object.keys(letters)).toEqual([...PERMISSION_LETTERS]);

      const smart = await json(`${platform.issuer}/.well-known/smart-configuration`);
      const announced = await page.$$eval(
        'section[aria-labelledby="docs-scopes-announced"] tr[data-scope]',
        (found) => found.map((row) => row.getAttribute('data-scope')),
      );
      expect(announced).toEqual(smart.scopes_supported);
      await page.close();
    },
  );

  it('lists the sandbox accounts and clients the seed creates, and never a secret', async () => {
    const page = await open('/docs/sandbox');
    const usernames = await page.$$eval('tr[data-username]', (rows) =>
      rows.map((row) => row.getAttribute('data-username')),
    );
    expect(usernames).toEqual(sandboxUsers.map((user) => user.username));
    const clients = await page.$$eval('tr[data-client]', (rows) =>
      rows.map((row) => row.getAttribute('data-client')),
    );
    const seeded = sandboxClients({
      AUTH_ISSUER: platform.issuer,
      FHIR_BASE_URL: platform.fhirBase,
      PORTAL_URL: platform.portal.url,
      LAUNCH_URL: 'http://localhost:3003',
    } as Parameters<typeof sandboxClients>[0]);
    expect(clients).toEqual(seeded.map((client) => client.clientId));
    const kid = readSandboxPrivateKey('hospital-backend.private.jwk.json').kid ?? '';
    expect(await page.locator('tr[data-client="sandbox-hospital-backend"]').textContent()).toContain(kid);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('sandbox');
    expect(text).not.toContain('sandbox-portal-secret');
    expect(text).not.toMatch(/"d":/);
    await page.close();
  });

  it('offers an example Bundle that the FHIR API checks without an error', async () => {
    const page = await open('/docs/submit-bundle');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(`curl -s ${platform.issuer}/token`);
    expect(text).toContain(`${platform.fhirBase}/Bundle`);
    await page.close();

    const download = await fetch(`${platform.portal.url}/docs/example-bundle.json`);
    expect(download.status).toBe(200);
    const bundle = (await download.json()) as Json;
    expect(bundle.resourceType).toBe('Bundle');
    const key = readSandboxPrivateKey('hospital-backend.private.jwk.json');
    const token = await requestToken(platform.issuer, 'sandbox-hospital-backend', key, 'system/Bundle.crs');
    expect(token.status).toBe(200);
    const checked = await fetch(`${platform.fhirBase}/Bundle/$validate`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token.body.access_token}`,
        'content-type': 'application/fhir+json',
      },
      body: JSON.stringify(bundle),
    });
    const outcome = (await checked.json()) as { issue: { severity: string; diagnostics?: string }[] };
    expect(outcome.issue.filter((issue) => issue.severity === 'error' || issue.severity === 'fatal')).toEqual(
      [],
    );
    expect(checked.status).toBe(200);
  });

  it.each(['en', 'zh-TW'] as const)(
    'serves every page in %s with the Docs link, headings in order, its contents and no placeholder left',
    async (locale) => {
      const home = await open('/', locale);
      await home.getByRole('link', { name: locale === 'en' ? 'Docs' : '開發者文件', exact: true }).click();
      await home.waitForURL(/\/docs\/getting-started$/);
      await home.close();
      for (const path of DOC_PAGES) {
        const page = await open(`/docs/${path}`, locale);
        const levels = await page.$$eval('main :is(h1, h2, h3, h4)', (headings) =>
          headings.map((heading) => Number(heading.tagName.slice(1))),
        );
        expect(levels[0], path).toBe(1);
        expect(
          levels.filter((level) => level === 1),
          path,
        ).toHaveLength(1);
        levels.forEach((level, index) => {
          if (index > 0)
            expect(level, `${path} heading ${index}`).toBeLessThanOrEqual((levels[index - 1] ?? 1) + 1);
        });
        // Each entry of "On this page" leads to a heading of the page.
        const targets = await page.$$eval('nav:last-of-type a[href^="#"]', (links) =>
          links.map((link) => link.getAttribute('href')?.slice(1) ?? ''),
        );
        for (const id of targets)
          expect(await page.locator(`[id="${id}"]`).count(), `${path} #${id}`).toBe(1);
        const current = page.locator('a[aria-current="page"]');
        expect(await current.getAttribute('href')).toBe(`/docs/${path}`);
        expect(await page.locator('main').textContent(), path).not.toContain('{{');
        await page.close();
      }
    },
  );

  it('names the server that does not answer, and what went wrong, instead of endpoints', async () => {
    // A second portal of the same build and database whose auth server and FHIR API are not there.
    const [portalPort, nobody] = [await freePort(), await freePort()];
    const issuer = `http://127.0.0.1:${nobody}`;
    const fhirBase = `http://127.0.0.1:${nobody}/fhir`;
    const lonely = await startPortal({
      port: portalPort,
      logLevel: 'silent',
      env: {
        AUTH_ISSUER: issuer,
        FHIR_BASE_URL: fhirBase,
        DATABASE_URL: platform.databaseUrl,
        PORTAL_CLIENT_SECRET: SANDBOX_PORTAL_SECRET,
      },
    });
    try {
      const context = contexts.en;
      if (!context) throw new Error('no browser context');
      await context.addCookies([{ name: 'openpas_locale', value: 'en', url: lonely.url }]);
      const page = await context.newPage();
      await page.goto(`${lonely.url}/docs/endpoints`);
      // (Next's route announcer is an alert of its own, outside main.)
      const alerts = page.locator('main').getByRole('alert');
      await alerts.first().waitFor();
      expect(await alerts.allTextContents()).toEqual([
        `The SMART configuration is not available right nowNothing answered at ${issuer}/.well-known/smart-configuration.`,
        `The OpenID Connect configuration is not available right nowNothing answered at ${issuer}/.well-known/openid-configuration.`,
        `The FHIR API's CapabilityStatement is not available right nowNothing answered at ${fhirBase}/metadata.`,
      ]);
      // The page's own prose is still there.
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Endpoints and capabilities');
      await page.goto(`${lonely.url}/docs/fhir-api`);
      expect(await page.locator('main').getByRole('alert').textContent()).toContain(
        `Nothing answered at ${fhirBase}/metadata.`,
      );
      expect(await page.locator('section[data-resource]').count()).toBe(0);
      await page.close();
    } finally {
      await lonely.stop();
    }
  });
});
