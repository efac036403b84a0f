// pnpm --filter @openpas/portal build — the production build, skipped when the sources have not changed
// since the last one (--force builds anyway). Prints how long it took.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWhenChanged } from '@openpas/build-stamp';
import { portalDir, portalSources } from './build-stamp.ts';

export function buildPortal(options: { force?: boolean } = {}): Promise<{ built: boolean; seconds: number }> {
  return buildWhenChanged(
    portalSources,
    () => {
      const result = spawnSync(
        process.execPath,
        [join(portalDir, 'node_modules/next/dist/bin/next'), 'build'],
        {
          cwd: portalDir,
          stdio: 'inherit',
          env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
        },
      );
      if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
    },
    options.force,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { built, seconds } = await buildPortal({ force: process.argv.includes('--force') });
  process.stderr.write(
    built ? `portal: built in ${seconds.toFixed(1)} s\n` : 'portal: the build is current, nothing to do\n',
  );
}
