// What an app module may not do with storage: import the generated Prisma client (directly or through the
// names @openpas/db re-exports from it), reach a database handle's Prisma client, or run SQL of its own.
// Apps open the database and the query runner at start-up and pass them to the packages that own the
// tables (@openpas/auth-store, @openpas/fhir-store …), whose exported queries are the only way in.

export interface Finding {
  line: number;
  rule: string;
  text: string;
}

/**
 * The names `@openpas/db` exports from its own modules (connection, runner, settings, helpers), read from
 * its index: `export { … } from './…'` statements, without the `export *` of the generated client.
 */
export function ownExportsOf(indexSource: string): Set<string> {
  const names = new Set<string>();
  for (const match of indexSource.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
    if ((match[2] ?? '').includes('generated')) continue;
    for (const part of (match[1] ?? '').split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop();
      if (name) names.add(name);
    }
  }
  return names;
}

/** Comments say what code does not: blank them out (keeping line numbers) before looking at the code. */
function withoutComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/^(\s*)\/\/.*$/gm, '$1');
}

const CODE_RULES: [rule: string, pattern: RegExp][] = [
  ['reaches the Prisma client of a database handle', /\.prisma\b/],
  [
    'queries a Prisma model',
    /\bprisma\s*\.\s*\w+\s*\.\s*(findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|create|createMany|update|updateMany|upsert|delete|deleteMany|count|aggregate|groupBy)\s*\(/,
  ],
  [
    'runs Prisma raw SQL or a Prisma transaction',
    /\$(queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe|transaction)\b/,
  ],
  ['runs SQL on a query runner', /\.(query|execute)\s*(<[^>()]*>)?\s*\(\s*['"`]/],
  [
    'holds an SQL statement',
    /['"`]\s*(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|WITH\s+\w+\s+AS)\b/,
  ],
];

/** Every place in one app module that touches storage other than through the owning packages. */
export function storageAccess(source: string, dbOwnExports: ReadonlySet<string>): Finding[] {
  const code = withoutComments(source);
  const findings: Finding[] = [];
  const lineOf = (index: number) => code.slice(0, index).split('\n').length;

  for (const match of code.matchAll(/\bimport\s+(type\s+)?([\s\S]*?)\s+from\s+'([^']+)'/g)) {
    const clause = match[2] ?? '';
    const from = match[3] ?? '';
    const at = { line: lineOf(match.index ?? 0), text: `import ${clause} from '${from}'` };
    if (from.startsWith('@prisma/') || from.includes('generated/prisma') || from === '.prisma/client') {
      findings.push({ ...at, rule: 'imports the Prisma client' });
    } else if (from === '@openpas/db') {
      if (!clause.startsWith('{')) {
        findings.push({ ...at, rule: 'imports @openpas/db whole (name what is used)' });
        continue;
      }
      const names = clause
        .replace(/[{}]/g, '')
        .split(',')
        .map(
          (part) =>
            part
              .trim()
              .replace(/^type\s+/, '')
              .split(/\s+as\s+/)[0] ?? '',
        )
        .filter(Boolean);
      for (const name of names.filter((candidate) => !dbOwnExports.has(candidate))) {
        findings.push({ ...at, rule: `imports ${name}, a name of the generated Prisma client` });
      }
    }
  }

  code.split('\n').forEach((text, index) => {
    for (const [rule, pattern] of CODE_RULES) {
      if (pattern.test(text)) findings.push({ line: index + 1, rule, text: text.trim() });
    }
  });
  return findings.sort((a, b) => a.line - b.line);
}
