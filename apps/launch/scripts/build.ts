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
  files: ['index.html', 'vite.config.ts', 'tsconfig.json'],
  stampFile: join(distDir, 'openpas-build-stamp'),
};

export function buildLaunchApp(
  options: { force?: boolean } = {},
): Promise<{ built: boolean; seconds: number }> {
  return buildWhenChanged(
    sources,
    async () => {
      const { build } = await import('vite');
      await build({ root: launchDir, configFile: join(launchDir, 'vite.config.ts'), logLevel: 'warn' });
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
