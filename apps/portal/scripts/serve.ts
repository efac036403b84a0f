// pnpm --filter @openpas/portal start — builds the portal when its sources changed, then serves the
// production build on PORTAL_HOST:PORTAL_PORT until SIGTERM.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sandboxEnabled } from '@openpas/db/env';
import { portalClientSecret, readPortalEnv } from '../src/env.ts';
import { buildPortal } from './build.ts';
import { portalDir } from './build-stamp.ts';

const env = readPortalEnv();
const { built, seconds } = await buildPortal();
if (built) process.stderr.write(`portal: built in ${seconds.toFixed(1)} s\n`);

const server = spawn(
  process.execPath,
  [
    join(portalDir, 'node_modules/next/dist/bin/next'),
    'start',
    '--port',
    String(env.PORTAL_PORT),
    '--hostname',
    env.PORTAL_HOST,
  ],
  {
    cwd: portalDir,
    stdio: 'inherit',
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      // A production build always runs with NODE_ENV=production, so what the person's NODE_ENV decides is
      // settled here and handed over: whether the sandbox is on, and the client secret (the sandbox's
      // outside production; required in production).
      NODE_ENV: 'production',
      OPENPAS_SANDBOX: sandboxEnabled(env) ? '1' : '0',
      PORTAL_CLIENT_SECRET: portalClientSecret(env),
    },
  },
);
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.kill(signal));
server.once('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
