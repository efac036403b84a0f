import { execSync } from 'node:child_process';

/** The short commit of the checkout at `dir`, or "unknown". */
export function revision(dir: string): string {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: dir }).toString().trim();
  } catch {
    return 'unknown';
  }
}
