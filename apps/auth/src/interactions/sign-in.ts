import {
  accountAwaitingVerification,
  findSignInAccount,
  type Lockout,
  rememberKnownAddress,
  reserveAttempt,
  settleSuccess,
} from '@openpas/auth-store';
import { type FastSql, verifyPassword } from '@openpas/db';

// Password sign-in. Every attempt is counted by @openpas/auth-store's sign-in throttle BEFORE its password is checked, so
// concurrent requests can never check more passwords than the throttle allows. An unknown username
// costs the same scrypt work and is counted the same way as a wrong password, and both get one message:
// the form never tells whether an account exists.

// A hash of a random password, verified against when the username is unknown (equal timing).
const DECOY_HASH = '$scrypt$ln=15,r=8,p=1$kUQcUZuN+c5xPuSrNF2n6Q$txSGdLKiQOgHIPsDJViM1FbiRxEhX/arllWWiZcz0iw';

export type SignInResult =
  | { ok: true; userId: string }
  | {
      ok: false;
      reason: 'bad-credentials' | 'throttled' | 'unverified';
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

export async function signIn(
  sql: FastSql,
  input: SignInInput,
  now: Date = new Date(),
): Promise<SignInResult> {
  const username = input.username.trim().toLowerCase().slice(0, 200);
  const user = username ? await findSignInAccount(sql, username, input.address, now) : undefined;
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
    // A self-signed-up developer who has not opened the verification link yet: told so, once the
    // password proved who they are.
    if (await accountAwaitingVerification(sql, user.id)) return { ok: false, reason: 'unverified' };
    await rememberKnownAddress(sql, user.id, input.address, now);
    return { ok: true, userId: user.id };
  }
  return reservation.lockout
    ? { ok: false, reason: 'bad-credentials', lockout: reservation.lockout }
    : { ok: false, reason: 'bad-credentials' };
}
