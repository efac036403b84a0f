export { type FhirEnv, readFhirEnv } from './env.ts';
export { createLogger } from './logger.ts';
export { createFhirServer, type FhirServer } from './server.ts';
