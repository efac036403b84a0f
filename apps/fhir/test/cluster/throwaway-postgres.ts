import { execFile } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../harness.ts';

// A PostgreSQL cluster of the test's own, made with the machine's PostgreSQL binaries (initdb, pg_ctl) in a
// temporary folder on a free port, so a test may stop, restart and starve it without touching the shared
// server. PostgreSQL refuses to run as root: under root the binaries run as the `postgres` user.

const run = promisify(execFile);

/** The folder of the newest PostgreSQL binaries installed (Debian layout), or undefined. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter(
      (name) =>
        existsSync(join(root, name, 'bin', 'pg_ctl')) && existsSync(join(root, name, 'bin', 'initdb')),
    )
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export interface ThrowawayCluster {
  readonly url: string;
  readonly port: number;
  /** Stops the server: `fast` rolls back open transactions, `immediate` kills every backend at once */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Removes the cluster (stops it first) */
  dispose(): Promise<void>;
}

export async function startThrowawayCluster(
  bin: string,
  settings: Record<string, string> = {},
): Promise<ThrowawayCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'openpas-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? await postgresUser() : undefined;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const exec = (tool: string, args: string[]) =>
    run(join(bin, tool), args, { ...(owner ? { uid: owner.uid, gid: owner.gid } : {}), cwd: dir });
  await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const options = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    '-c fsync=off',
    ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
  ].join(' ');
  const start = () => exec('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', 'start']);
  await start();
  let running = true;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop(mode = 'fast') {
      await exec('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async dispose() {
      if (running) await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: group } = await run('id', ['-g', 'postgres']);
  return { uid: Number(stdout.trim()), gid: Number(group.trim()) };
}
