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

/** CPU time (user + system, seconds) a process has used so far (Linux /proc), or undefined. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command's closing parenthesis start at field 3; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** The CPU time (s) each app process has used so far, for a scenario's `pids()`; apps that cannot be read are left out. */
export function appCpuSeconds(pids: Record<string, number | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) {
    const seconds = cpuSeconds(pid);
    if (seconds !== undefined) out[name] = seconds;
  }
  return out;
}

/** USER_HZ: 100 on every Linux build we run on. */
const CLOCK_TICKS = 100;
