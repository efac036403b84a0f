import { type CheckResult, fail, pass } from './checks.ts';

// Checks every app must pass: its privacy policy and terms answer, and its redirect URIs are https (http
// only for loopback, which the sandbox allows).

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface WebDetails {
  privacyPolicyUrl?: string | undefined;
  termsUrl?: string | undefined;
  redirectUris: readonly string[];
}

/** The status a URL answers GET with after redirects, or the reason it did not answer. */
async function answer(url: string, timeoutMs: number): Promise<{ status: number } | { problem: string }> {
  try {
    const response = await fetch(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'text/html, */*' },
    });
    await response.body?.cancel();
    return { status: response.status };
  } catch (error) {
    return { problem: error instanceof Error ? error.name : 'no answer' };
  }
}

export async function checkPolicyUrls(details: WebDetails, timeoutMs = 10_000): Promise<CheckResult> {
  const urls = [
    ['privacyPolicyUrl', details.privacyPolicyUrl],
    ['termsUrl', details.termsUrl],
  ] as const;
  const answered: string[] = [];
  for (const [field, url] of urls) {
    if (!url) return fail('policy-urls-answer', 'urlMissing', { field });
    const result = await answer(url, timeoutMs);
    if ('problem' in result)
      return fail('policy-urls-answer', 'urlNoAnswer', { url, problem: result.problem });
    if (result.status < 200 || result.status > 299) {
      return fail('policy-urls-answer', 'urlStatus', { url, status: result.status });
    }
    answered.push(`${url} (${result.status})`);
  }
  return pass('policy-urls-answer', 'urlsAnswered', { urls: answered.join(', ') });
}

export function checkRedirectUrisHttps(details: WebDetails): CheckResult {
  for (const uri of details.redirectUris) {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return fail('redirect-uris-https', 'redirectNotHttps', { uri });
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
      return fail('redirect-uris-https', 'redirectNotHttps', { uri });
    }
  }
  return pass('redirect-uris-https', 'redirectsHttps', { count: details.redirectUris.length });
}
