import { createEnv, type EnvOf, type EnvSource, logEnv, publicUrlsEnv, sandboxEnv } from '@openpas/env';
import { z } from 'zod';

/** The launch app's host settings: the logs', the public URLs, the sandbox switch and its own. */
export const launchEnv = createEnv({
  name: 'launch app',
  extends: [logEnv, publicUrlsEnv, sandboxEnv],
  schema: {
    LAUNCH_PORT: z.coerce.number().int().min(0).max(65535).default(3003),
    LAUNCH_HOST: z.string().default('127.0.0.1'),
    /** The app's public OAuth client at the auth server (CONTRACT.md: openpas-launch) */
    LAUNCH_CLIENT_ID: z.string().min(1).default('openpas-launch'),
  },
});

export type LaunchEnv = EnvOf<typeof launchEnv>;

/** The launch app's settings, validated once; nothing else in its server reads process.env. */
export function readLaunchEnv(source?: EnvSource): LaunchEnv {
  return launchEnv.read(source);
}
