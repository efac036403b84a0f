// ./openpas test — the whole suite: typecheck, lint, every package's tests (unit, integration on PGlite and
// PostgreSQL, end-to-end). Fails when anything fails or when no test ran at all.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureChromium, run, say } from './lib/run.ts';

const root = resolve(import.meta.dirname, '..');
const reports = join(root, '.reports');
const extra = process.argv.slice(2);

rmSync(reports, { recursive: true, force: true });

if (hasBrowserTests()) ensureChromium();

const steps: [string, string, string[]][] = [
  ['typecheck', 'turbo', ['run', 'typecheck', '--output-logs=errors-only', ...extra]],
  ['typecheck scripts', 'tsc', ['-p', '.']],
  ['lint', 'biome', ['check', '.']],
  ['tests', 'turbo', ['run', 'test', '--concurrency=1', '--output-logs=full', ...extra]],
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

const totals = { files: 0, tests: 0, passed: 0, failed: 0, skipped: 0 };
if (existsSync(reports)) {
  for (const file of readdirSync(reports).filter((name) => name.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(join(reports, file), 'utf8')) as {
      numTotalTestSuites: number;
      numTotalTests: number;
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
    };
    totals.files += 1;
    totals.tests += report.numTotalTests;
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests;
  }
}
say(
  `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped — ${totals.tests} tests in ${totals.files} packages`,
);
if (totals.passed === 0) {
  say('no test ran: that is a failure');
  failed = true;
}
if (totals.failed > 0) failed = true;
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
