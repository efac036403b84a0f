import { type FastSql, verifyPassword } from '@openpas/db';
import {
  KNOWN_ADDRESS_MEMORY_SECONDS,
  type Lockout,
  reserveAttempt,
  settleSuccess,
} from './sign-in-throttle.ts';

// Password sign-in. Every attempt is counted by sign-in-throttle.ts BEFORE its password is checked, so
// concurrent requests can never check more passwords than the throttle allows. An unknown username
// costs the same scrypt work and is counted the same way as a wrong password, and both get one message:
// the form never tells whether an account exists.

// A hash of a random password, verified against when the username is unknown (equal timing).
const DECOY_HASH = '$scrypt$ln=15,r=8,p=1$kUQcUZuN+c5xPuSrNF2n6Q$txSGdLKiQOgHIPsDJViM1FbiRxEhX/arllWWiZcz0iw';

export type SignInResult =
  | { ok: true; userId: string }
  | {
      ok: false;
      reason: 'bad-credentials' | 'throttled';
      /** For throttled attempts: when to try again */
      retryAfterSeconds?: number;
      /** Set when this failure started a wait, for the operators' log */
      lockout?: Lockout;
    };

export interface SignInInput {
  username: string;
  password: string;
  /** The client address (see http/client-address.ts) */
  address: string;
  /** The browser's known-device id for the account, when its device cookie was issued to this user */
  deviceOf?: (userId: string) => string | undefined;
}

interface UserRow extends Record<string, unknown> {
  id: string;
  password_hash: string;
  disabled: boolean;
  known_address: boolean;
}

export async function signIn(
  sql: FastSql,
  input: SignInInput,
  now: Date = new Date(),
): Promise<SignInResult> {
  const username = input.username.trim().toLowerCase().slice(0, 200);
  const [user] = username
    ? await sql.query<UserRow>(
        `SELECT u.id, u.password_hash, u.disabled_at IS NOT NULL AS disabled,
                EXISTS (SELECT 1 FROM sign_in_known_address k
                        WHERE k.user_id = u.id AND k.address = $2 AND k.last_seen_at > $3::timestamptz) AS known_address
         FROM app_user u WHERE u.username = $1`,
        [
          username,
          input.address,
          new Date(now.getTime() - KNOWN_ADDRESS_MEMORY_SECONDS * 1000).toISOString(),
        ],
      )
    : [];
  const deviceId = user ? input.deviceOf?.(user.id) : undefined;
  const reservation = await reserveAttempt(
    sql,
    {
      username,
      source: deviceId ? { kind: 'device', id: deviceId } : { kind: 'address', id: input.address },
      known: deviceId !== undefined || user?.known_address === true,
    },
    now,
  );
  if (!reservation.ok) {
    return { ok: false, reason: 'throttled', retryAfterSeconds: reservation.retryAfterSeconds };
  }
  const valid = await verifyPassword(input.password, user?.password_hash ?? DECOY_HASH);
  if (user && valid && !user.disabled) {
    await settleSuccess(sql, reservation.keys);
    await sql.execute(
      `INSERT INTO sign_in_known_address (user_id, address, last_seen_at) VALUES ($1::uuid, $2, $3::timestamptz)
       ON CONFLICT (user_id, address) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at`,
      [user.id, input.address, now.toISOString()],
    );
    return { ok: true, userId: user.id };
  }
  return reservation.lockout
    ? { ok: false, reason: 'bad-credentials', lockout: reservation.lockout }
    : { ok: false, reason: 'bad-credentials' };
}
