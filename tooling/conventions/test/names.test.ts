// The repository's names say what things are: a workspace package is named after its folder, and the
// README's layout names only folders that exist.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

function workspaces(): { folder: string; name: string }[] {
  return ['apps', 'packages', 'tooling'].flatMap((group) =>
    readdirSync(join(root, group))
      .filter((name) => existsSync(join(root, group, name, 'package.json')))
      .map((name) => ({
        folder: `${group}/${name}`,
        name: (JSON.parse(readFileSync(join(root, group, name, 'package.json'), 'utf8')) as { name: string })
          .name,
      })),
  );
}

describe('names', () => {
  it('gives every workspace package the name of its folder: apps/x, packages/x and tooling/x are @openpas/x', () => {
    const wrong = workspaces()
      .filter(({ folder, name }) => name !== `@openpas/${folder.split('/')[1]}`)
      .map(({ folder, name }) => `${folder} is named ${name}`);
    expect(wrong).toEqual([]);
  });

  it('names only folders that exist in the README’s layout', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const layout = /## Layout\n\n```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(layout).not.toBe('');
    let group = '';
    const missing: string[] = [];
    for (const line of layout.split('\n')) {
      const folder = /^( {0,2})([\w.-]+)\/(\s|$)/.exec(line);
      if (!folder) continue;
      const path = folder[1] ? `${group}/${folder[2]}` : (folder[2] ?? '');
      if (!folder[1]) group = folder[2] ?? '';
      if (!existsSync(join(root, path))) missing.push(path);
    }
    expect(missing).toEqual([]);
  });
});
