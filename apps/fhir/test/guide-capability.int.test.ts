import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { sandboxRequestBundle } from '@openpas/fhir-model';
import { extractIndexRows } from '@openpas/fhir-store';
import { BUNDLED_PACKAGE_PATH, loadGuideResources } from '@openpas/guide-package';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitCase } from './cases.ts';
import { call, type Platform, startPlatform } from './harness.ts';
import { type UserTokens, userTokens } from './user-tokens.ts';

// The guide's server CapabilityStatement, read from the package the API loads, checked promise by promise
// against the running API: every interaction and search parameter it marks SHALL, one real request each,
// as a hospital's backend client with every system scope (and the payer's reviewer deciding the case). A new guide version shows here what is missing.
// What OpenPAS refuses on purpose is listed in DELIBERATE with the exact answer and why.

const targets = await testTargets();
const EXPECTATION = 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-expectation';
const CASE = 'a-breast-her2-trastuzumab-pertuzumab';

interface Promise_ {
  code?: string;
  name?: string;
  type?: string;
  extension?: { url: string; valueCode?: string }[];
}
interface RestResource extends Promise_ {
  type: string;
  interaction?: Promise_[];
  searchParam?: Promise_[];
}
interface CapabilityStatement {
  url: string;
  kind: string;
  rest: { mode: string; resource: RestResource[] }[];
}

/** What the API answers on purpose instead of doing what the guide asks, and why. */
const DELIBERATE: Record<string, { status: number; reason: string }> = {
  'ClaimResponse create': {
    status: 403,
    reason: "a case's ClaimResponse is opened by the case's submission (POST Bundle), not by a client",
  },
  'ClaimResponse update': {
    status: 403,
    reason: "a ClaimResponse changes only through the workflow: the payer's $decide or a legal transition",
  },
  'Bundle update': {
    status: 403,
    reason: 'a submitted case is kept as submitted; it is amended or appealed with a new submission',
  },
};

const shall = (promise: Promise_) =>
  promise.extension?.find((extension) => extension.url === EXPECTATION)?.valueCode === 'SHALL';

function serverStatement(): CapabilityStatement {
  const statements = loadGuideResources([BUNDLED_PACKAGE_PATH]).ofType(
    'CapabilityStatement',
  ) as unknown as CapabilityStatement[];
  const server = statements.find(
    (s) => s.kind === 'requirements' && s.rest?.some((r) => r.mode === 'server'),
  );
  if (!server) throw new Error('the bundled guide has no server CapabilityStatement');
  return server;
}

/** A few resources of types no sandbox case carries, the least each needs. */
function minimal(type: string, patient: string): Record<string, unknown> {
  const subject = { reference: `Patient/${patient}` };
  switch (type) {
    case 'ClinicalImpression':
      return { resourceType: type, status: 'completed', subject, description: 'stable disease' };
    case 'CarePlan':
      return { resourceType: type, status: 'active', intent: 'plan', subject, description: 'next cycle' };
    case 'OperationOutcome':
      return {
        resourceType: type,
        issue: [{ severity: 'information', code: 'informational', diagnostics: 'ok' }],
      };
    default:
      return { resourceType: type };
  }
}

/** A search value that must find `resource` by `param`, from what its index rows hold. */
function valueFor(resource: Record<string, unknown>, param: string): string | undefined {
  if (param === '_id') return String(resource.id);
  if (param === '_lastUpdated') return `ge${(resource.meta as { lastUpdated: string }).lastUpdated}`;
  const rows = extractIndexRows(resource as { resourceType: string });
  const token = rows.tokens.find((row) => row.param === param && row.code);
  if (token) return token.system ? `${token.system}|${token.code}` : String(token.code);
  const text = rows.strings.find((row) => row.param === param);
  if (text) return text.value;
  const reference = rows.references.find((row) => row.param === param);
  if (reference) return `${reference.targetType}/${reference.targetId}`;
  const date = rows.dates.find((row) => row.param === param);
  if (date) return `ge${date.start.toISOString()}`;
  return undefined;
}

describe.each(targets)("the guide's server CapabilityStatement on $name", (target) => {
  let db: Database;
  let platform: Platform;
  let token: string;
  let payer: string;
  let users: UserTokens;
  const statement = serverStatement();

  beforeAll(async () => {
    db = await target.open();
    platform = await startPlatform(db, { env: { FHIR_GUIDE_VALIDATION: 'off' } });
    await platform.backendClient('his-a', '0101090517', 'system/*.cruds');
    token = await platform.token('his-a', 'system/*.cruds');
    users = await userTokens(db, platform, 'capability-app', 'openid fhirUser user/*.rus');
    payer = await users.token('openid fhirUser user/*.rus', { username: 'reviewer' });
  }, 120_000);

  afterAll(async () => {
    await users?.close();
    await platform?.stop();
    await db?.close();
    await target.dispose();
  });

  it('is what /metadata instantiates', async () => {
    const metadata = await call(`${platform.base}/metadata`, undefined);
    expect(metadata.body.instantiates).toContain(statement.url);
  });

  it('is kept: every SHALL interaction and search parameter answers as promised', async () => {
    const submitted = await submitCase(platform, token, sandboxRequestBundle(CASE));
    const patient = String(submitted.entries.find((e) => e.resource.resourceType === 'Patient')?.resource.id);
    const stored = new Map<string, Record<string, unknown>>();
    for (const entry of submitted.entries)
      if (!stored.has(entry.resource.resourceType)) stored.set(entry.resource.resourceType, entry.resource);
    // The payer decides the case, so that its ClaimResponse carries the adjudication a search looks at.
    const decided = await call(`${platform.base}/ClaimResponse/${submitted.response.id}/$decide`, payer, {
      method: 'POST',
      body: {
        resourceType: 'Parameters',
        parameter: (submitted.claim.item ?? []).map((_, index) => ({
          name: 'item',
          part: [
            { name: 'sequence', valueInteger: index + 1 },
            { name: 'reason', valueCode: '1' },
          ],
        })),
      },
    });
    expect(decided.status, JSON.stringify(decided.body).slice(0, 300)).toBe(200);
    stored.set('ClaimResponse', submitted.response);
    stored.set('Bundle', { resourceType: 'Bundle', id: submitted.bundleId });

    const outcomes: string[] = [];
    const wanted: string[] = [];
    const record = (promise: string, status: number, expected: number, detail = '') => {
      const deliberate = DELIBERATE[promise];
      wanted.push(`${promise}: ${deliberate ? `${deliberate.status} (${deliberate.reason})` : expected}`);
      outcomes.push(
        `${promise}: ${status === deliberate?.status ? `${status} (${deliberate.reason})` : status}${status === expected || status === deliberate?.status ? '' : detail}`,
      );
    };
    const rest = statement.rest.find((r) => r.mode === 'server');
    for (const resource of rest?.resource ?? []) {
      const type = resource.type;
      const interactions = new Set((resource.interaction ?? []).filter(shall).map((i) => i.code));
      // create: a copy of the case's resource of this type (or the least one), a new case for Bundle
      let id = String(stored.get(type)?.id ?? '');
      let body: Record<string, unknown> | undefined;
      if (interactions.has('create')) {
        const source = stored.get(type);
        const fresh =
          type === 'Bundle'
            ? sandboxRequestBundle('a-crc-kras-bevacizumab')
            : source
              ? {
                  ...source,
                  id: undefined,
                  meta: undefined,
                  ...(type === 'Claim' ? { identifier: undefined } : {}),
                }
              : minimal(type, patient);
        const reply = await call(`${platform.base}/${type}`, token, { method: 'POST', body: fresh });
        record(`${type} create`, reply.status, 201, ` ${JSON.stringify(reply.body).slice(0, 200)}`);
        if (reply.status === 201) {
          id = String(reply.body.id);
          body = reply.body;
        }
      }
      if (interactions.has('read')) {
        const reply = await call(`${platform.base}/${type}/${id}`, token);
        record(`${type} read`, reply.status, 200);
        body ??= reply.body;
      }
      if (interactions.has('vread'))
        record(`${type} vread`, (await call(`${platform.base}/${type}/${id}/_history/1`, token)).status, 200);
      if (interactions.has('update')) {
        const reply = await call(`${platform.base}/${type}/${id}`, token, {
          method: 'PUT',
          body: { ...body, id, meta: undefined, language: 'zh-TW' },
        });
        record(`${type} update`, reply.status, 200, ` ${JSON.stringify(reply.body).slice(0, 200)}`);
      }
      for (const param of (resource.searchParam ?? []).filter(shall)) {
        const name = String(param.name);
        const promise = `${type}?${name}`;
        if (param.type === 'special') {
          const [target] = (resource.searchParam ?? [])
            .filter((p) => p.type === 'reference')
            .map((p) => p.name);
          const reply = await call(
            `${platform.base}/${type}?_id=${stored.get(type)?.id}&_include=${type}:${target}`,
            token,
          );
          const included = ((reply.body.entry as { search: { mode: string } }[] | undefined) ?? []).some(
            (e) => e.search.mode === 'include',
          );
          record(promise, included ? reply.status : 0, 200, ' (nothing included)');
          continue;
        }
        // The resource as stored now (its meta and, for the ClaimResponse, the decision).
        const source = (await call(`${platform.base}/${type}/${stored.get(type)?.id}`, token)).body;
        const value = valueFor(source, name);
        if (value === undefined) {
          record(promise, 0, 200, ` (the ${type} of the sandbox case has no value for ${name})`);
          continue;
        }
        const reply = await call(`${platform.base}/${type}?${name}=${encodeURIComponent(value)}`, token);
        const ids = ((reply.body.entry as { resource: { id: string } }[] | undefined) ?? []).map(
          (e) => e.resource.id,
        );
        record(
          promise,
          ids.includes(String(source.id)) ? reply.status : 0,
          200,
          ` (${name}=${value} did not find it: ${reply.status})`,
        );
      }
    }
    expect(outcomes).toEqual(wanted);
  }, 180_000);
});
