// The configuration as a whole: every env schema of the apps and packages against the README's table, and
// no process.env read outside the env modules.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Env } from '../src/create-env.ts';

const root = resolve(import.meta.dirname, '../../..');
const groups = ['apps', 'packages'];

/** The env modules: `src/env.ts` of each app and package, and this package, which defines the shared ones. */
function envModules(): string[] {
  return groups.flatMap((group) =>
    readdirSync(join(root, group))
      .map((name) => join(root, group, name, 'src', 'env.ts'))
      .filter((file) => existsSync(file)),
  );
}

function isEnv(value: unknown): value is Env {
  return typeof value === 'object' && value !== null && 'read' in value && 'schema' in value;
}

/** Every variable of every exported Env, with its schema. */
async function schemaVariables(): Promise<Map<string, z.ZodType>> {
  const variables = new Map<string, z.ZodType>();
  for (const file of envModules()) {
    const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const env of Object.values(exports).filter(isEnv)) {
      for (const [name, schema] of Object.entries(env.schema.shape)) variables.set(name, schema as z.ZodType);
    }
  }
  return variables;
}

/** The default as the README writes it: unset → null; a path inside the repository → ./path. */
function renderDefault(schema: z.ZodType): string | null {
  const parsed = schema.safeParse(undefined);
  if (!parsed.success || parsed.data === undefined) return null;
  const value = String(parsed.data);
  return value.startsWith(`${root}/`) ? `./${relative(root, value)}` : value;
}

const backticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');

/** The rows of the README's configuration table: variables and the defaults written beside them. */
function readmeRows(): { variables: string[]; defaults: string[] }[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Configuration\n')) ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .map(([, variables = '', , defaults = '']) => ({
      variables: backticked(variables),
      defaults: backticked(defaults),
    }));
}

const variables = await schemaVariables();
const rows = readmeRows();
const listed = rows.flatMap((row) => row.variables);

describe('the README configuration table', () => {
  it('lists every variable of the env schemas', () => {
    expect(variables.size).toBeGreaterThan(10);
    expect(
      [...variables.keys()].filter((name) => !listed.includes(name)),
      'missing from the table',
    ).toEqual([]);
  });

  it('lists only variables that some env schema reads', () => {
    expect(
      listed.filter((name) => !variables.has(name)),
      'in the table but in no schema',
    ).toEqual([]);
  });

  it('gives the defaults the schemas give', () => {
    for (const row of rows) {
      const defaults = row.variables
        .map((name) => variables.get(name))
        .map((schema) => (schema ? renderDefault(schema) : null))
        .filter((value) => value !== null);
      expect(row.defaults, `the default of ${row.variables.join(', ')}`).toEqual(defaults);
    }
  });
});

/** Runtime sources: src of every app and package, without generated code, tests and test helpers. */
function runtimeSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['generated', 'testing'].includes(entry.name) ? [] : runtimeSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('process.env', () => {
  it('is read only by the env modules', () => {
    const allowed = new Set(envModules());
    const readers: string[] = [];
    for (const group of groups) {
      for (const name of readdirSync(join(root, group))) {
        const src = join(root, group, name, 'src');
        if (!existsSync(src) || `${group}/${name}` === 'packages/env') continue;
        for (const file of runtimeSources(src).filter((path) => !allowed.has(path))) {
          readFileSync(file, 'utf8')
            .split('\n')
            .forEach((line, index) => {
              if (/process\s*(\.\s*env\b|\[\s*['"]env['"]\s*\])/.test(line)) {
                readers.push(`${relative(root, file)}:${index + 1}`);
              }
            });
        }
      }
    }
    expect(readers, 'read settings through an env module (src/env.ts) built with createEnv').toEqual([]);
  });
});
