// After `./openpas start` has started the apps: waits until each answers, then says where each is and how
// to sign in to the sandbox.
import { publicUrlsEnv } from '@openpas/env';

interface KnownApp {
  name: string;
  /** What a person finds there */
  what: string;
  url: string;
  /** A GET that answers 200 once the app serves requests */
  probe: string;
}

export function knownApps(): Record<string, KnownApp> {
  const urls = publicUrlsEnv.read();
  return {
    '@openpas/portal': {
      name: 'portal',
      what: 'marketplace, developer console, admin console, hospital apps',
      url: urls.PORTAL_URL,
      probe: `${urls.PORTAL_URL}/api/health`,
    },
    '@openpas/auth': {
      name: 'auth',
      what: 'SMART / OpenID Connect authorization server',
      url: urls.AUTH_ISSUER,
      probe: `${urls.AUTH_ISSUER}/.well-known/openid-configuration`,
    },
    '@openpas/fhir': {
      name: 'fhir',
      what: 'FHIR R4 API (TWPAS)',
      url: urls.FHIR_BASE_URL,
      probe: `${urls.FHIR_BASE_URL}/metadata`,
    },
    '@openpas/launch': {
      name: 'launch',
      what: 'hospital SMART app and sandbox EHR launcher',
      url: urls.LAUNCH_URL,
      probe: `${urls.LAUNCH_URL}/readyz`,
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: 'manual' });
    await response.body?.cancel();
    return response.status < 500;
  } catch {
    return false;
  }
}

/** Polls every app's probe until all answer (or the time is up); returns the ones that never did. */
export async function waitUntilReady(apps: KnownApp[], timeoutMs: number): Promise<KnownApp[]> {
  const deadline = Date.now() + timeoutMs;
  let waiting = apps;
  while (waiting.length > 0 && Date.now() < deadline) {
    const results = await Promise.all(waiting.map((app) => answers(app.probe)));
    waiting = waiting.filter((_, index) => !results[index]);
    if (waiting.length > 0) await new Promise((done) => setTimeout(done, 1000));
  }
  return waiting;
}

export function readySummary(apps: KnownApp[], sandbox: boolean): string[] {
  const width = Math.max(...apps.map((app) => app.name.length));
  const lines = ['ready:'];
  for (const app of apps) lines.push(`  ${app.name.padEnd(width)}  ${app.url}  — ${app.what}`);
  if (sandbox) {
    const portal = apps.find((app) => app.name === 'portal');
    lines.push(
      `sign in${portal ? ` at ${portal.url}` : ''} with a sandbox account, password "sandbox":`,
      "  developer (apps), admin (app review), hospital-admin (hospital A's apps), reviewer, clinician, clinician-b, patient",
      "developers can also sign up; in the sandbox the verification link is written to the portal's log",
    );
    const launch = apps.find((app) => app.name === 'launch');
    if (launch)
      lines.push(
        `try a SMART app from the sandbox EHR launcher: ${launch.url}/sandbox (clinician, hospital A's patients)`,
      );
  } else {
    lines.push('the sandbox is off: sign in with the accounts of this deployment');
  }
  return lines;
}
