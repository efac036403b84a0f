import { recordSkip } from '@openpas/vitest-config/reports';
import { postgresBinaries } from './throwaway-postgres.ts';

// Fault tests need tools of the machine (PostgreSQL's binaries, root for a tmpfs). Where one is missing
// they are skipped with a notice and a line in ./openpas test's summary — except in CI, where they must run.

export type ToolPlan<T> = { kind: 'run'; value: T } | { kind: 'skip'; reason: string };

function missing<T>(what: string, reason: string): ToolPlan<T> {
  if (process.env.CI === 'true') throw new Error(`${what} must run in CI (CI=true), but ${reason}`);
  console.warn(`NOTICE: ${what} skipped: ${reason}`);
  recordSkip(what, reason);
  return { kind: 'skip', reason };
}

/** The folder of initdb and pg_ctl, or a skip where the machine has no PostgreSQL binaries. */
export function postgresToolsPlan(what: string): ToolPlan<string> {
  const bin = postgresBinaries();
  return bin
    ? { kind: 'run', value: bin }
    : missing(what, 'no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin');
}

/** Whether this process may mount a tmpfs (it runs as root), or a skip. */
export function tmpfsPlan(what: string): ToolPlan<true> {
  return process.getuid?.() === 0
    ? { kind: 'run', value: true }
    : missing(what, 'mounting a small tmpfs needs root, and this test runs as another user');
}

export interface Answer {
  /** 0 when no answer came (the connection was cut) */
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** An HTTP request that never throws: a cut connection is status 0. */
export async function attempt(url: string, init: RequestInit = {}): Promise<Answer> {
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = { text };
    }
    return { status: response.status, headers: response.headers, body };
  } catch {
    return { status: 0, headers: new Headers(), body: {} };
  }
}

export const fhirJson = (token: string, body?: unknown): RequestInit => ({
  method: body === undefined ? 'GET' : 'POST',
  headers: {
    accept: 'application/fhir+json',
    authorization: `Bearer ${token}`,
    ...(body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
  },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls `probe` until it returns a value, for at most `ms`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
