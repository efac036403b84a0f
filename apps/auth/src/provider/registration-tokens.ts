import type { PrismaClient } from '@openpas/db';
import type Provider from 'oidc-provider';
import { forgetInitialAccessTokensBut } from '../storage/oidc-adapter.ts';

// AUTH_REGISTRATION_TOKENS lists any number of initial access tokens. oidc-provider takes either one
// string or adapter-backed InitialAccessToken models (features.registration.initialAccessToken: true), so
// each configured value is saved as a model whose id is the value. Saving is an upsert, so every instance
// and restart can do it; tokens taken off the list are removed.

export async function provideRegistrationTokens(
  provider: Provider,
  prisma: PrismaClient,
  tokens: readonly string[],
): Promise<void> {
  const Token = provider.InitialAccessToken as unknown as new (payload: {
    jti: string;
  }) => { save(): Promise<string> };
  for (const token of tokens) await new Token({ jti: token }).save();
  await forgetInitialAccessTokensBut(prisma, tokens);
}
