import { readFileSync } from 'node:fs';
import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import type { Bundle, FhirResource, OperationOutcome } from '@openpas/fhir-model';
import { sharedAvailable, sharedPath } from '@openpas/vitest-config/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertValidR4 } from './fhir-validator.ts';
import { call, type Platform, startPlatform } from './harness.ts';

// Hardening: unknown elements, deep nesting, paging with _count=0, _summary and _elements, and the
// Bundle limits of every route that reads a Bundle — over HTTP, with both validation layers.

const targets = await testTargets();
const haveShared = sharedAvailable();
const A = '0101090517';
const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' };

const example = (name: string) =>
  JSON.parse(readFileSync(sharedPath('twpas/examples', name), 'utf8')) as Bundle;

const patient = (family: string, nationalId: string) => ({
  resourceType: 'Patient',
  text: {
    status: 'generated',
    div: `<div xmlns="http://www.w3.org/1999/xhtml">${family}小明 ${nationalId}</div>`,
  },
  identifier: [{ system: 'http://www.moi.gov.tw', value: nationalId }],
  name: [{ text: `${family}小明`, family }],
  gender: 'male',
  birthDate: '1970-01-01',
  maritalStatus: { text: 'married' },
});

/** The JSON text of a Patient whose extension nests `levels` arrays deep, written without recursion. */
function deeplyNested(levels: number): string {
  return `{"resourceType":"Patient","extension":${'['.repeat(levels)}${']'.repeat(levels)}}`;
}

const issues = (body: unknown) => (body as OperationOutcome).issue ?? [];
const expressions = (body: unknown) => issues(body).flatMap((issue) => issue.expression ?? []);
const links = (body: unknown) => ((body as Bundle).link ?? []).map((link) => link.relation);
const resources = (body: unknown) =>
  ((body as Bundle).entry ?? []).map((entry) => entry.resource as FhirResource & Record<string, unknown>);

describe.skipIf(!haveShared).each(targets)('hardening of the FHIR API on $name', (target) => {
  let db: Database;
  let platform: Platform;
  let hospital: string;

  beforeAll(async () => {
    db = await target.open();
    // Both validation layers, as on a plain start: the built-in TWPAS rules and the bundled guide's.
    platform = await startPlatform(db);
    await platform.backendClient('hardening-his', A, 'system/*.cruds');
    hospital = await platform.token('hardening-his', 'system/*.cruds');
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await db?.close();
    await target.dispose();
  });

  describe('elements FHIR R4 does not define', () => {
    const withUnknownPatientElement = () => {
      const bundle = example('Bundle-bun-1.json');
      const index = bundle.entry?.findIndex((entry) => entry.resource?.resourceType === 'Patient') ?? -1;
      (bundle.entry?.[index]?.resource as unknown as Record<string, unknown>).zzz = 1;
      return { bundle, path: `Bundle.entry[${index}].resource.ofType(Patient).zzz` };
    };

    it('refuse a submitted Bundle with 422 at the element, from both validation layers, storing nothing', async () => {
      const { bundle, path } = withUnknownPatientElement();
      const before = await call(`${platform.base}/Bundle?_summary=count`, hospital);
      const reply = await call(`${platform.base}/Bundle`, hospital, { method: 'POST', body: bundle });
      expect(reply.status).toBe(422);
      assertValidR4(reply.body);
      const found = issues(reply.body).filter((issue) => issue.expression?.[0] === path);
      expect(found.map((issue) => issue.severity)).toEqual(['error', 'error']);
      expect(found.map((issue) => issue.diagnostics)).toEqual([
        expect.stringContaining('zzz is not an element of Patient in FHIR R4'),
        expect.stringContaining('Invalid additional property "zzz"'),
      ]);
      const after = await call(`${platform.base}/Bundle?_summary=count`, hospital);
      expect(after.body.total).toBe(before.body.total);
    });

    it('are reported by Bundle/$validate at the element', async () => {
      const { bundle, path } = withUnknownPatientElement();
      const reply = await call(`${platform.base}/Bundle/$validate`, hospital, {
        method: 'POST',
        body: bundle,
      });
      expect(reply.status).toBe(200);
      expect(expressions(reply.body)).toContain(path);
    });

    it('refuse a plain create with 422 and each element’s FHIRPath', async () => {
      const reply = await call(`${platform.base}/Patient`, hospital, {
        method: 'POST',
        body: { ...patient('林', 'A123456789'), zzz: 1, name: [{ text: '林小明', nickname: 'x' }] },
      });
      expect(reply.status).toBe(422);
      assertValidR4(reply.body);
      expect(issues(reply.body)).toEqual([
        {
          severity: 'error',
          code: 'structure',
          diagnostics: 'zzz is not an element of Patient in FHIR R4',
          expression: ['Patient.zzz'],
        },
        {
          severity: 'error',
          code: 'structure',
          diagnostics: 'nickname is not an element of HumanName in FHIR R4',
          expression: ['Patient.name[0].nickname'],
        },
      ]);
    });

    it('refuse an update with 422 and leave the stored resource as it was', async () => {
      const created = await call(`${platform.base}/Patient`, hospital, {
        method: 'POST',
        body: patient('林', 'A123456789'),
      });
      expect(created.status).toBe(201);
      const id = String(created.body.id);
      const reply = await call(`${platform.base}/Patient/${id}`, hospital, {
        method: 'PUT',
        body: { ...patient('林', 'A123456789'), id, _birthDate: { zzz: true } },
      });
      expect(reply.status).toBe(422);
      expect(expressions(reply.body)).toEqual(['Patient.birthDate.zzz']);
      const read = await call(`${platform.base}/Patient/${id}`, hospital);
      expect(read.body).toMatchObject({ meta: { versionId: '1' } });
      expect(read.body).not.toHaveProperty('_birthDate');
    });
  });

  describe('a body nested 10,000 levels deep', () => {
    it.each([
      ['a create', 'Patient'],
      ['a submission', 'Bundle'],
      ['a Bundle check', 'Bundle/$validate'],
    ])('is refused on %s with 400 naming the limit', async (_name, path) => {
      const body =
        path === 'Patient' ? deeplyNested(10_000) : deeplyNested(10_000).replace('Patient', 'Bundle');
      const reply = await call(`${platform.base}/${path}`, hospital, { method: 'POST', body });
      expect(reply.status).toBe(400);
      assertValidR4(reply.body);
      expect(issues(reply.body)).toEqual([
        {
          severity: 'error',
          code: 'too-costly',
          diagnostics: 'the body is nested deeper than 100 levels of arrays and objects',
        },
      ]);
    });
  });

  describe('paging', () => {
    beforeAll(async () => {
      for (const [family, id] of [
        ['陳', 'B123456780'],
        ['張', 'B123456781'],
        ['吳', 'B123456782'],
      ] as const) {
        const created = await call(`${platform.base}/Patient`, hospital, {
          method: 'POST',
          body: patient(family, id),
        });
        expect(created.status).toBe(201);
      }
    });

    it.each(['_count=0', '_summary=count', '_summary=count&_count=5'])(
      'answers %s with the total alone and no next link',
      async (query) => {
        const all = await call(`${platform.base}/Patient?_total=accurate&_count=100`, hospital);
        const reply = await call(`${platform.base}/Patient?${query}`, hospital);
        expect(reply.status).toBe(200);
        assertValidR4(reply.body);
        expect(reply.body.total).toBe(all.body.total);
        expect(Number(reply.body.total)).toBeGreaterThanOrEqual(3);
        expect(resources(reply.body)).toEqual([]);
        expect(links(reply.body)).toEqual(['self']);
      },
    );

    it('ends: following next one match at a time visits each match once', async () => {
      const all = await call(`${platform.base}/Patient?_total=accurate&_count=100`, hospital);
      const seen: string[] = [];
      let url: string | undefined = `${platform.base}/Patient?_count=1`;
      for (let pages = 0; url && pages <= Number(all.body.total); pages++) {
        const reply = await call(url, hospital);
        seen.push(...resources(reply.body).map((resource) => String(resource.id)));
        url = (reply.body as unknown as Bundle).link?.find((link) => link.relation === 'next')?.url;
      }
      expect(url).toBeUndefined();
      expect(seen).toHaveLength(Number(all.body.total));
      expect(new Set(seen).size).toBe(seen.length);
    });
  });

  describe('_summary and _elements', () => {
    let id: string;
    beforeAll(async () => {
      const created = await call(`${platform.base}/Patient`, hospital, {
        method: 'POST',
        body: patient('周', 'F123456789'),
      });
      id = String(created.body.id);
    });

    it('_elements=gender on a read returns gender with resourceType, id and meta, marked SUBSETTED', async () => {
      const reply = await call(`${platform.base}/Patient/${id}?_elements=gender`, hospital);
      expect(reply.status).toBe(200);
      assertValidR4(reply.body);
      expect(Object.keys(reply.body).sort()).toEqual(['gender', 'id', 'meta', 'resourceType']);
      expect(reply.body.meta).toMatchObject({ versionId: '1', tag: [SUBSETTED] });
    });

    it('_summary=true on a read keeps the summary elements only: no narrative, no marital status', async () => {
      const reply = await call(`${platform.base}/Patient/${id}?_summary=true`, hospital);
      expect(reply.status).toBe(200);
      assertValidR4(reply.body);
      expect(Object.keys(reply.body).sort()).toEqual([
        'birthDate',
        'gender',
        'id',
        'identifier',
        'meta',
        'name',
        'resourceType',
      ]);
      expect(reply.body.meta).toMatchObject({ tag: [SUBSETTED] });
    });

    it.each([
      ['text', ['id', 'meta', 'resourceType', 'text']],
      ['data', ['birthDate', 'gender', 'id', 'identifier', 'maritalStatus', 'meta', 'name', 'resourceType']],
    ])('_summary=%s on a read keeps what FHIR says', async (summary, keys) => {
      const reply = await call(`${platform.base}/Patient/${id}?_summary=${summary}`, hospital);
      expect(reply.status).toBe(200);
      assertValidR4(reply.body);
      expect(Object.keys(reply.body).sort()).toEqual(keys);
    });

    it('_summary=false on a read returns the whole resource, untagged', async () => {
      const full = await call(`${platform.base}/Patient/${id}`, hospital);
      const reply = await call(`${platform.base}/Patient/${id}?_summary=false`, hospital);
      expect(reply.body).toEqual(full.body);
      expect(full.body).toHaveProperty('text');
    });

    it.each([
      ['a read', (patientId: string) => `Patient/${patientId}?_summary=banana`],
      ['a search', () => 'Patient?_summary=banana'],
      ['a read asking for a count', (patientId: string) => `Patient/${patientId}?_summary=count`],
    ])('refuses an invalid _summary on %s with 400', async (_name, path) => {
      const reply = await call(`${platform.base}/${path(id)}`, hospital);
      expect(reply.status).toBe(400);
      assertValidR4(reply.body);
      expect(expressions(reply.body)).toEqual(['_summary']);
    });

    it('subsets each match of a search', async () => {
      const reply = await call(`${platform.base}/Patient?_id=${id}&_elements=gender`, hospital);
      expect(reply.status).toBe(200);
      assertValidR4(reply.body);
      const [match] = resources(reply.body);
      expect(Object.keys(match ?? {}).sort()).toEqual(['gender', 'id', 'meta', 'resourceType']);
      const summary = await call(`${platform.base}/Patient?_id=${id}&_summary=true`, hospital);
      expect(resources(summary.body)[0]).not.toHaveProperty('text');
      expect(resources(summary.body)[0]).toHaveProperty('identifier');
    });

    it('leaves included resources whole', async () => {
      const submitted = await call(`${platform.base}/Bundle`, hospital, {
        method: 'POST',
        body: example('Bundle-bun-1.json'),
      });
      expect(submitted.status).toBe(201);
      const reply = await call(
        `${platform.base}/ClaimResponse?_include=ClaimResponse:request&_elements=outcome&_count=2`,
        hospital,
      );
      expect(reply.status).toBe(200);
      const entries = (reply.body as unknown as Bundle).entry ?? [];
      const matches = entries.filter((entry) => entry.search?.mode === 'match');
      const included = entries.filter((entry) => entry.search?.mode === 'include');
      expect(matches.length).toBeGreaterThan(0);
      expect(included.length).toBeGreaterThan(0);
      for (const { resource } of matches) {
        expect(Object.keys(resource ?? {}).sort()).toEqual(['id', 'meta', 'outcome', 'resourceType']);
        expect(resource?.meta?.tag).toContainEqual(SUBSETTED);
      }
      for (const { resource } of included) {
        expect(resource).toHaveProperty('item');
        expect(resource?.meta?.tag ?? []).not.toContainEqual(SUBSETTED);
      }
    });
  });

  describe('Bundle limits', () => {
    const tooMany = () => ({
      resourceType: 'Bundle',
      type: 'collection',
      entry: Array.from({ length: 1001 }, () => ({ resource: { resourceType: 'Basic' } })),
    });

    it.each(['Bundle', 'Bundle/$validate'])(
      'POST %s refuses 1,001 entries with 413 at Bundle.entry',
      async (path) => {
        const reply = await call(`${platform.base}/${path}`, hospital, { method: 'POST', body: tooMany() });
        expect(reply.status).toBe(413);
        assertValidR4(reply.body);
        expect(issues(reply.body)).toEqual([
          {
            severity: 'error',
            code: 'too-costly',
            diagnostics: 'a Bundle may hold at most 1000 entries (got 1001)',
            expression: ['Bundle.entry'],
          },
        ]);
      },
    );
  });
});
