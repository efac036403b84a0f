import type { OidcPayloadStore } from '@openpas/auth-store';
import type Provider from 'oidc-provider';

// AUTH_REGISTRATION_TOKENS lists any number of initial access tokens. oidc-provider takes either one
// string or adapter-backed InitialAccessToken models (features.registration.initialAccessToken: true), so
// each configured value is saved as a model whose id is the value. Saving is an upsert, so every instance
// and restart can do it; tokens taken off the list are removed.

export async function provideRegistrationTokens(
  provider: Provider,
  payloads: OidcPayloadStore,
  tokens: readonly string[],
): Promise<void> {
  const Token = provider.InitialAccessToken as unknown as new (payload: {
    jti: string;
  }) => { save(): Promise<string> };
  for (const token of tokens) await new Token({ jti: token }).save();
  await payloads.keepOnly('InitialAccessToken', tokens);
}
