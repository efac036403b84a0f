import type { AccountStore } from '@openpas/auth-store';
import type { Account, KoaContextWithOIDC } from 'oidc-provider';

/** OpenID Connect accounts are OpenPAS users; `sub` is the user's id, `fhirUser` their FHIR record. */
export function findAccount(accounts: AccountStore) {
  return async function find(_ctx: KoaContextWithOIDC, sub: string): Promise<Account | undefined> {
    const user = await accounts.findEnabled(sub);
    if (!user) return undefined;
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
