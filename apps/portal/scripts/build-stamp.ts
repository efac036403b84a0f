// Whether the production build in .next is the build of the sources as they are now: a digest of the
// portal's files, the lockfile and the sources of the workspace packages it depends on.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const portalDir = resolve(import.meta.dirname, '..');
const repoRoot = resolve(portalDir, '../..');
export const stampFile = join(portalDir, '.next', 'openpas-build-stamp');

const SKIP = new Set(['node_modules', '.next', '.turbo', 'generated', 'e2e', 'test']);

function files(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.endsWith('.test.ts')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files(path, out);
    else out.push(path);
  }
  return out;
}

function workspaceDependencies(): string[] {
  const manifest = JSON.parse(readFileSync(join(portalDir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Object.entries(manifest.dependencies ?? {})
    .filter(([, version]) => version.startsWith('workspace:'))
    .map(([name]) => join(repoRoot, 'packages', name.replace('@openpas/', ''), 'src'));
}

/** The digest of everything the build reads. */
export function sourceDigest(): string {
  const hash = createHash('sha256');
  const roots = [
    join(portalDir, 'src'),
    join(portalDir, 'messages'),
    join(portalDir, 'public'),
    ...workspaceDependencies(),
  ];
  const singles = ['package.json', 'next.config.ts', 'postcss.config.mjs', 'tsconfig.json'].map((name) =>
    join(portalDir, name),
  );
  const all = [...roots.flatMap((root) => files(root)), ...singles, join(repoRoot, 'pnpm-lock.yaml')]
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

export function buildIsCurrent(): boolean {
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === sourceDigest();
}
