import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Platform, startPlatform } from './harness.ts';

// The guide's terminology over HTTP, from the bundled package a plain start loads: the drug and hospital
// pickers' searches, lookups and code checks, for a token whose scopes name none of these types.

const targets = await testTargets();
const PAS = 'https://nhicore.nhi.gov.tw/pas';
const MEDICATIONS = `${PAS}/ValueSet/nhi-medication`;
const HOSPITALS = `${PAS}/ValueSet/nhi-organization`;
const HOSPITAL_CODES = `${PAS}/CodeSystem/organization-identifier-tw`;

interface Expansion {
  total: number;
  offset: number;
  contains?: { system: string; code: string; display?: string }[];
}

describe.each(targets)('terminology on $name', (target) => {
  let db: Database;
  let platform: Platform;
  let token: string;

  beforeAll(async () => {
    db = await target.open();
    platform = await startPlatform(db, { env: { FHIR_GUIDE_VALIDATION: 'off' } });
    // A narrow token: lab results only. Terminology needs a valid token, not a scope.
    await platform.backendClient('his-lab', '0101090517', 'system/Observation.rs');
    token = await platform.token('his-lab', 'system/Observation.rs');
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await db?.close();
    await target.dispose();
  });

  const get = (path: string) => call(`${platform.base}/${path}`, token);
  const expand = async (query: string) => {
    const reply = await get(`ValueSet/$expand?${query}`);
    expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(200);
    return reply.body.expansion as Expansion;
  };
  const parameters = (body: Record<string, unknown>) =>
    Object.fromEntries(
      (body.parameter as { name: string; valueBoolean?: boolean; valueString?: string }[]).map((p) => [
        p.name,
        p.valueBoolean ?? p.valueString,
      ]),
    );

  it('finds a cancer drug by part of its name in any letter case, and by its NHI code', async () => {
    for (const filter of ['avastin', 'AVASTIN', 'aVaStIn']) {
      const found = await expand(`url=${encodeURIComponent(MEDICATIONS)}&filter=${filter}&count=50`);
      expect(found.contains?.map((c) => c.code)).toEqual([
        'K000807219',
        'K000874219',
        'KC00807219',
        'KC00874219',
      ]);
      expect(found.total).toBe(4);
    }
    const byCode = await expand(`url=${encodeURIComponent(MEDICATIONS)}&filter=KC01025219`);
    expect(byCode.contains).toEqual([
      {
        system: `${PAS}/CodeSystem/nhi-medication`,
        version: '2026-04-24',
        code: 'KC01025219',
        display: 'KEYTRUDA INJECTION',
      },
    ]);
  });

  it('finds a hospital by part of its Chinese name (台 finds 臺 too), a page at a time with the total', async () => {
    const found = await expand(
      `url=${encodeURIComponent(HOSPITALS)}&filter=${encodeURIComponent('臺北市立聯合')}&count=3`,
    );
    expect(found.contains?.[0]).toMatchObject({ code: '0101090517', display: '臺北市立聯合醫院' });
    const taida = await expand(
      `url=${encodeURIComponent(HOSPITALS)}&filter=${encodeURIComponent('台大')}&count=5&offset=5`,
    );
    expect(taida.total).toBeGreaterThan(10);
    expect(taida.offset).toBe(5);
    expect(taida.contains).toHaveLength(5);
    for (const hospital of taida.contains ?? []) expect(hospital.display).toMatch(/[台臺]大/);
  });

  it('expands by POST with a Parameters body and for a value set by id', async () => {
    const reply = await call(`${platform.base}/ValueSet/$expand`, token, {
      method: 'POST',
      body: {
        resourceType: 'Parameters',
        parameter: [
          { name: 'url', valueUri: MEDICATIONS },
          { name: 'filter', valueString: 'herceptin 440' },
          { name: 'count', valueInteger: 10 },
        ],
      },
    });
    expect(reply.status).toBe(200);
    expect(
      (reply.body.expansion as Expansion).contains?.every((c) => /herceptin.*440/i.test(c.display ?? '')),
    ).toBe(true);
    const byId = await get('ValueSet/nhi-apply-side/$expand');
    expect((byId.body.expansion as Expansion).total).toBe(3);
  });

  it('refuses a made-up hospital code and accepts a real one with its name', async () => {
    const check = (code: string) =>
      get(
        `ValueSet/$validate-code?url=${encodeURIComponent(HOSPITALS)}&system=${encodeURIComponent(HOSPITAL_CODES)}&code=${code}`,
      );
    const madeUp = await check('0199999999');
    expect(madeUp.status).toBe(200);
    expect(parameters(madeUp.body)).toEqual({
      result: false,
      message: `${HOSPITAL_CODES}#0199999999 is not in the value set ${HOSPITALS}`,
    });
    expect(parameters((await check('0101090517')).body)).toEqual({
      result: true,
      display: '臺北市立聯合醫院',
    });
  });

  it('looks a code up, and reads and searches the code systems and value sets', async () => {
    const lookup = await get(
      `CodeSystem/$lookup?system=${encodeURIComponent(`${PAS}/CodeSystem/nhi-apply-reason`)}&code=C50R1`,
    );
    expect(parameters(lookup.body)).toMatchObject({ name: 'NHIApplyReason', display: '轉移性乳癌' });
    const read = await get('CodeSystem/nhi-apply-side');
    expect(read.body).toMatchObject({ resourceType: 'CodeSystem', url: `${PAS}/CodeSystem/nhi-apply-side` });
    const search = await get(`ValueSet?url=${encodeURIComponent(HOSPITALS)}&_elements=url,version`);
    expect(search.body).toMatchObject({
      total: 1,
      entry: [{ resource: { url: HOSPITALS, version: '2024-08-19' } }],
    });
    const byName = await get('CodeSystem?name=NHIMedication&_summary=true');
    expect((byName.body.entry as { resource: { concept?: unknown } }[])[0]?.resource.concept).toBeUndefined();
  });

  it('answers what it cannot do with an OperationOutcome', async () => {
    const noToken = await call(
      `${platform.base}/ValueSet/$expand?url=${encodeURIComponent(HOSPITALS)}`,
      undefined,
    );
    expect(noToken.status).toBe(401);
    const tooMany = await get(`ValueSet/$expand?url=${encodeURIComponent(HOSPITALS)}`);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'too-costly' }] });
    const unknown = await get(`ValueSet/$expand?url=${encodeURIComponent(`${PAS}/ValueSet/nope`)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ issue: [{ code: 'not-found', expression: ['url'] }] });
    const unheld = await get(
      `ValueSet/$expand?url=${encodeURIComponent(`${PAS}/ValueSet/apply-quantity-unit`)}`,
    );
    expect(unheld.status).toBe(422);
    expect(unheld.body).toMatchObject({ issue: [{ code: 'not-supported' }] });
    const write = await call(`${platform.base}/CodeSystem`, token, {
      method: 'POST',
      body: { resourceType: 'CodeSystem', status: 'draft', content: 'complete' },
    });
    expect(write.status).toBe(405);
    const missing = await get('CodeSystem/$lookup?code=x');
    expect(missing.body).toMatchObject({ issue: [{ code: 'required', expression: ['system'] }] });
  });
});
