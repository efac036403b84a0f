import type { AuthEnv } from './env.ts';

export const SANDBOX_REGISTRATION_TOKEN = 'sandbox-registration-token';
export const SANDBOX_COOKIE_KEY = 'openpas-sandbox-cookie-key-not-for-production-use';

export interface StartupFacts {
  /** kids of the committed sandbox keys that some client in the database is registered with */
  sandboxKeysInUse: string[];
}

function localHost(issuer: string): boolean {
  const host = new URL(issuer).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/** Reasons the server must not start in production; empty when it may. */
export function productionProblems(env: AuthEnv, facts: StartupFacts): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (!env.AUTH_ISSUER.startsWith('https:') && !localHost(env.AUTH_ISSUER)) {
    problems.push(`AUTH_ISSUER must be https in production (got ${env.AUTH_ISSUER})`);
  }
  if (!env.AUTH_COOKIE_SECRET)
    problems.push('AUTH_COOKIE_SECRET must be set in production (32 characters or more)');
  if (env.AUTH_COOKIE_SECRET === SANDBOX_COOKIE_KEY) problems.push('AUTH_COOKIE_SECRET is the sandbox value');
  if (!env.AUTH_REGISTRATION_TOKENS) problems.push('AUTH_REGISTRATION_TOKENS must be set in production');
  if (!env.PORTAL_CLIENT_SECRET) {
    problems.push('PORTAL_CLIENT_SECRET must be set in production (the portal signs in with it)');
  }
  if (env.AUTH_REGISTRATION_TOKENS?.split(',').some((token) => token.trim() === SANDBOX_REGISTRATION_TOKEN)) {
    problems.push('AUTH_REGISTRATION_TOKENS contains the sandbox token');
  }
  if (env.OPENPAS_SANDBOX === '1') problems.push('OPENPAS_SANDBOX=1 is not allowed in production');
  if (facts.sandboxKeysInUse.length > 0) {
    problems.push(
      `clients are registered with the public sandbox keys (${facts.sandboxKeysInUse.join(', ')}); remove them`,
    );
  }
  return problems;
}

/** Cookie keys and every registration token, with sandbox defaults outside production. */
export function secretsFrom(env: AuthEnv): { cookieKeys: string[]; registrationTokens: string[] } {
  const production = env.NODE_ENV === 'production';
  const listed = (env.AUTH_REGISTRATION_TOKENS ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter(Boolean);
  return {
    cookieKeys: [env.AUTH_COOKIE_SECRET ?? SANDBOX_COOKIE_KEY],
    registrationTokens: listed.length > 0 || production ? listed : [SANDBOX_REGISTRATION_TOKEN],
  };
}
