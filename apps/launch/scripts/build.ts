// pnpm --filter @openpas/launch build — the pages' production build (vite), skipped when the sources have
// not changed since the last one (--force builds anyway). Prints how long it took.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildSources, buildWhenChanged } from '@openpas/build-stamp';

export const launchDir = resolve(import.meta.dirname, '..');
export const distDir = join(launchDir, 'dist');

const sources: BuildSources = {
  appDir: launchDir,
  folders: ['src/web', 'messages', 'public'],
  files: ['index.html', 'vite.config.ts', 'tsconfig.json', 'scripts/build.ts'],
  stampFile: join(distDir, 'openpas-build-stamp'),
};

export function buildLaunchApp(
  options: { force?: boolean } = {},
): Promise<{ built: boolean; seconds: number }> {
  return buildWhenChanged(
    sources,
    async () => {
      const { build } = await import('vite');
      // Always the production build of React, whoever builds it (a test runner sets NODE_ENV=test).
      const nodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      try {
        await build({
          root: launchDir,
          configFile: join(launchDir, 'vite.config.ts'),
          mode: 'production',
          logLevel: 'warn',
        });
      } finally {
        if (nodeEnv === undefined) delete process.env.NODE_ENV;
        else process.env.NODE_ENV = nodeEnv;
      }
    },
    options.force,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { built, seconds } = await buildLaunchApp({ force: process.argv.includes('--force') });
  process.stderr.write(
    built
      ? `launch app: built in ${seconds.toFixed(1)} s\n`
      : 'launch app: the build is current, nothing to do\n',
  );
}
