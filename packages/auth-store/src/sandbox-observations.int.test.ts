import { type Database, type FastSql, openFastSql } from '@openpas/db';
import { testTargets } from '@openpas/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuthorizationFacts,
  digestOf,
  observationsOf,
  recordAuthorization,
  recordAuthorizationAnswer,
  recordRedemption,
  sweepObservations,
} from './sandbox-observations.ts';

const targets = await testTargets();

const facts: AuthorizationFacts = {
  codeChallengeMethod: 'S256',
  codeChallengeSent: true,
  stateLength: 43,
  stateBits: 250,
  stateDigest: digestOf('state'),
  redirectUri: 'http://127.0.0.1:9/cb',
  aud: 'http://127.0.0.1:8/fhir',
  scope: 'launch openid',
  error: null,
};

describe.each(targets)('sandbox_observation on $name', (target) => {
  let db: Database;
  let sql: FastSql;

  beforeAll(async () => {
    db = await target.open();
    sql = await openFastSql(db);
  });

  afterAll(async () => {
    await sql?.close();
    await db?.close();
    await target.dispose();
  });

  it('links a redemption to the authorization whose code it sent, keeping the code only as a digest', async () => {
    const since = new Date(Date.now() - 1000);
    const client = `sandbox-app-${target.name}`;
    await recordAuthorization(sql, { clientId: client, interactionId: 'int-1', code: null, facts });
    await recordAuthorizationAnswer(sql, { interactionId: 'int-1', code: 'the-code', error: null });
    await recordRedemption(sql, {
      clientId: client,
      code: 'the-code',
      success: true,
      facts: { grantedScope: 'launch openid', error: null },
    });
    const [authorization, redemption] = await observationsOf(sql, client, since);
    expect(authorization).toMatchObject({
      kind: 'authorization',
      success: true,
      codeDigest: digestOf('the-code'),
    });
    expect(authorization?.detail).toMatchObject({ answer: 'code', codeChallengeMethod: 'S256' });
    expect(redemption).toMatchObject({
      kind: 'code-redemption',
      authorizationId: authorization?.id,
      success: true,
    });
    const stored = await sql.query<{ detail: unknown }>(
      'SELECT detail::text AS detail FROM sandbox_observation WHERE client_id = $1',
      [client],
    );
    expect(JSON.stringify(stored)).not.toContain('the-code');
  });

  it('sweeps observations older than the kept days', async () => {
    const client = `sandbox-old-${target.name}`;
    await recordAuthorization(sql, { clientId: client, interactionId: null, code: null, facts });
    await sql.execute(`UPDATE sandbox_observation SET at = now() - interval '40 days' WHERE client_id = $1`, [
      client,
    ]);
    await sweepObservations(sql);
    expect(await observationsOf(sql, client, new Date(0))).toEqual([]);
  });
});
