import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// PGlite allows one process per data directory. The process that opens it records itself here; others
// then connect through the owner's socket server instead of opening the files a second time.

export interface OwnerRecord {
  pid: number;
  /** 127.0.0.1 port of the owner's PostgreSQL-protocol server, when it serves one */
  port: number | null;
  startedAt: string;
}

const lockFile = (dataDir: string) => join(dataDir, 'owner.json');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live owner of the data directory, if any (a record left by a dead process is removed). */
export function currentOwner(dataDir: string): OwnerRecord | null {
  let record: OwnerRecord;
  try {
    record = JSON.parse(readFileSync(lockFile(dataDir), 'utf8')) as OwnerRecord;
  } catch {
    return null;
  }
  if (record.pid === process.pid || alive(record.pid)) return record;
  rmSync(lockFile(dataDir), { force: true });
  return null;
}

/** Takes ownership of the data directory or throws, naming the process that holds it. */
export function acquireOwnership(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const holder = currentOwner(dataDir);
  if (holder) {
    const who = holder.pid === process.pid ? 'this process' : `process ${holder.pid}`;
    throw new Error(
      `the embedded database in ${dataDir} is already open in ${who}` +
        (holder.port ? ` (serving on 127.0.0.1:${holder.port})` : ' without a server; close it first'),
    );
  }
  const record: OwnerRecord = { pid: process.pid, port: null, startedAt: new Date().toISOString() };
  // 'wx' fails if another process created the file since we looked: two openers never both win.
  writeFileSync(lockFile(dataDir), JSON.stringify(record), { flag: 'wx' });
  return () => {
    const now = currentOwner(dataDir);
    if (now?.pid === process.pid) rmSync(lockFile(dataDir), { force: true });
  };
}

export function announcePort(dataDir: string, port: number): void {
  const record = currentOwner(dataDir);
  if (record?.pid !== process.pid)
    throw new Error('announcePort called by a process that does not own the database');
  writeFileSync(lockFile(dataDir), JSON.stringify({ ...record, port }));
}
