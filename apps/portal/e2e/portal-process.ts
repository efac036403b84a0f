// The portal as it runs in production: its build (made first when the sources changed) served by
// `next start` in a child process, with its log kept for the test to read (the sandbox's verification link).
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildPortal } from '../scripts/build.ts';
import { portalDir } from '../scripts/build-stamp.ts';

export interface PortalProcess {
  url: string;
  pid: number | undefined;
  /** Every line the portal logged so far */
  log(): string[];
  /** Waits for a logged line that matches */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resident memory of the portal's server process, bytes */
  rss(): Promise<number>;
  stop(): Promise<void>;
}

export async function startPortal(options: {
  port: number;
  env: Record<string, string>;
  /** The portal's LOG_LEVEL (the bench keeps it quiet) */
  logLevel?: string;
}): Promise<PortalProcess> {
  await buildPortal();
  const url = `http://127.0.0.1:${options.port}`;
  const lines: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(portalDir, 'node_modules/next/dist/bin/next'),
      'start',
      '--port',
      String(options.port),
      '--hostname',
      '127.0.0.1',
    ],
    {
      cwd: portalDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
        OPENPAS_SANDBOX: '1',
        PORTAL_URL: url,
        PORTAL_HOST: '127.0.0.1',
        PORTAL_PORT: String(options.port),
        LOG_LEVEL: options.logLevel ?? 'info',
        ...options.env,
      },
    },
  );
  let pending = '';
  const collect = (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the portal exited:\n${lines.join('\n')}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`the portal did not answer:\n${lines.join('\n')}`);
    await new Promise((done) => setTimeout(done, 250));
  }

  return {
    url,
    pid: child.pid,
    log: () => [...lines],
    async waitForLog(pattern, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        for (const line of lines) {
          const match = line.match(pattern);
          if (match) return match;
        }
        if (Date.now() > until) throw new Error(`no log line matched ${pattern}`);
        await new Promise((done) => setTimeout(done, 100));
      }
    },
    async rss() {
      const { readFile } = await import('node:fs/promises');
      // `next start` serves in the process it was started as.
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb * 1024;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
