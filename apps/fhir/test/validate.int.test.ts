import { readFileSync } from 'node:fs';
import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { sharedAvailable, sharedPath } from '@openpas/vitest-config/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Platform, startPlatform } from './harness.ts';

const targets = await testTargets();
const TWPAS = 'https://nhicore.nhi.gov.tw/pas/StructureDefinition';
const SCOPES = 'system/Patient.cru system/Bundle.crs system/Claim.cru';

type Json = Record<string, unknown>;
type Issue = { severity: string; code: string; expression?: string[]; diagnostics?: string };

/** The Patient of the official Bundle-bun-1 (it claims Patient-twpas). */
function officialPatient(): Json {
  const bundle = JSON.parse(readFileSync(sharedPath('twpas/examples/Bundle-bun-1.json'), 'utf8')) as {
    entry: { resource: Json }[];
  };
  const found = bundle.entry.find((entry) => entry.resource.resourceType === 'Patient');
  if (!found) throw new Error('Bundle-bun-1 has no Patient');
  return found.resource;
}

const issuesOf = (body: Json) => (body.issue as Issue[]).map((i) => [i.severity, i.expression?.[0]]);

describe.skipIf(!sharedAvailable()).each(targets)(
  'the validate operation on any resource type, on $name',
  (target) => {
    let db: Database;
    let platform: Platform;
    let token: string;

    beforeAll(async () => {
      db = await target.open();
      platform = await startPlatform(db);
      await platform.backendClient('validate-his', '0101090517', SCOPES);
      token = await platform.token('validate-his', SCOPES);
    }, 120_000);

    afterAll(async () => {
      await platform?.stop();
      await db?.close();
      await target.dispose();
    });

    const validate = (path: string, body: unknown) =>
      call(`${platform.base}/${path}`, token, { method: 'POST', body, headers: { 'accept-language': 'en' } });

    it('passes the official Patient against the profile it claims, and stores nothing', async () => {
      const reply = await validate('Patient/$validate', officialPatient());
      expect([reply.status, reply.body.resourceType, issuesOf(reply.body)]).toEqual([
        200,
        'OperationOutcome',
        [['information', undefined]],
      ]);
      const search = await call(
        `${platform.base}/Patient?identifier=${encodeURIComponent('A123456789')}`,
        token,
      );
      expect(search.body.total ?? (search.body.entry as unknown[] | undefined)?.length ?? 0).toBe(0);
    });

    it('answers from both layers: an element R4 does not define (built-in) and the profile’s required gender (guide)', async () => {
      const patient: Json = { ...officialPatient(), favouriteColour: 'blue' };
      delete patient.gender;
      const reply = await validate('Patient/$validate', patient);
      expect(reply.status).toBe(200);
      const issues = issuesOf(reply.body);
      expect(issues).toContainEqual(['error', 'Patient.favouriteColour']);
      expect(issues).toContainEqual(['error', 'Patient.gender']);
      const texts = (reply.body.issue as Issue[]).map((i) => i.diagnostics ?? '');
      expect(texts.some((text) => text.includes(`${TWPAS}/Patient-twpas`))).toBe(true);
    });

    it('validates against the profile asked for, in the query or in a Parameters body', async () => {
      const patient = officialPatient();
      delete patient.meta;
      delete patient.gender;
      // Without a profile, base R4 (gender is optional there).
      expect(issuesOf((await validate('Patient/$validate', patient)).body)).toEqual([
        ['information', undefined],
      ]);
      const byQuery = await validate(
        `Patient/$validate?profile=${encodeURIComponent(`${TWPAS}/Patient-twpas`)}`,
        patient,
      );
      expect(issuesOf(byQuery.body)).toContainEqual(['error', 'Patient.gender']);
      const byParameters = await validate('Patient/$validate', {
        resourceType: 'Parameters',
        parameter: [
          { name: 'resource', resource: patient },
          { name: 'profile', valueCanonical: `${TWPAS}/Patient-twpas` },
        ],
      });
      expect([byParameters.status, issuesOf(byParameters.body)]).toEqual([200, issuesOf(byQuery.body)]);
    });

    it('validates an instance with its id, and refuses a body whose id is another', async () => {
      const patient = { ...officialPatient(), id: 'pat-1' };
      expect((await validate('Patient/pat-1/$validate', patient)).status).toBe(200);
      const other = await validate('Patient/pat-2/$validate', patient);
      expect([other.status, issuesOf(other.body)]).toEqual([400, [['error', 'id']]]);
    });

    it('refuses a profile the guides do not define, or one of another type, with 400 at "profile"', async () => {
      const unknown = await validate(
        'Patient/$validate?profile=https://example.org/nothing',
        officialPatient(),
      );
      expect([unknown.status, issuesOf(unknown.body)]).toEqual([400, [['error', 'profile']]]);
      const claim = await validate(
        `Patient/$validate?profile=${encodeURIComponent(`${TWPAS}/Claim-twpas`)}`,
        officialPatient(),
      );
      expect(claim.status).toBe(400);
      expect((claim.body.issue as Issue[])[0]?.diagnostics).toContain('constrains Claim, not Patient');
    });

    it('refuses a body of another type, a read-only type, and a caller without the scope', async () => {
      expect((await validate('Claim/$validate', officialPatient())).status).toBe(400);
      expect((await validate('AuditEvent/$validate', { resourceType: 'AuditEvent' })).status).toBe(405);
      expect(
        (await validate('Organization/$validate', { resourceType: 'Organization', name: 'x' })).status,
      ).toBe(403);
    });

    it('checks a Bundle as a submission’s dry run, also from a Parameters body with a profile', async () => {
      const bundle = JSON.parse(readFileSync(sharedPath('twpas/examples/Bundle-bun-1.json'), 'utf8')) as Json;
      const plain = await validate('Bundle/$validate', bundle);
      expect((plain.body.issue as Issue[]).filter((i) => i.severity === 'error')).toEqual([]);
      const asImmunologic = await validate('Bundle/$validate', {
        resourceType: 'Parameters',
        parameter: [
          { name: 'resource', resource: bundle },
          { name: 'profile', valueCanonical: `${TWPAS}/Bundle-immunologic-agent-twpas` },
        ],
      });
      expect(asImmunologic.status).toBe(200);
      expect((asImmunologic.body.issue as Issue[]).some((i) => i.severity === 'error')).toBe(true);
    });
  },
);
