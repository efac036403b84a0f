import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  total: number;
}

/** Starts a server script that prints "listening <port>" and resolves with the port. */
export function startServer(
  script: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((done, fail) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /listening (\d+)/.exec(buffer);
      if (match) done({ port: Number(match[1]), child });
    });
    child.once('exit', (code) => fail(new Error(`${script} exited with ${code} before listening`)));
  });
}

export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

/** Runs the load generator in a second process against the given URL. */
export function runLoad(spec: Record<string, unknown>): Promise<LoadResult> {
  const worker = resolve(import.meta.dirname, 'load-worker.ts');
  const child = spawn(process.execPath, [worker, JSON.stringify(spec)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((done, fail) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => {
      if (code !== 0) return fail(new Error(`load worker exited with ${code}`));
      done(JSON.parse(out.trim().split('\n').pop() ?? '{}') as LoadResult);
    });
  });
}
