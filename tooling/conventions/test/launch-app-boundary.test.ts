// The hospital launch app is a SMART app like any third party's: it reaches the platform only over the
// public HTTP APIs. Its sources import no app and no database package; its browser code imports only
// packages that run in a browser.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const launch = join(root, 'apps/launch');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.(test|int\.test)\.ts$/.test(name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1] ?? '');
}

/** Workspace packages the browser code may load: they import nothing of Node's. */
const BROWSER_SAFE = ['@openpas/fhir-model/browser', '@openpas/pa-request', '@openpas/ui/'];

describe('the launch app', () => {
  it('imports no app and no database package outside its end-to-end tests', () => {
    const offending = ['src', 'scripts']
      .flatMap((folder) => sources(join(launch, folder)))
      .flatMap((file) =>
        imports(file)
          .filter(
            (spec) =>
              spec.startsWith('@openpas/db') ||
              /(^|\/)apps\//.test(spec) ||
              spec.startsWith('@openpas/auth') ||
              (spec.startsWith('@openpas/fhir') && !spec.startsWith('@openpas/fhir-model')),
          )
          .map((spec) => `${relative(root, file)} imports ${spec}`),
      );
    expect(offending).toEqual([]);
  });

  it('loads only browser-safe workspace packages in the browser', () => {
    const offending = sources(join(launch, 'src/web')).flatMap((file) =>
      imports(file)
        .filter((spec) => spec.startsWith('@openpas/') && !BROWSER_SAFE.some((safe) => spec.startsWith(safe)))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('keeps its shared browser packages free of Node built-ins', () => {
    const packages = ['packages/pa-request/src', 'packages/ui/src', 'packages/workflow/src'];
    const offending = packages
      .flatMap((folder) => sources(join(root, folder)))
      .flatMap((file) =>
        imports(file)
          .filter((spec) => spec.startsWith('node:') || spec === '@openpas/fhir-model')
          .map((spec) => `${relative(root, file)} imports ${spec}`),
      );
    expect(offending).toEqual([]);
  });
});
