import { approveApp, createApp, submitApp, suspendApp } from '@openpas/app-registry';
import { type Database, type FastSql, openFastSql } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { createClientAssertion, generateKeyPair } from '@openpas/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Platform, startPlatform } from './harness.ts';

// An app approved in the portal reads through the FHIR API with its production client, and the admin's
// suspension stops the token it already holds at the FHIR API on the next request.

const targets = await testTargets();

describe.each(targets)('a suspended app at the FHIR API on $name', (target) => {
  let db: Database;
  let sql: FastSql;
  let platform: Platform;

  beforeAll(async () => {
    db = await target.open();
    platform = await startPlatform(db);
    sql = await openFastSql(db);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await sql?.close();
    await db?.close();
    await target.dispose();
  });

  it('refuses the live token of an app the admin suspends, at once', async () => {
    const [row] = await sql.query<{ developer: string; admin: string; hospital: string }>(
      `SELECT (SELECT id::text FROM app_user WHERE username = 'developer') AS developer,
              (SELECT id::text FROM app_user WHERE username = 'admin') AS admin,
              (SELECT id::text FROM organization WHERE nhi_code = '0101090517') AS hospital`,
    );
    if (!row) throw new Error('not seeded');
    const developer = { userId: row.developer, organizationId: row.hospital };
    const options = { production: false, authIssuer: platform.issuer };
    const { privateJwk, publicJwk } = await generateKeyPair('ES256');
    const { app } = await createApp(
      sql,
      developer,
      {
        name: 'HIS Reader',
        summaryEn: 'Reads decisions.',
        descriptionEn: 'Reads ClaimResponses.',
        launchTypes: ['backend-service'],
        clientKind: 'confidential-jwks',
        jwks: JSON.stringify({ keys: [publicJwk] }),
        scopes: 'system/ClaimResponse.rs',
        userTypes: ['hospital-staff'],
      },
      options,
    );
    await submitApp(sql, developer, app.id, options);
    await approveApp(sql, { userId: row.admin }, app.id, null, {
      certificationOverride: 'not certified in this test',
    });
    const clientId = app.clients.find((c) => c.environment === 'production')?.clientId ?? '';
    const assertion = await createClientAssertion({
      clientId,
      audience: `${platform.issuer}/token`,
      key: privateJwk,
    });
    const response = await fetch(`${platform.issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
        scope: 'system/ClaimResponse.rs',
      }),
    });
    const token = String(((await response.json()) as { access_token?: string }).access_token);
    expect((await call(`${platform.base}/ClaimResponse`, token)).status).toBe(200);

    await suspendApp(sql, { userId: row.admin }, app.id, 'incident 12');
    const refused = await call(`${platform.base}/ClaimResponse`, token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('invalid_token');
  });
});
