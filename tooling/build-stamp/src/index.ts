// Whether a web app's production build is the build of its sources as they are now: a digest of the app's
// source folders and config files, the lockfile and the sources of the workspace packages it depends on,
// kept in a stamp file beside the build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../../..');
const SKIP = new Set(['node_modules', '.next', 'dist', '.turbo', 'generated', 'e2e', 'test']);

export interface BuildSources {
  /** The app's folder */
  appDir: string;
  /** Its source folders, below appDir (src, messages, public …) */
  folders: string[];
  /** Its config files, below appDir */
  files: string[];
  /** Where the stamp is kept (inside the build output, so deleting the build deletes it) */
  stampFile: string;
}

function filesIn(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.endsWith('.test.ts')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) filesIn(path, out);
    else out.push(path);
  }
  return out;
}

function workspaceDependencies(appDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Object.entries(manifest.dependencies ?? {})
    .filter(([, version]) => version.startsWith('workspace:'))
    .map(([name]) => join(repoRoot, 'packages', name.replace('@openpas/', ''), 'src'));
}

/** The digest of everything the build reads. */
export function sourceDigest(sources: BuildSources): string {
  const hash = createHash('sha256');
  const roots = [
    ...sources.folders.map((folder) => join(sources.appDir, folder)),
    ...workspaceDependencies(sources.appDir),
  ];
  const singles = ['package.json', ...sources.files].map((name) => join(sources.appDir, name));
  const all = [...roots.flatMap((root) => filesIn(root)), ...singles, join(repoRoot, 'pnpm-lock.yaml')]
    .filter((path) => existsSync(path) && statSync(path).isFile())
    .sort();
  for (const path of all) {
    hash.update(relative(repoRoot, path));
    hash.update('\0');
    hash.update(readFileSync(path));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function buildIsCurrent(sources: BuildSources): boolean {
  return (
    existsSync(sources.stampFile) && readFileSync(sources.stampFile, 'utf8').trim() === sourceDigest(sources)
  );
}

/**
 * Runs `build` unless the last build is of the sources as they are (or `force`), then stamps it.
 * Returns whether it built and how long it took.
 */
export async function buildWhenChanged(
  sources: BuildSources,
  build: () => void | Promise<void>,
  force = false,
): Promise<{ built: boolean; seconds: number }> {
  if (!force && buildIsCurrent(sources)) return { built: false, seconds: 0 };
  const digest = sourceDigest(sources);
  const started = performance.now();
  await build();
  writeFileSync(sources.stampFile, `${digest}\n`);
  return { built: true, seconds: (performance.now() - started) / 1000 };
}
