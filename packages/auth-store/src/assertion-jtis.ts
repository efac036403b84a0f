import { type FastSql, groupCalls } from '@openpas/db';

// client_assertion_jti: every client-assertion jti seen, until the assertion expires.

export interface JtiUse {
  clientId: string;
  jti: string;
  expiresAt: Date;
}

/**
 * Records first uses of assertion jtis, grouped across concurrent requests: one INSERT … ON CONFLICT DO
 * NOTHING for a batch; a use is first when its row was inserted now, and of two uses of the same jti in
 * one batch only the earlier one. Of any number of concurrent uses, exactly one is first.
 */
export function createJtiRecorder(sql: FastSql): (use: JtiUse) => Promise<boolean> {
  return groupCalls(async (uses: readonly JtiUse[]) => {
    const key = (use: { clientId: string; jti: string }) => `${use.clientId}\u0000${use.jti}`;
    const unique = [...new Map(uses.map((use) => [key(use), use])).values()];
    const inserted = await sql.query<{ client_id: string; jti: string }>(
      `INSERT INTO client_assertion_jti (client_id, jti, expires_at)
       SELECT client_id, jti, expires_at::timestamptz FROM unnest($1::text[], $2::text[], $3::text[]) AS r(client_id, jti, expires_at)
       ON CONFLICT (client_id, jti) DO NOTHING
       RETURNING client_id, jti`,
      [
        unique.map((use) => use.clientId),
        unique.map((use) => use.jti),
        unique.map((use) => use.expiresAt.toISOString()),
      ],
    );
    const fresh = new Set(inserted.map((row) => key({ clientId: row.client_id, jti: row.jti })));
    return uses.map((use) => fresh.delete(key(use)));
  });
}
