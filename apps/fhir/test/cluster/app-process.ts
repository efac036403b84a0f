import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../harness.ts';

// An app as production runs it: `node src/main.ts` of apps/auth or apps/fhir in a child process, configured
// only through its environment, so a test can SIGKILL it mid-request and start it again on the same port.

const APP_DIR = {
  auth: resolve(import.meta.dirname, '../../../auth'),
  fhir: resolve(import.meta.dirname, '../..'),
} as const;

export type AppName = keyof typeof APP_DIR;

export interface AppProcess {
  readonly name: AppName;
  readonly port: number;
  /** http://127.0.0.1:port */
  readonly origin: string;
  /** What the process wrote to stderr and stdout so far (start-up failures, fatal logs) */
  output(): string;
  /** Sends `signal` and waits for the process to end */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the process again, same port and environment, and waits until it listens */
  restart(): Promise<void>;
}

export interface AppOptions {
  /** The app's settings: DATABASE_URL, AUTH_ISSUER, FHIR_BASE_URL … (PATH and the port are added) */
  env: Record<string, string>;
  port?: number;
  /** How long start-up may take (default 60 s: the machine is shared) */
  startTimeoutMs?: number;
}

export async function startApp(name: AppName, options: AppOptions): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  const portVariable = name === 'auth' ? 'AUTH_PORT' : 'FHIR_PORT';
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    ...options.env,
    [portVariable]: String(port),
  };
  let child: ChildProcess | undefined;
  let log = '';
  let exited: Promise<void> = Promise.resolve();

  async function launch(): Promise<void> {
    log = '';
    const started = spawn(process.execPath, ['src/main.ts'], {
      cwd: APP_DIR[name],
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    exited = new Promise((done) => started.once('exit', () => done()));
    started.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString('utf8')).slice(-20_000);
    });
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`${name} did not start within ${options.startTimeoutMs ?? 60_000} ms:\n${log}`)),
        options.startTimeoutMs ?? 60_000,
      );
      started.stdout?.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        log = (log + text).slice(-20_000);
        if (/^listening \d+$/m.test(text)) {
          clearTimeout(timer);
          ready();
        }
      });
      started.once('exit', (code, signal) => {
        clearTimeout(timer);
        fail(new Error(`${name} exited during start-up (${code ?? signal}):\n${log}`));
      });
    });
  }

  await launch();
  return {
    name,
    port,
    origin: `http://127.0.0.1:${port}`,
    output: () => log,
    async kill(signal = 'SIGTERM') {
      if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
    restart: launch,
  };
}
