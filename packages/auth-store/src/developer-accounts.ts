import { createHash, randomBytes } from 'node:crypto';
import { hashPassword, type SqlRunner } from '@openpas/db';

// Developers sign up themselves: an account (username = email, role developer) with an organisation of
// kind vendor, and an email verification link valid for a day. Until the link is opened the account
// cannot sign in (accountAwaitingVerification). Only the SHA-256 of the link's token is stored.

export const VERIFICATION_TTL_SECONDS = 24 * 3600;

export interface DeveloperSignUp {
  email: string;
  password: string;
  displayName: string;
  organizationName: string;
}

export class EmailTakenError extends Error {
  readonly code = 'email-taken';
  constructor() {
    super('an account with this email address exists');
    this.name = 'EmailTakenError';
  }
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Creates the developer's account and organisation; the verification token goes in the link, once. */
export async function registerDeveloper(
  sql: SqlRunner & { transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> },
  input: DeveloperSignUp,
): Promise<{ userId: string; verificationToken: string }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const verificationToken = randomBytes(32).toString('base64url');
  return sql.transaction(async (tx) => {
    const [org] = await tx.query<{ id: string }>(
      `INSERT INTO organization (id, kind, nhi_code, name, updated_at)
       VALUES (gen_random_uuid(), 'vendor', 'vendor:' || gen_random_uuid()::text, $1, now()) RETURNING id::text AS id`,
      [input.organizationName.trim()],
    );
    const users = await tx.query<{ id: string }>(
      `INSERT INTO app_user (id, username, display_name, email, password_hash, roles, organization_id, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $1, $3, ARRAY['developer']::role[], $4::uuid, now())
       ON CONFLICT DO NOTHING RETURNING id::text AS id`,
      [email, input.displayName.trim(), passwordHash, org?.id],
    );
    const userId = users[0]?.id;
    if (!userId) throw new EmailTakenError();
    await tx.execute(
      `INSERT INTO email_verification (token_hash, user_id, expires_at)
       VALUES ($1, $2::uuid, now() + make_interval(secs => $3::int))`,
      [tokenHash(verificationToken), userId, VERIFICATION_TTL_SECONDS],
    );
    return { userId, verificationToken };
  });
}

/** Opens a verification link: the account may sign in from then on. */
export async function verifyEmail(
  sql: SqlRunner,
  token: string,
): Promise<'verified' | 'expired' | 'unknown'> {
  const rows = await sql.query<{ user_id: string; live: boolean }>(
    `SELECT user_id::text AS user_id, expires_at > now() AS live FROM email_verification WHERE token_hash = $1`,
    [tokenHash(token)],
  );
  const row = rows[0];
  if (!row) return 'unknown';
  // An expired link stays on record: the account keeps waiting for verification (never let in by it).
  if (!row.live) return 'expired';
  await sql.execute(`UPDATE app_user SET email_verified_at = now(), updated_at = now() WHERE id = $1::uuid`, [
    row.user_id,
  ]);
  await sql.execute('DELETE FROM email_verification WHERE user_id = $1::uuid', [row.user_id]);
  return 'verified';
}

/** Whether the account signed up and has not opened its verification link yet (sign-in is refused). */
export async function accountAwaitingVerification(sql: SqlRunner, userId: string): Promise<boolean> {
  const rows = await sql.query<{ waiting: boolean }>(
    `SELECT email_verified_at IS NULL AND EXISTS (SELECT 1 FROM email_verification v WHERE v.user_id = u.id) AS waiting
     FROM app_user u WHERE u.id = $1::uuid`,
    [userId],
  );
  return rows[0]?.waiting === true;
}

/**
 * The developer's organisation profile: renames their vendor organisation, or creates one and links the
 * account when they have none.
 */
export async function setDeveloperOrganization(
  sql: SqlRunner & { transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> },
  userId: string,
  name: string,
): Promise<{ organizationId: string; organizationName: string }> {
  return sql.transaction(async (tx) => {
    const [current] = await tx.query<{ id: string | null; kind: string | null }>(
      `SELECT o.id::text AS id, o.kind::text AS kind FROM app_user u
       LEFT JOIN organization o ON o.id = u.organization_id WHERE u.id = $1::uuid FOR UPDATE OF u`,
      [userId],
    );
    if (current?.id && current.kind === 'vendor') {
      await tx.execute('UPDATE organization SET name = $2, updated_at = now() WHERE id = $1::uuid', [
        current.id,
        name.trim(),
      ]);
      return { organizationId: current.id, organizationName: name.trim() };
    }
    const [org] = await tx.query<{ id: string }>(
      `INSERT INTO organization (id, kind, nhi_code, name, updated_at)
       VALUES (gen_random_uuid(), 'vendor', 'vendor:' || gen_random_uuid()::text, $1, now()) RETURNING id::text AS id`,
      [name.trim()],
    );
    const organizationId = org?.id as string;
    await tx.execute(
      'UPDATE app_user SET organization_id = $2::uuid, updated_at = now() WHERE id = $1::uuid',
      [userId, organizationId],
    );
    return { organizationId, organizationName: name.trim() };
  });
}
