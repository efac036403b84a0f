import type { CertificationSubject } from '@openpas/app-registry';
import { observationsOf } from '@openpas/auth-store';
import type { SqlRunner } from '@openpas/db';
import { callsOfClient } from '@openpas/fhir-store';
import type { Browser } from 'playwright-core';
import { checkBackendTokenRequest, checkJwksKeys, checkJwksReachable, fetchJwks } from './backend-checks.ts';
import { type LaunchMode, launchOnce, openBrowser } from './browser-launch.ts';
import type { CheckResult } from './checks.ts';
import { type LaunchPhase, observedChecks } from './observed-checks.ts';
import { checkPolicyUrls, checkRedirectUrisHttps } from './web-checks.ts';

// One certification of an app version: the checks every app gets, then either the three sandbox launches
// of a user-facing app judged from what the auth server and the FHIR API recorded, or the JWKS and token
// checks of a backend service. Progress is reported after each step.

export interface CertificationSettings {
  /** The auth server's issuer (the sandbox EHR launcher lives there) */
  issuer: string;
  /** The FHIR base URL, the `aud` an app must send */
  fhirBaseUrl: string;
  production: boolean;
  /** The headless browser's executable; Debian's /usr/bin/chromium by default */
  chromiumPath?: string;
  /** The sandbox clinician who launches the app */
  clinician?: { username: string; password: string };
}

export type Progress = (step: string, checks: readonly CheckResult[]) => Promise<void>;

async function databaseNow(sql: SqlRunner): Promise<Date> {
  const [row] = await sql.query<{ now: unknown }>('SELECT clock_timestamp() AS now');
  return new Date(String(row?.now));
}

async function phase(
  sql: SqlRunner,
  browser: Browser,
  subject: CertificationSubject,
  settings: CertificationSettings,
  mode: LaunchMode,
): Promise<LaunchPhase> {
  const since = await databaseNow(sql);
  const outcome = await launchOnce(
    browser,
    {
      issuer: settings.issuer,
      clientId: subject.sandboxClientId,
      redirectUris: subject.details.redirectUris,
      username: settings.clinician?.username ?? 'clinician',
      password: settings.clinician?.password ?? 'sandbox',
    },
    mode,
  );
  const until = await databaseNow(sql);
  return {
    observations: await observationsOf(sql, subject.sandboxClientId, since, until),
    calls: await callsOfClient(sql, subject.sandboxClientId, since, until),
    capturedCode: outcome.capturedCode,
  };
}

export async function certify(
  sql: SqlRunner,
  subject: CertificationSubject,
  settings: CertificationSettings,
  progress: Progress = async () => undefined,
): Promise<CheckResult[]> {
  const { details } = subject;
  const checks: CheckResult[] = [];
  await progress('web', checks);
  checks.push(await checkPolicyUrls(details), checkRedirectUrisHttps(details));

  if (details.launchTypes.includes('backend-service')) {
    await progress('jwks', checks);
    const fetched = details.jwksUrl ? await fetchJwks(details.jwksUrl, settings.production) : null;
    const jwks = details.jwksUrl ? fetched?.jwks : safeJson(details.jwks);
    checks.push(checkJwksReachable(details.jwksUrl, fetched), checkJwksKeys(jwks));
    const seen = await observationsOf(sql, subject.sandboxClientId, subject.versionCreatedAt);
    checks.push(checkBackendTokenRequest(seen));
    await progress('done', checks);
    return checks;
  }

  const browser = await openBrowser(settings.chromiumPath);
  try {
    await progress('launch-allow', checks);
    const allowed = await phase(sql, browser, subject, settings, 'allow');
    await progress('launch-wrong-state', checks);
    const wrongState = await phase(sql, browser, subject, settings, 'wrong-state');
    await progress('launch-deny', checks);
    const denied = await phase(sql, browser, subject, settings, 'deny');
    checks.push(
      ...observedChecks(
        { allowed, wrongState, denied },
        { redirectUris: details.redirectUris, scopes: details.scopes, fhirBaseUrl: settings.fhirBaseUrl },
      ),
    );
  } finally {
    await browser.close();
  }
  await progress('done', checks);
  return checks;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
