import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../e2e/browser.ts';

// MetricsView in headless Chromium: the charts are drawn in the browser (recharts measures its box), so
// the render test's server-side markup cannot show them. The preview entry is bundled with Vite and opened
// alone; the page the lead wires (/review/metrics) renders the same component.

const SHOTS = process.env.METRICS_PREVIEW_SHOTS;

describe('MetricsView in a browser', () => {
  let browser: Browser;
  let script: string;
  let out: string;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'metrics-preview-'));
    await build({
      configFile: false,
      logLevel: 'warn',
      mode: 'production',
      // Production JSX (the test runner's NODE_ENV would otherwise ask for the development runtime).
      oxc: { jsx: { runtime: 'automatic', development: false } },
      root: resolve(import.meta.dirname, '../../..'),
      define: { 'process.env.NODE_ENV': '"production"' },
      build: {
        outDir: out,
        emptyOutDir: true,
        minify: false,
        lib: {
          entry: resolve(import.meta.dirname, 'metrics-preview.tsx'),
          formats: ['iife'],
          name: 'metricsPreview',
          fileName: () => 'preview.js',
        },
      },
    });
    script = readFileSync(join(out, 'preview.js'), 'utf8');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  async function open(locale: 'en' | 'zh-TW'): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // A page of its own origin, so that the entry can read ?locale= from its URL.
    await page.route('http://metrics.test/**', (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html><head><meta charset="utf-8"></head><body><div id="root"></div><script>${script.replaceAll('</script', '<\\/script')}</script></body></html>`,
      }),
    );
    await page.goto(`http://metrics.test/?locale=${locale}`);
    return { page, errors };
  }

  it('draws the outcome mix by hospital and drug and the decision time by month, beside their tables', async () => {
    const { page, errors } = await open('zh-TW');
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    expect(errors).toEqual([]);
    // Three charts: two stacked bar charts and one line chart with the median and p90 lines.
    expect(await page.locator('.recharts-wrapper').count()).toBe(3);
    expect(await page.locator('.recharts-line-curve').count()).toBe(2);
    // Hospital A: approved 2/3 and denied 1/3, stacked across the plot; B: all partly approved.
    const bars = await page.locator('.recharts-bar-rectangle').count();
    expect(bars).toBeGreaterThanOrEqual(5);
    await expect.poll(() => page.getByRole('table', { name: '各醫院審查結果' }).count()).toBe(1);
    await expect.poll(() => page.getByText('臺北市立聯合醫院').count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.getByRole('button', { name: '下載 CSV' }).count()).toBe(1);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'metrics-view-zh-TW.png'), fullPage: true });
    await page.close();
  });

  it('downloads the CSV of every number, with a byte-order mark', async () => {
    const { page, errors } = await open('en');
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('decision-metrics-2026-10-2026-11.csv');
    const path = await download.path();
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]?.startsWith('Breakdown,Code or month,Name,Decided cases,')).toBe(true);
    expect(lines.filter((line) => line.startsWith('Hospital,'))).toHaveLength(2);
    expect(lines).toContain('All decided cases,2026-10..2026-11,,4,2,1,1,0,1,0.5,0.25,0.25,0,0.25,4,30,70.5');
    expect(errors).toEqual([]);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'metrics-view-en.png'), fullPage: true });
    await page.close();
  });
});
