import { appOfClient, decideClient, pendingRegistrations } from '@openpas/auth-store';
import type { FastSql, SqlRunner } from '@openpas/db';
import type { Admin } from './admin-review.ts';
import { conflict, notFound } from './registry-error.ts';
import type { RegistrationView } from './views.ts';

// RFC 7591 registrations that no developer has brought into the console: the admin sees them waiting and
// decides them directly, through the same decideClient as every app. A client that belongs to an app is
// decided through its app (admin-review.ts), never here.

export async function registrationQueue(sql: SqlRunner): Promise<RegistrationView[]> {
  return (await pendingRegistrations(sql)).map((registration) => ({
    ...registration,
    registeredAt: registration.registeredAt.toISOString(),
  }));
}

export async function decideRegistration(
  sql: FastSql,
  admin: Admin,
  input: { clientId: string; decision: 'approve' | 'reject' | 'suspend'; reason?: string | undefined },
): Promise<{ clientId: string; status: string }> {
  return sql.transaction(async (tx) => {
    const exists = await tx.query<{ client_id: string }>(
      'SELECT client_id FROM oauth_client WHERE client_id = $1',
      [input.clientId],
    );
    if (exists.length === 0) throw notFound('client');
    if ((await appOfClient(tx, input.clientId)) !== null) {
      throw conflict('this client belongs to an app: decide the app in the review queue');
    }
    const result = await decideClient(tx, {
      clientId: input.clientId,
      decision: input.decision,
      reason: input.reason ?? null,
      actorUserId: admin.userId,
    });
    return { clientId: input.clientId, status: result.status };
  });
}
