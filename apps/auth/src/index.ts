export { type AuthEnv, readAuthEnv } from './env.ts';
export { createLogger } from './logger.ts';
export { type AuthServer, createAuthServer } from './server.ts';
export { SANDBOX_REGISTRATION_TOKEN } from './startup-checks.ts';
