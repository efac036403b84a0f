// One owner per table (issue 10): the apps reach tables only through the packages that own them. No app
// module imports the generated Prisma client or runs SQL itself; the database handle and the query runner
// are opened at start-up and handed to @openpas/auth-store, @openpas/fhir-store and the other owners.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownExportsOf, storageAccess } from './storage-access.ts';

const root = resolve(import.meta.dirname, '../../..');
const dbExports = ownExportsOf(readFileSync(join(root, 'packages/db/src/index.ts'), 'utf8'));

/** The app modules: every .ts/.tsx under apps/<app>/src except tests, which may seed with Prisma. */
function appModules(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) files.push(path);
    }
  };
  for (const app of readdirSync(join(root, 'apps'))) {
    const src = join(root, 'apps', app, 'src');
    if (existsSync(src)) walk(src);
  }
  return files;
}

describe('one owner per table', () => {
  it('lets no app module import the Prisma client or run SQL of its own', () => {
    const files = appModules();
    expect(files.some((file) => file.includes('/apps/auth/src/'))).toBe(true);
    expect(files.some((file) => file.includes('/apps/fhir/src/'))).toBe(true);
    const found = files.flatMap((file) =>
      storageAccess(readFileSync(file, 'utf8'), dbExports).map(
        (finding) => `${relative(root, file)}:${finding.line} ${finding.rule}: ${finding.text}`,
      ),
    );
    expect(found).toEqual([]);
  });

  it('reads the names @openpas/db exports of its own, and none of the generated client', () => {
    expect([...dbExports]).toEqual(
      expect.arrayContaining(['openDatabase', 'openFastSql', 'FastSql', 'SqlRunner', 'Database', 'ping']),
    );
    for (const prismaName of ['PrismaClient', 'Prisma', 'ReviewStatus', 'Role']) {
      expect(dbExports.has(prismaName)).toBe(false);
    }
  });

  const own = new Set(['openFastSql', 'FastSql', 'ping']);
  it.each([
    [
      "import type { PrismaClient } from '@openpas/db';",
      'imports PrismaClient, a name of the generated Prisma client',
    ],
    [
      "import { type FastSql, type ReviewStatus } from '@openpas/db';",
      'imports ReviewStatus, a name of the generated Prisma client',
    ],
    ["import * as db from '@openpas/db';", 'imports @openpas/db whole (name what is used)'],
    ["import { PrismaClient } from '@prisma/client';", 'imports the Prisma client'],
    [
      "import type { User } from '../../packages/db/src/generated/prisma/client.ts';",
      'imports the Prisma client',
    ],
    [
      'const user = await deps.db.prisma.user.findUnique({ where: { id } });',
      'reaches the Prisma client of a database handle',
    ],
    [
      'const { prisma } = deps;\nawait prisma.launchContext.updateMany({ where: { id } });',
      'queries a Prisma model',
    ],
    ['await client.$queryRaw`SELECT 1`;', 'runs Prisma raw SQL or a Prisma transaction'],
    ["await sql.query('SELECT 1');", 'runs SQL on a query runner'],
    ['const rows = await tx.query<Row>(`SELECT id FROM app_user`, []);', 'runs SQL on a query runner'],
    ["await runner.execute(\n  'DELETE FROM launch_context WHERE id = $1', [id]);", 'holds an SQL statement'],
    [
      "const LOOKUP = 'UPDATE oauth_client SET metadata = $2 WHERE client_id = $1';",
      'holds an SQL statement',
    ],
  ])('finds %j', (source, rule) => {
    expect(storageAccess(source, own).map((finding) => finding.rule)).toContain(rule);
  });

  it.each([
    "import { type FastSql, openFastSql, ping } from '@openpas/db';",
    "import { dbEnv } from '@openpas/db/env';",
    "import { AccountStore } from '@openpas/auth-store';",
    'const user = await accounts.findEnabled(id);',
    'const page = ctx.query.page; const params = new URLSearchParams(ctx.querystring);',
    "// runs 'SELECT 1' through ping(), never sql.query('SELECT 1')",
    "const label = 'Select a patient'; await ping(sql);",
  ])('finds nothing in %j', (source) => {
    expect(storageAccess(source, own)).toEqual([]);
  });
});
