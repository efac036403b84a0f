// The portal's build inputs, for @openpas/build-stamp: is the build in .next the build of these sources?
import { join, resolve } from 'node:path';
import type { BuildSources } from '@openpas/build-stamp';

export const portalDir = resolve(import.meta.dirname, '..');

export const portalSources: BuildSources = {
  appDir: portalDir,
  folders: ['src', 'messages', 'public'],
  files: ['next.config.ts', 'postcss.config.mjs', 'tsconfig.json'],
  stampFile: join(portalDir, '.next', 'openpas-build-stamp'),
};
