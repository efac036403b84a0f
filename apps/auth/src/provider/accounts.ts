import type { PrismaClient } from '@openpas/db';
import type { Account, KoaContextWithOIDC } from 'oidc-provider';

/** OpenID Connect accounts are OpenPAS users; `sub` is the user's id, `fhirUser` their FHIR record. */
export function findAccount(prisma: PrismaClient) {
  return async function find(_ctx: KoaContextWithOIDC, sub: string): Promise<Account | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(sub)) return undefined;
    const user = await prisma.user.findUnique({ where: { id: sub } });
    if (!user || user.disabledAt) return undefined;
    return {
      accountId: user.id,
      async claims() {
        return {
          sub: user.id,
          name: user.displayName,
          preferred_username: user.username,
          locale: user.locale,
          ...(user.fhirUser ? { fhirUser: user.fhirUser } : {}),
        };
      },
    };
  };
}
