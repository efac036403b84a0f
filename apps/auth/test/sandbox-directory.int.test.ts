// {issuer}/sandbox/directory: what the sandbox EHR launcher offers — each sandbox clinician with only their
// own hospital's patients, the patient accounts, the approved apps with a launch URL — and nothing else.
import type { Database } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAuth, startAuth } from './harness.ts';
import {
  HOSPITAL_A_PATIENTS,
  HOSPITAL_B_PATIENT,
  SANDBOX_PATIENT,
  seedEverything,
} from './launch-fixtures.ts';

const targets = await testTargets();

interface Directory {
  clinicians: { username: string; hospital: { code: string } | null; patients: { id: string }[] }[];
  patients: { username: string; patient: string }[];
  apps: { clientId: string; launchUrl: string }[];
}

describe.each(targets)('the sandbox directory on $name', (target) => {
  let db: Database;
  let server: RunningAuth;

  beforeAll(async () => {
    db = await target.open();
    await seedEverything(db);
    server = await startAuth(db);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await db?.close();
    await target.dispose();
  });

  it("lists each clinician with their own hospital's patients only", async () => {
    const response = await fetch(`${server.issuer}/sandbox/directory`, {
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const directory = (await response.json()) as Directory;
    const byName = new Map(directory.clinicians.map((c) => [c.username, c]));
    const a = byName.get('clinician')?.patients.map((p) => p.id) ?? [];
    const b = byName.get('clinician-b')?.patients.map((p) => p.id) ?? [];
    expect(a).toEqual(expect.arrayContaining(HOSPITAL_A_PATIENTS.map((p) => p.id)));
    expect(a).not.toContain(HOSPITAL_B_PATIENT);
    expect(b).toContain(HOSPITAL_B_PATIENT);
    expect(b.some((id) => a.includes(id))).toBe(false);
    expect(byName.get('clinician')?.hospital?.code).toBe('0101090517');
    expect(byName.get('clinician-b')?.hospital?.code).toBe('0131020016');
    expect(directory.patients).toEqual([
      expect.objectContaining({ username: 'patient', patient: SANDBOX_PATIENT }),
    ]);
    expect(directory.apps.map((app) => app.clientId)).toContain('openpas-launch');
    // No password digest, secret, e-mail or role list travels with it.
    expect(JSON.stringify(directory)).not.toMatch(/scrypt|argon|secret|passwordHash|email|roles/i);
  });

  it('is not served when the sandbox is off', async () => {
    const off = await startAuth(db, undefined, { OPENPAS_SANDBOX: '0' });
    try {
      const response = await fetch(`${off.issuer}/sandbox/directory`);
      expect(response.status).toBe(404);
      await response.body?.cancel();
    } finally {
      await off.stop();
    }
  });
});
