// ./openpas test — the whole suite: typecheck, lint, every package's tests (unit, integration on PGlite and
// PostgreSQL, end-to-end). Fails when anything fails, without PostgreSQL (unless OPENPAS_TEST_SKIP_POSTGRES=1),
// when a package's tests were all skipped or no test ran at all; the summary lists every skip and why.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { testPostgresPlan } from '@openpas/db/testing/postgres';
import { judgeRun, readRun } from '../tooling/vitest-config/src/summary.ts';
import { ensureChromium, run, say } from './lib/run.ts';

const root = resolve(import.meta.dirname, '..');
const reports = join(root, '.reports');
const extra = process.argv.slice(2);

rmSync(reports, { recursive: true, force: true });

// The whole suite needs PostgreSQL: say so now rather than after every other test ran.
if (extra.length === 0) {
  const postgres = await testPostgresPlan();
  if (postgres.kind === 'fail') {
    say(postgres.message);
    process.exit(1);
  }
}

if (hasBrowserTests()) ensureChromium();

const steps: [string, string, string[]][] = [
  ['typecheck', 'turbo', ['run', 'typecheck', '--output-logs=errors-only', ...extra]],
  ['typecheck scripts', 'tsc', ['-p', '.']],
  ['lint', 'biome', ['check', '.']],
  ['tests', 'turbo', ['run', 'test', '--concurrency=1', '--continue', '--output-logs=full', ...extra]],
];

let failed = false;
for (const [name, command, args] of steps) {
  say(`${name}: ${command} ${args.join(' ')}`);
  if (run(command, args, { cwd: root }) !== 0) {
    say(`${name} failed`);
    failed = true;
    if (name !== 'tests') break;
  }
}

const { reports: packageReports, skips } = readRun(reports);
const verdict = judgeRun(packageReports, skips);
for (const line of verdict.lines) say(line);
if (verdict.failed) failed = true;
process.exit(failed ? 1 : 0);

/** Browser tests exist wherever a workspace package depends on playwright-core (they drive Debian's chromium). */
function hasBrowserTests(): boolean {
  for (const group of ['apps', 'packages']) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const manifest = join(dir, name, 'package.json');
      if (existsSync(manifest) && readFileSync(manifest, 'utf8').includes('"playwright-core"')) return true;
    }
  }
  return false;
}
