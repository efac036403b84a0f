import type { PrismaClient } from '@openpas/db';
import { verifyPassword } from '@openpas/db';

// Password sign-in with throttling kept in sign_in_failure, so every instance sees the same counts.
// An unknown username costs the same scrypt work and is counted the same way as a wrong password, and
// both get one message: the form never tells whether an account exists.

export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

// A hash of a random password, verified against when the username is unknown (equal timing).
const DECOY_HASH = '$scrypt$ln=15,r=8,p=1$kUQcUZuN+c5xPuSrNF2n6Q$txSGdLKiQOgHIPsDJViM1FbiRxEhX/arllWWiZcz0iw';

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: 'bad-credentials' | 'throttled' };

export async function signIn(
  prisma: PrismaClient,
  input: { username: string; password: string; address: string },
  now: Date = new Date(),
): Promise<SignInResult> {
  const username = input.username.trim().toLowerCase().slice(0, 200);
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const [forAccount, forAddress] = await Promise.all([
    prisma.signInFailure.count({ where: { username, at: { gt: since } } }),
    prisma.signInFailure.count({ where: { address: input.address, at: { gt: since } } }),
  ]);
  if (forAccount >= MAX_FAILURES_PER_ACCOUNT || forAddress >= MAX_FAILURES_PER_ADDRESS) {
    return { ok: false, reason: 'throttled' };
  }
  const user = username ? await prisma.user.findUnique({ where: { username } }) : null;
  const valid = await verifyPassword(input.password, user?.passwordHash ?? DECOY_HASH);
  if (user && valid && !user.disabledAt) {
    await prisma.signInFailure.deleteMany({ where: { username } });
    return { ok: true, userId: user.id };
  }
  await prisma.signInFailure.create({
    data: { username, address: input.address, userId: user?.id ?? null, at: now },
  });
  return { ok: false, reason: 'bad-credentials' };
}
