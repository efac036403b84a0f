// pnpm --filter @openpas/portal dev (or `./openpas start --dev-portal`) — the portal in Next's development
// server on PORTAL_HOST:PORTAL_PORT: pages and components reload as they change (src/node needs a restart).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { readPortalEnv } from '../src/env.ts';
import { portalDir } from './build-stamp.ts';

const env = readPortalEnv();
const server = spawn(
  process.execPath,
  [
    join(portalDir, 'node_modules/next/dist/bin/next'),
    'dev',
    '--port',
    String(env.PORTAL_PORT),
    '--hostname',
    env.PORTAL_HOST,
  ],
  { cwd: portalDir, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } },
);
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.kill(signal));
server.once('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
