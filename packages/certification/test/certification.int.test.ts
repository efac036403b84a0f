import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  type AppInputRaw,
  certificationRun,
  createApp,
  type Developer,
  requestCertification,
} from '@openpas/app-registry';
import { createClientAssertion, generateKeyPair, type JWK } from '@openpas/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQueuedCertification } from '../src/background.ts';
import { TLS_DIR_VARIABLE } from './loopback-tls.ts';
import { type SampleApp, type SampleVariant, startSampleApp } from './sample-app.ts';
import { type SandboxPlatform, startSandboxPlatform } from './sandbox-platform.ts';

// Certification against the real auth server, FHIR API and database, driving sample apps in headless
// Chromium: the well-behaved app passes every check and each broken variant fails exactly its own.

const SCOPE = 'launch openid fhirUser patient/Patient.rs';
const silent = { info: () => undefined, warn: () => undefined };

let platform: SandboxPlatform;
let sample: SampleApp;
let developer: Developer;

beforeAll(async () => {
  platform = await startSandboxPlatform();
  sample = await startSampleApp();
  const [row] = await platform.sql.query<{ id: string }>(
    `SELECT id::text AS id FROM app_user WHERE username = 'developer'`,
  );
  developer = { userId: row?.id as string, organizationId: null };
}, 120_000);

afterAll(async () => {
  await sample?.close();
  await platform?.stop();
});

const options = () => ({ production: false, authIssuer: platform.issuer });
const settings = () => ({ issuer: platform.issuer, fhirBaseUrl: platform.fhirBase, production: false });

async function certified(input: AppInputRaw, beforeRun?: (clientId: string) => Promise<void>) {
  const { app } = await createApp(platform.sql, developer, input, options());
  const clientId = app.clients.find((client) => client.environment === 'sandbox')?.clientId as string;
  await beforeRun?.(clientId);
  const run = await requestCertification(platform.sql, developer, app.id);
  await runQueuedCertification(platform.sql, run.id, settings(), silent);
  return certificationRun(platform.sql, run.id);
}

async function certifiedSample(variant: SampleVariant) {
  return certified(
    {
      name: `Sample ${variant}`,
      summaryEn: 'A sample SMART app',
      descriptionEn: 'Reads the patient in context.',
      launchTypes: ['clinician-ehr'],
      clientKind: 'public',
      redirectUris: [`${sample.origin}/callback`],
      launchUrl: `${sample.origin}/launch`,
      scopes: SCOPE,
      privacyPolicyUrl: `${sample.origin}/privacy`,
      termsUrl: `${sample.origin}/terms`,
      userTypes: ['clinician'],
    },
    async (clientId) => sample.configure({ clientId, scope: SCOPE, variant }),
  );
}

const failedIds = (run: { checks: { id: string; passed: boolean }[] }) =>
  run.checks.filter((check) => !check.passed).map((check) => check.id);

describe('certification of a user-facing app', () => {
  it('passes every check of a well-behaved app, with evidence', async () => {
    const run = await certifiedSample('well-behaved');
    expect(run.checks.map((check) => check.id)).toEqual([
      'policy-urls-answer',
      'redirect-uris-https',
      'pkce-s256',
      'state-unpredictable',
      'redirect-uri-exact',
      'aud-fhir-base',
      'scopes-registered',
      'fhir-calls-in-scope',
      'wrong-state-refused',
      'denied-consent-no-fhir',
    ]);
    expect(failedIds(run)).toEqual([]);
    expect(run.status).toBe('passed');
    const evidence = Object.fromEntries(run.checks.map((check) => [check.id, check.evidence]));
    expect(evidence['pkce-s256']).toEqual({ code: 'pkceS256', values: { requests: 3 } });
    expect(evidence['fhir-calls-in-scope']?.code).toBe('fhirCallsWithin');
    expect(evidence['fhir-calls-in-scope']?.values.calls).toBe('read Patient');
    expect(evidence['wrong-state-refused']).toEqual({ code: 'wrongStateNotRedeemed', values: {} });
    expect(evidence['aud-fhir-base']?.values.aud).toBe(platform.fhirBase);
  }, 180_000);

  it('fails only the wrong-state check of an app that ignores state', async () => {
    const run = await certifiedSample('ignores-state');
    expect(failedIds(run)).toEqual(['wrong-state-refused']);
    expect(run.status).toBe('failed');
    expect(run.checks.find((check) => check.id === 'wrong-state-refused')?.evidence.code).toBe(
      'wrongStateRedeemed',
    );
  }, 180_000);

  it('fails only the PKCE check of an app that sends a plain challenge', async () => {
    const run = await certifiedSample('plain-pkce');
    expect(failedIds(run)).toEqual(['pkce-s256']);
    expect(run.checks.find((check) => check.id === 'pkce-s256')?.evidence).toEqual({
      code: 'pkceNotS256',
      values: { method: 'plain', challenge: 'sent' },
    });
  }, 180_000);

  it('fails only the scope check of an app that asks beyond its registration', async () => {
    const run = await certifiedSample('overreach');
    expect(failedIds(run)).toEqual(['scopes-registered']);
    expect(run.checks.find((check) => check.id === 'scopes-registered')?.evidence.values.scopes).toBe(
      'patient/Claim.rs',
    );
  }, 180_000);
});

describe('certification of a backend services app', () => {
  let jwksServer: Server;
  let served: { keys: JWK[] } = { keys: [] };
  let origin: string;

  beforeAll(async () => {
    const tls = process.env[TLS_DIR_VARIABLE] as string;
    const certificate = {
      key: readFileSync(join(tls, 'key.pem')),
      cert: readFileSync(join(tls, 'cert.pem')),
    };
    jwksServer = createServer(certificate, (request, response) => {
      if (request.url === '/jwks.json') {
        response.writeHead(200, { 'content-type': 'application/json' });
        return response.end(JSON.stringify(served));
      }
      response.writeHead(200, { 'content-type': 'text/html' }).end('<p>policy</p>');
    });
    await new Promise<void>((done) => jwksServer.listen(0, '127.0.0.1', done));
    origin = `https://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((done) => {
      jwksServer.close(() => done());
      jwksServer.closeAllConnections();
    });
  });

  async function certifiedBackend(name: string, afterToken: (publicJwk: JWK) => void) {
    const pair = await generateKeyPair('ES384');
    served = { keys: [pair.publicJwk] };
    return certified(
      {
        name,
        summaryEn: 'A backend service',
        descriptionEn: 'Submits cases.',
        launchTypes: ['backend-service'],
        clientKind: 'confidential-jwks',
        jwksUrl: `${origin}/jwks.json`,
        scopes: 'system/Patient.rs',
        privacyPolicyUrl: `${origin}/privacy`,
        termsUrl: `${origin}/terms`,
        userTypes: ['hospital-staff'],
      },
      async (clientId) => {
        const assertion = await createClientAssertion({
          clientId,
          audience: `${platform.issuer}/token`,
          key: pair.privateJwk,
        });
        const response = await fetch(`${platform.issuer}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            scope: 'system/Patient.rs',
            client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
            client_assertion: assertion,
          }),
        });
        expect(response.status).toBe(200);
        afterToken(pair.publicJwk);
      },
    );
  }

  it('passes a backend app whose JWKS answers and whose own assertion got a token', async () => {
    const run = await certifiedBackend('Backend fine', () => undefined);
    expect(run.checks.map((check) => check.id)).toEqual([
      'policy-urls-answer',
      'redirect-uris-https',
      'jwks-reachable',
      'jwks-keys',
      'backend-token-request',
    ]);
    expect(failedIds(run)).toEqual([]);
    const token = run.checks.find((check) => check.id === 'backend-token-request');
    expect(token?.evidence.code).toBe('tokenRequestSeen');
    expect(token?.evidence.values.alg).toBe('ES384');
    expect(run.status).toBe('passed');
  }, 60_000);

  it('fails the keys check of a backend app whose JWKS serves a key without kid', async () => {
    const run = await certifiedBackend('Backend no kid', (publicJwk) => {
      const { kid: _kid, ...withoutKid } = publicJwk;
      served = { keys: [withoutKid] };
    });
    expect(failedIds(run)).toEqual(['jwks-keys']);
    expect(run.checks.find((check) => check.id === 'jwks-keys')?.evidence).toEqual({
      code: 'keyWithoutKid',
      values: { index: 1, kty: 'EC' },
    });
  }, 60_000);
});
