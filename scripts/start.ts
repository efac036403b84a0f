// ./openpas start — prepares the database (migrations, sandbox seed) and serves every app; Ctrl-C stops all.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type Database,
  type EmbeddedServer,
  openDatabase,
  readDbEnv,
  sandboxEnabled,
  serveEmbedded,
} from '@openpas/db';
import { seedSandboxIfEnabled } from '@openpas/fhir-store';
import { knownApps, readySummary, waitUntilReady } from './lib/ready.ts';
import { say } from './lib/run.ts';

const root = resolve(import.meta.dirname, '..');
const env = readDbEnv();

let embedded: EmbeddedServer | undefined;
let db: Database;
let databaseUrl: string;
if (env.DATABASE_URL) {
  db = await openDatabase({ url: env.DATABASE_URL });
  databaseUrl = env.DATABASE_URL;
  say('database: PostgreSQL from DATABASE_URL, migrations applied');
} else {
  embedded = await serveEmbedded();
  db = embedded.db;
  databaseUrl = embedded.url;
  say(`database: embedded PGlite in ${env.OPENPAS_DATA_DIR}, migrations applied, served at ${embedded.url}`);
}

say(`sandbox: ${await seedSandboxIfEnabled(db)}`);
if (!embedded) await db.close();

const apps = readdirSync(join(root, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'apps', entry.name, 'package.json')))
  .map((entry) => {
    const manifest = JSON.parse(readFileSync(join(root, 'apps', entry.name, 'package.json'), 'utf8')) as {
      name: string;
      scripts?: Record<string, string>;
    };
    return manifest.scripts?.start ? manifest.name : null;
  })
  .filter((name): name is string => name !== null);

if (apps.length === 0) {
  say('no apps to serve yet: the database is prepared and the sandbox seeded');
  await embedded?.stop();
  process.exit(0);
}

// --dev-portal: the portal in Next's development server (pages reload as they change) instead of its build.
const devPortal = process.argv.includes('--dev-portal');

const children: ChildProcess[] = apps.map((name) => {
  const script = devPortal && name === '@openpas/portal' ? 'dev' : 'start';
  say(`starting ${name}${script === 'dev' ? ' (development server)' : ''}`);
  // Each app in its own process group, so stopping reaches the server behind pnpm and its shell.
  return spawn('pnpm', ['--filter', name, script], {
    cwd: root,
    stdio: 'inherit',
    detached: true,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  say('stopping');
  for (const child of children) {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  }
  await Promise.all(
    children.map(
      (child) => new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done))),
    ),
  );
  await embedded?.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
for (const child of children) child.once('exit', (code) => void stop(code ?? 1));

// The portal builds itself first when its sources changed (a minute or two), so wait generously.
const known = knownApps();
const started = apps.map((name) => known[name]).filter((app) => app !== undefined);
const late = await waitUntilReady(started, 10 * 60_000);
if (!stopping) {
  for (const app of late) say(`${app.name} did not answer at ${app.probe} yet`);
  for (const line of readySummary(started, sandboxEnabled(env))) say(line);
}
