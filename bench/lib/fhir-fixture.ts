// The FHIR benchmarks' world: a throwaway PostgreSQL database with the sandbox, N claims with their
// ClaimResponses and patients bulk-inserted (with the same index rows the store writes), and the auth
// server and FHIR API in their own processes.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { openDatabase } from '@openpas/db';
import { createThrowawayDatabase } from '@openpas/db/testing';
import { seedSandbox } from '@openpas/fhir-store';
import { createClientAssertion, generateKeyPair, type JWK } from '@openpas/jwt';
import type { SameWorkSource } from '../same-work/same-work.ts';
import { appsRoot } from './apps-root.ts';
import { freePort, waitForListening } from './auth-server.ts';
import { appMemory } from './memory.ts';

export interface FhirWorld {
  base: string;
  /** The auth server */
  issuer: string;
  token: string;
  /** The backend client behind `token` and its private key, for flows that ask for tokens themselves */
  client: { id: string; key: JWK };
  databaseUrl: string;
  /** How long the bulk insert of the claims took (s), ANALYZE included */
  bulkSeconds: number;
  /** A twin of the FHIR API (same settings, its database through `databaseUrl`) for the same-work baseline */
  sameWork: SameWorkSource;
  /** RSS of the auth server's and the FHIR API's processes (MiB) */
  memory(): Record<string, number>;
  /** The process ids of the auth server and the FHIR API */
  pids(): Record<string, number | undefined>;
  stop(): Promise<void>;
}

function start(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [resolve(appsRoot(), script)], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Bulk rows shaped exactly like the store's: resource, version 1, index rows. */
async function bulkClaims(url: string, owner: string, claims: number): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Both counts are numbers we chose, so they are written into the text; the owner travels as a parameter.
  const patients = Math.max(1, Math.floor(claims / 10));
  const sql = `
    INSERT INTO fhir_resource (resource_type, id, version_id, last_updated, content, owner_organization, patient_id)
    SELECT 'Patient', 'bp-' || i, 1, now(), jsonb_build_object('resourceType','Patient','id','bp-' || i,
      'meta', jsonb_build_object('versionId','1','lastUpdated', to_char(now() AT TIME ZONE 'UTC','YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
      'identifier', jsonb_build_array(jsonb_build_object('system','http://www.moi.gov.tw','value','Z1' || lpad(i::text, 8, '0'))),
      'gender','male'), $1::uuid, 'bp-' || i
    FROM generate_series(0, ${patients} - 1) AS i;
    INSERT INTO search_token (resource_type, resource_id, param, system, code)
    SELECT 'Patient', 'bp-' || i, 'identifier', 'http://www.moi.gov.tw', 'Z1' || lpad(i::text, 8, '0') FROM generate_series(0, ${patients} - 1) AS i;
    INSERT INTO fhir_resource (resource_type, id, version_id, last_updated, content, owner_organization, patient_id)
    SELECT t, p || i, 1, now() - (i || ' seconds')::interval, c, $1::uuid, 'bp-' || (i % ${patients})
    FROM generate_series(0, ${claims} - 1) AS i,
    LATERAL (VALUES
      ('Claim', 'bc-', jsonb_build_object('resourceType','Claim','id','bc-' || i,'status','active','use','preauthorization',
        'type', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('system','http://terminology.hl7.org/CodeSystem/claim-type','code','institutional'))),
        'patient', jsonb_build_object('reference','Patient/bp-' || (i % ${patients})), 'created','2026-11-01',
        'provider', jsonb_build_object('display','hospital'), 'priority', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('code','normal'))),
        'insurance', jsonb_build_array(jsonb_build_object('sequence',1,'focal',true,'coverage',jsonb_build_object('display','NHI'))))),
      ('ClaimResponse', 'br-', jsonb_build_object('resourceType','ClaimResponse','id','br-' || i,'status','active','use','preauthorization',
        'type', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('system','http://terminology.hl7.org/CodeSystem/claim-type','code','institutional'))),
        'patient', jsonb_build_object('reference','Patient/bp-' || (i % ${patients})), 'created','2026-11-02', 'insurer', jsonb_build_object('display','NHIA'),
        'outcome','queued', 'disposition','待處理', 'request', jsonb_build_object('reference','Claim/bc-' || i)))
    ) AS v(t, p, c);
    INSERT INTO search_reference (resource_type, resource_id, param, target_type, target_id)
    SELECT 'Claim', 'bc-' || i, 'patient', 'Patient', 'bp-' || (i % ${patients}) FROM generate_series(0, ${claims} - 1) AS i
    UNION ALL SELECT 'ClaimResponse', 'br-' || i, 'request', 'Claim', 'bc-' || i FROM generate_series(0, ${claims} - 1) AS i
    UNION ALL SELECT 'ClaimResponse', 'br-' || i, 'patient', 'Patient', 'bp-' || (i % ${patients}) FROM generate_series(0, ${claims} - 1) AS i;
    ANALYZE;`;
  // One statement at a time: the extended protocol takes no multi-statement text with parameters.
  for (const statement of sql
    .split(';')
    .map((text) => text.trim())
    .filter(Boolean)) {
    await client.query(statement, statement.includes('$1') ? [owner] : []);
  }
  await client.end();
}

export interface FhirWorldOptions {
  /** More settings of the FHIR API (e.g. FHIR_GUIDE_VALIDATION=off for the built-in rules alone). */
  env?: Record<string, string>;
  /** More settings of the auth server */
  authEnv?: Record<string, string>;
  /** Whose backend client the token is (default: hospital A's) and its scopes */
  client?: { nhiCode: string; scopes: string };
  /** Fills the database further before the servers start */
  prepare?: (databaseUrl: string) => Promise<void>;
}

export async function startFhirWorld(claims: number, options: FhirWorldOptions = {}): Promise<FhirWorld> {
  const throwaway = await createThrowawayDatabase();
  const db = await openDatabase({ url: throwaway.url });
  await seedSandbox(db);
  const org = await db.prisma.organization.findUniqueOrThrow({ where: { nhiCode: '0101090517' } });
  const clientOrg = options.client
    ? await db.prisma.organization.findUniqueOrThrow({ where: { nhiCode: options.client.nhiCode } })
    : org;
  const scopes = options.client?.scopes ?? 'system/Bundle.crs system/ClaimResponse.rs system/Claim.rs';
  const { privateJwk, publicJwk } = await generateKeyPair('ES256');
  await db.prisma.oAuthClient.create({
    data: {
      clientId: 'bench-hospital',
      organizationId: clientOrg.id,
      allowedScopes:
        options.client?.scopes ??
        'system/Bundle.crs system/ClaimResponse.rs system/Claim.rs system/Patient.rs',
      reviewStatus: 'approved',
      metadata: {
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [publicJwk] },
      } as never,
    },
  });
  await db.close();
  const bulkStarted = performance.now();
  await bulkClaims(throwaway.url, org.id, claims);
  const bulkSeconds = Math.round((performance.now() - bulkStarted) / 100) / 10;
  await options.prepare?.(throwaway.url);

  const [authPort, fhirPort] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${authPort}`;
  const base = `http://127.0.0.1:${fhirPort}/fhir`;
  const common = { DATABASE_URL: throwaway.url, AUTH_ISSUER: issuer, FHIR_BASE_URL: base };
  const auth = start('apps/auth/src/main.ts', {
    ...common,
    AUTH_PORT: String(authPort),
    ...options.authEnv,
  });
  const fhirEnv = { ...common, FHIR_PORT: String(fhirPort), ...options.env };
  const fhir = start('apps/fhir/src/main.ts', fhirEnv);
  await Promise.all([waitForListening(auth), waitForListening(fhir)]);

  const assertion = await createClientAssertion({
    clientId: 'bench-hospital',
    audience: `${issuer}/token`,
    key: privateJwk,
  });
  const reply = await fetch(`${issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope: scopes,
    }),
  });
  const { access_token: token } = (await reply.json()) as { access_token: string };
  const stopChild = (child: ChildProcess) =>
    new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return {
    base,
    issuer,
    token,
    client: { id: 'bench-hospital', key: privateJwk },
    databaseUrl: throwaway.url,
    bulkSeconds,
    sameWork: {
      databaseUrl: throwaway.url,
      async twin(databaseUrl) {
        const port = await freePort();
        const child = start('apps/fhir/src/main.ts', {
          ...fhirEnv,
          FHIR_PORT: String(port),
          DATABASE_URL: databaseUrl,
        });
        await waitForListening(child);
        return { origin: `http://127.0.0.1:${port}`, stop: () => stopChild(child) };
      },
    },
    memory: () => appMemory({ auth, fhir }),
    pids: () => ({ auth: auth.pid, fhir: fhir.pid }),
    async stop() {
      await Promise.all([stopChild(auth), stopChild(fhir)]);
      await throwaway.drop();
    },
  };
}
