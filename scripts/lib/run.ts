import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function say(message: string): void {
  process.stderr.write(`\x1b[1mopenpas:\x1b[0m ${message}\n`);
}

/** Runs a command with inherited output and returns its exit code. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): number {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    cwd: options.cwd,
    env: options.env ?? process.env,
  });
  if (result.error) {
    say(`${command}: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

export const chromiumPath = process.env.OPENPAS_CHROMIUM ?? '/usr/bin/chromium';

/** Browser tests use Debian's chromium (never a downloaded browser). Installs it when we are root. */
export function ensureChromium(): void {
  if (existsSync(chromiumPath)) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    say('installing Debian chromium for the browser tests');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['install', '-y', '-q', 'chromium'], { env }) !== 0) {
      run('apt-get', ['update', '-q'], { env });
      run('apt-get', ['install', '-y', '-q', 'chromium'], { env });
    }
  }
  if (!existsSync(chromiumPath)) {
    say(
      `browser tests need Chromium at ${chromiumPath}: run "sudo apt-get install -y chromium" (or set OPENPAS_CHROMIUM)`,
    );
    process.exit(1);
  }
}
