import { readFileSync } from 'node:fs';

/** A process's resident set size in MiB (Linux /proc), or undefined where it cannot be read. */
export function rssMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kib = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? undefined : Math.round(Number(kib) / 1024);
  } catch {
    return undefined;
  }
}

/** The RSS of each app process by name, for a scenario's `memory()`. */
export function appMemory(apps: Record<string, { pid?: number | undefined }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, child] of Object.entries(apps)) {
    const rss = rssMiB(child.pid);
    if (rss !== undefined) out[name] = rss;
  }
  return out;
}
