import { createServer, type Server } from 'node:http';
import type { Database } from '@openpas/db';
import { readSeedConfig, type SeedConfig, seedAccounts, seedOrganizations } from '@openpas/db/seed';
import { freePort } from './harness.ts';

export const USER_SCOPES = [
  'openid fhirUser profile launch launch/patient launch/encounter offline_access online_access',
  'patient/*.rs user/*.rs user/Bundle.c user/Claim.c patient/Bundle.c',
].join(' ');

export const SANDBOX_PATIENT = 'a-breast-her2-trastuzumab-pertuzumab';

/** A stand-in SMART app: records what reaches its launch URL and its redirect URI. */
export interface TestApp {
  origin: string;
  redirectUri: string;
  launchUri: string;
  /** Every URL the app was sent to, in order */
  visits: URL[];
  close(): Promise<void>;
}

export async function startTestApp(): Promise<TestApp> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const visits: URL[] = [];
  const server: Server = createServer((req, res) => {
    visits.push(new URL(req.url ?? '/', origin));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="en"><title>Test app</title><p>app reached</p></html>');
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    origin,
    redirectUri: `${origin}/callback`,
    launchUri: `${origin}/launch`,
    visits,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Registers an approved public SMART app client straight in the database. */
export async function registerPublicApp(
  db: Database,
  clientId: string,
  app: { redirectUri: string; launchUri: string },
  scopes = USER_SCOPES,
): Promise<void> {
  await db.prisma.oAuthClient.create({
    data: {
      clientId,
      allowedScopes: scopes,
      reviewStatus: 'approved',
      metadata: {
        client_name: `Test app ${clientId}`,
        application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [app.redirectUri],
        initiate_login_uri: app.launchUri,
        token_endpoint_auth_method: 'none',
      } as never,
    },
  });
}

export const HOSPITAL_A_PATIENTS: readonly { id: string; name: string }[] = [
  { id: SANDBOX_PATIENT, name: '王小明' },
  { id: 'a-nsclc-egfr-osimertinib', name: '李美玲' },
  { id: 'a-crc-kras-bevacizumab', name: '張志豪' },
];
export const HOSPITAL_B_PATIENT = 'b-gastric-her2-trastuzumab';

/**
 * The sandbox accounts (password "sandbox"), organisations and clients, and a few Patient records under
 * their hospitals, as the FHIR store keeps them (the auth server reads only owner and id).
 */
export async function seedEverything(
  db: Database,
  config: SeedConfig = readSeedConfig({}),
): Promise<{ hospitalA: string; hospitalB: string }> {
  const orgs = await seedOrganizations(db.prisma);
  await seedAccounts(
    db.prisma,
    orgs,
    {
      clinician: 'Practitioner/sandbox-clinician',
      'clinician-b': 'Practitioner/sandbox-clinician-b',
      patient: `Patient/${SANDBOX_PATIENT}`,
    },
    config,
  );
  const patients = [
    ...HOSPITAL_A_PATIENTS.map((patient) => ({ ...patient, owner: orgs.hospitalA })),
    { id: HOSPITAL_B_PATIENT, name: '陳建國', owner: orgs.hospitalB },
  ];
  for (const patient of patients) {
    await db.prisma.fhirResource.create({
      data: {
        resourceType: 'Patient',
        id: patient.id,
        versionId: 1,
        lastUpdated: new Date(),
        content: { resourceType: 'Patient', id: patient.id, name: [{ text: patient.name }] },
        ownerOrganization: patient.owner,
        patientId: patient.id,
      },
    });
  }
  return { hospitalA: orgs.hospitalA, hospitalB: orgs.hospitalB };
}
