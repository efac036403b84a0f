import { createHash } from 'node:crypto';
import { jsonColumn, type SqlRunner } from '@openpas/db';

// sandbox_observation: what the authorization server saw a sandbox client do, for certification to read.
// Authorization requests (PKCE, state measured, redirect_uri, aud, scopes), code redemptions linked to the
// authorization whose code they sent, and backend token requests (assertion alg, kid). Codes and states
// are kept as SHA-256 digests, never in clear.

export type ObservationKind = 'authorization' | 'code-redemption' | 'client-credentials';

export interface AuthorizationFacts {
  codeChallengeMethod: string | null;
  codeChallengeSent: boolean;
  /** Whether a state was sent, its length, an entropy estimate in bits, and its digest (reuse check) */
  stateLength: number;
  stateBits: number;
  stateDigest: string | null;
  redirectUri: string | null;
  aud: string | null;
  scope: string;
  /** The error the request was answered with, when refused at once */
  error: string | null;
}

export interface RedemptionFacts {
  grantedScope: string | null;
  error: string | null;
}

export interface ClientCredentialsFacts {
  alg: string | null;
  kid: string | null;
  authMethod: string | null;
  error: string | null;
}

export interface Observation {
  id: string;
  at: Date;
  clientId: string;
  kind: ObservationKind;
  interactionId: string | null;
  codeDigest: string | null;
  authorizationId: string | null;
  success: boolean | null;
  detail: Record<string, unknown>;
}

export const digestOf = (value: string): string => createHash('sha256').update(value).digest('base64url');

/**
 * An estimate of a random string's entropy: its length times the bits per character of the smallest usual
 * alphabet that holds all its characters (digits, hex, base64url, printable ASCII) — or, when it uses few
 * of that alphabet's characters, of the characters it does use. 128 random bits come out at or above 122
 * however they are encoded; a counter, a word or a repeated character does not.
 */
export function entropyBits(state: string): number {
  // Hex with dashes (a UUID): the dashes carry nothing.
  const value = /^[0-9a-f-]+$/i.test(state) ? state.replace(/-/g, '') : state;
  if (!value) return 0;
  const alphabets: [RegExp, number][] = [
    [/^[0-9]+$/, 10],
    [/^[0-9a-f]+$/i, 16],
    [/^[A-Za-z0-9_-]+$/, 64],
    [/^[A-Za-z0-9+/=._~-]+$/, 66],
  ];
  const size = alphabets.find(([pattern]) => pattern.test(value))?.[1] ?? 95;
  const distinct = new Set(value).size;
  const perChar = distinct >= size / 2 ? Math.log2(size) : Math.log2(distinct);
  return Math.round(value.length * perChar);
}

export async function recordAuthorization(
  sql: SqlRunner,
  input: { clientId: string; interactionId: string | null; code: string | null; facts: AuthorizationFacts },
): Promise<void> {
  await sql.execute(
    `INSERT INTO sandbox_observation (client_id, kind, interaction_id, code_digest, success, detail)
     VALUES ($1, 'authorization', $2, $3, $4, $5::jsonb)`,
    [
      input.clientId,
      input.interactionId,
      input.code ? digestOf(input.code) : null,
      input.facts.error === null,
      JSON.stringify(input.facts),
    ],
  );
}

/** The authorization an interaction started was answered: with a code (its digest kept), or an error. */
export async function recordAuthorizationAnswer(
  sql: SqlRunner,
  input: { interactionId: string; code: string | null; error: string | null },
): Promise<void> {
  await sql.execute(
    `UPDATE sandbox_observation
     SET code_digest = $2, success = $3, detail = detail || $4::jsonb
     WHERE kind = 'authorization' AND interaction_id = $1`,
    [
      input.interactionId,
      input.code ? digestOf(input.code) : null,
      input.code !== null,
      JSON.stringify({ answer: input.code ? 'code' : (input.error ?? 'error') }),
    ],
  );
}

export async function recordRedemption(
  sql: SqlRunner,
  input: { clientId: string; code: string; success: boolean; facts: RedemptionFacts },
): Promise<void> {
  const digest = digestOf(input.code);
  await sql.execute(
    `INSERT INTO sandbox_observation (client_id, kind, code_digest, authorization_id, success, detail)
     VALUES ($1, 'code-redemption', $2,
       (SELECT id FROM sandbox_observation WHERE kind = 'authorization' AND code_digest = $2 ORDER BY id LIMIT 1),
       $3, $4::jsonb)`,
    [input.clientId, digest, input.success, JSON.stringify(input.facts)],
  );
}

export async function recordClientCredentials(
  sql: SqlRunner,
  input: { clientId: string; success: boolean; facts: ClientCredentialsFacts },
): Promise<void> {
  await sql.execute(
    `INSERT INTO sandbox_observation (client_id, kind, success, detail)
     VALUES ($1, 'client-credentials', $2, $3::jsonb)`,
    [input.clientId, input.success, JSON.stringify(input.facts)],
  );
}

/** What the auth server saw `clientId` do since `since` (and until `until`), oldest first. */
export async function observationsOf(
  sql: SqlRunner,
  clientId: string,
  since: Date,
  until: Date = new Date(Date.now() + 60_000),
): Promise<Observation[]> {
  const rows = await sql.query<{
    id: unknown;
    at: unknown;
    client_id: string;
    kind: ObservationKind;
    interaction_id: string | null;
    code_digest: string | null;
    authorization_id: unknown;
    success: boolean | null;
    detail: unknown;
  }>(
    `SELECT id, at, client_id, kind, interaction_id, code_digest, authorization_id, success, detail
     FROM sandbox_observation WHERE client_id = $1 AND at >= $2::timestamptz AND at <= $3::timestamptz
     ORDER BY id`,
    [clientId, since.toISOString(), until.toISOString()],
  );
  return rows.map((row) => ({
    id: String(row.id),
    at: new Date(String(row.at)),
    clientId: row.client_id,
    kind: row.kind,
    interactionId: row.interaction_id,
    codeDigest: row.code_digest,
    authorizationId: row.authorization_id === null ? null : String(row.authorization_id),
    success: row.success,
    detail: jsonColumn<Record<string, unknown>>(row.detail),
  }));
}

/** How long observations are kept: certification reads those of a version's life in the sandbox. */
export const OBSERVATION_DAYS = 30;

/** Removes observations older than OBSERVATION_DAYS; any auth instance may run it. */
export async function sweepObservations(sql: SqlRunner, days = OBSERVATION_DAYS): Promise<void> {
  await sql.execute(`DELETE FROM sandbox_observation WHERE at < now() - make_interval(days => $1::int)`, [
    days,
  ]);
}
