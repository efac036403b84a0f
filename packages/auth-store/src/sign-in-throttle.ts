import { createHash } from 'node:crypto';
import { type FastSql, intColumn, type SqlRunner } from '@openpas/db';

// The auth server's sign-in throttle tables (sign_in_throttle, sign_in_known_address) and their queries.
//
// Sign-in throttling after NIST SP 800-63B §5.2.2 and OWASP's authentication and credential-stuffing
// advice: failures are counted per (account, address) pair — or (account, known device) — with an
// exponential back-off, so an attacker slows only themselves; the account-wide count is high and slows
// unknown sources rather than locking the account; a known device or address is never slowed by it.
//
// An attempt is counted BEFORE its password is checked, in one transaction that holds an advisory lock on
// the account: read the counters, refuse or record, commit. However many requests arrive at once, each
// sees the counts of all before it, so no more passwords are checked than the rules allow. A success
// takes its count back.

/** Consecutive failures a pair may have before it must wait. */
export const PAIR_FREE_FAILURES = 5;
/** The first wait, doubled with every further failure… */
export const PAIR_BASE_DELAY_SECONDS = 30;
/** …up to this. */
export const PAIR_MAX_DELAY_SECONDS = 15 * 60;
/** A pair's failures are forgotten after this long without an attempt. */
export const PAIR_MEMORY_SECONDS = 24 * 3600;
/** An address counts as known for this long after the account's last successful sign-in from it. */
export const KNOWN_ADDRESS_MEMORY_SECONDS = 90 * 24 * 3600;
/** Failures an account may have in an hour before unknown sources are slowed. */
export const ACCOUNT_FAILURES_PER_HOUR = 100;
/** Beyond that, at most one attempt from an unknown source is checked this often. */
export const ACCOUNT_SLOW_INTERVAL_SECONDS = 30;
const HOUR_MS = 3600_000;

/** How long a pair waits after its `failures`-th consecutive failure. */
export function pairDelaySeconds(failures: number): number {
  if (failures < PAIR_FREE_FAILURES) return 0;
  return Math.min(PAIR_MAX_DELAY_SECONDS, PAIR_BASE_DELAY_SECONDS * 2 ** (failures - PAIR_FREE_FAILURES));
}

export interface AttemptSource {
  /** The normalised username, whether or not an account has it */
  username: string;
  /** The client address, or the known device's id when the browser has a device cookie for the account */
  source: { kind: 'address' | 'device'; id: string };
  /** A known device or an address the account signed in from before: not slowed by the account limit */
  known: boolean;
}

export interface Lockout {
  scope: 'pair' | 'account';
  failures: number;
  retryAfterSeconds: number;
}

export type Reservation =
  | {
      ok: true;
      keys: { pair: string; account: string };
      /** Set when this attempt's failure starts a wait (for the operators' log) */
      lockout?: Lockout;
    }
  | { ok: false; retryAfterSeconds: number; scope: 'pair' | 'account' };

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

/** Counter keys: digests, so the table holds no username or address in clear. */
export function throttleKeys(attempt: AttemptSource): { pair: string; account: string } {
  return {
    pair: `pair:${digest(`${attempt.username}\n${attempt.source.kind}:${attempt.source.id}`)}`,
    account: `account:${digest(attempt.username)}`,
  };
}

interface Counter {
  failures: number;
  windowStartMs: number;
  nextAttemptMs: number;
  updatedMs: number;
}

async function readCounters(tx: SqlRunner, keys: string[]): Promise<Map<string, Counter>> {
  const rows = await tx.query<Record<string, unknown>>(
    `SELECT key, failures,
            (extract(epoch FROM window_start) * 1000)::bigint AS window_start_ms,
            (extract(epoch FROM next_attempt_at) * 1000)::bigint AS next_attempt_ms,
            (extract(epoch FROM updated_at) * 1000)::bigint AS updated_ms
     FROM sign_in_throttle WHERE key = ANY($1::text[])`,
    [keys],
  );
  return new Map(
    rows.map((row) => [
      String(row.key),
      {
        failures: intColumn(row.failures),
        windowStartMs: intColumn(row.window_start_ms),
        nextAttemptMs: intColumn(row.next_attempt_ms),
        updatedMs: intColumn(row.updated_ms),
      },
    ]),
  );
}

async function writeCounters(tx: SqlRunner, counters: Map<string, Counter>): Promise<void> {
  const entries = [...counters.entries()];
  const iso = (ms: number) => new Date(ms).toISOString();
  await tx.execute(
    `INSERT INTO sign_in_throttle (key, failures, window_start, next_attempt_at, updated_at)
     SELECT key, failures::int, window_start::timestamptz, next_attempt_at::timestamptz, updated_at::timestamptz
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       AS r(key, failures, window_start, next_attempt_at, updated_at)
     ON CONFLICT (key) DO UPDATE SET failures = EXCLUDED.failures, window_start = EXCLUDED.window_start,
       next_attempt_at = EXCLUDED.next_attempt_at, updated_at = EXCLUDED.updated_at`,
    [
      entries.map(([key]) => key),
      entries.map(([, counter]) => String(counter.failures)),
      entries.map(([, counter]) => iso(counter.windowStartMs)),
      entries.map(([, counter]) => iso(counter.nextAttemptMs)),
      entries.map(([, counter]) => iso(counter.updatedMs)),
    ],
  );
}

/**
 * Counts an attempt before its password is checked, or refuses it: the pair is still waiting out its
 * back-off, or the account is over its hourly limit and the source is unknown and an attempt was checked
 * less than ACCOUNT_SLOW_INTERVAL_SECONDS ago. One transaction under the account's advisory lock.
 */
export async function reserveAttempt(sql: FastSql, attempt: AttemptSource, now: Date): Promise<Reservation> {
  const keys = throttleKeys(attempt);
  return sql.transaction(async (tx) => {
    await tx.query('SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended($1, 0))', [keys.account]);
    const counters = await readCounters(tx, [keys.pair, keys.account]);
    // `now` was taken when the request arrived, before it waited for the lock: an attempt that arrived
    // earlier may be counted after a later one, so time never goes back behind what is already recorded.
    const nowMs = Math.max(now.getTime(), ...[...counters.values()].map((counter) => counter.updatedMs));
    const pairBefore = counters.get(keys.pair);
    const pair =
      pairBefore && nowMs - pairBefore.updatedMs < PAIR_MEMORY_SECONDS * 1000
        ? pairBefore
        : { failures: 0, windowStartMs: nowMs, nextAttemptMs: nowMs, updatedMs: nowMs };
    if (pair.failures >= PAIR_FREE_FAILURES && pair.nextAttemptMs > nowMs) {
      return { ok: false, scope: 'pair', retryAfterSeconds: Math.ceil((pair.nextAttemptMs - nowMs) / 1000) };
    }
    const accountBefore = counters.get(keys.account);
    const account =
      accountBefore && nowMs - accountBefore.windowStartMs < HOUR_MS
        ? accountBefore
        : { failures: 0, windowStartMs: nowMs, nextAttemptMs: nowMs, updatedMs: nowMs };
    const slowed = account.failures >= ACCOUNT_FAILURES_PER_HOUR;
    if (slowed && !attempt.known && account.nextAttemptMs > nowMs) {
      return {
        ok: false,
        scope: 'account',
        retryAfterSeconds: Math.ceil((account.nextAttemptMs - nowMs) / 1000),
      };
    }
    const pairFailures = pair.failures + 1;
    const pairDelay = pairDelaySeconds(pairFailures);
    const accountFailures = account.failures + 1;
    const accountSlow = accountFailures >= ACCOUNT_FAILURES_PER_HOUR;
    await writeCounters(
      tx,
      new Map([
        [
          keys.pair,
          {
            failures: pairFailures,
            windowStartMs: pair.windowStartMs,
            nextAttemptMs: nowMs + pairDelay * 1000,
            updatedMs: nowMs,
          },
        ],
        [
          keys.account,
          {
            failures: accountFailures,
            windowStartMs: account.windowStartMs,
            // Only an unknown source's attempt holds the slot; a known one never delays anyone.
            nextAttemptMs:
              accountSlow && !attempt.known
                ? nowMs + ACCOUNT_SLOW_INTERVAL_SECONDS * 1000
                : account.nextAttemptMs,
            updatedMs: nowMs,
          },
        ],
      ]),
    );
    let lockout: Lockout | undefined;
    if (pairFailures === PAIR_FREE_FAILURES) {
      lockout = { scope: 'pair', failures: pairFailures, retryAfterSeconds: pairDelay };
    } else if (accountFailures === ACCOUNT_FAILURES_PER_HOUR) {
      lockout = {
        scope: 'account',
        failures: accountFailures,
        retryAfterSeconds: ACCOUNT_SLOW_INTERVAL_SECONDS,
      };
    }
    return lockout ? { ok: true, keys, lockout } : { ok: true, keys };
  });
}

/** A correct password: the pair starts afresh and the attempt's count is taken back from the account. */
export async function settleSuccess(sql: FastSql, keys: { pair: string; account: string }): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended($1, 0))', [keys.account]);
    await tx.execute('DELETE FROM sign_in_throttle WHERE key = $1', [keys.pair]);
    await tx.execute('UPDATE sign_in_throttle SET failures = GREATEST(failures - 1, 0) WHERE key = $1', [
      keys.account,
    ]);
  });
}

export interface SignInAccount extends Record<string, unknown> {
  id: string;
  password_hash: string;
  disabled: boolean;
  /** The account signed in successfully from this address within KNOWN_ADDRESS_MEMORY_SECONDS */
  known_address: boolean;
}

/** The account a sign-in names (normalised username), and whether the address is known for it. */
export async function findSignInAccount(
  sql: FastSql,
  username: string,
  address: string,
  now: Date,
): Promise<SignInAccount | undefined> {
  const [account] = await sql.query<SignInAccount>(
    `SELECT u.id, u.password_hash, u.disabled_at IS NOT NULL AS disabled,
            EXISTS (SELECT 1 FROM sign_in_known_address k
                    WHERE k.user_id = u.id AND k.address = $2 AND k.last_seen_at > $3::timestamptz) AS known_address
     FROM app_user u WHERE u.username = $1`,
    [username, address, new Date(now.getTime() - KNOWN_ADDRESS_MEMORY_SECONDS * 1000).toISOString()],
  );
  return account;
}

/** After a successful sign-in: the address is known for the account (for KNOWN_ADDRESS_MEMORY_SECONDS). */
export async function rememberKnownAddress(
  sql: FastSql,
  userId: string,
  address: string,
  now: Date,
): Promise<void> {
  await sql.execute(
    `INSERT INTO sign_in_known_address (user_id, address, last_seen_at) VALUES ($1::uuid, $2, $3::timestamptz)
     ON CONFLICT (user_id, address) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at`,
    [userId, address, now.toISOString()],
  );
}
