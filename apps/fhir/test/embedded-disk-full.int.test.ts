import { execFileSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, type FastSql, openDatabase, openFastSql } from '@openpas/db';
import { sandboxRequestBundle } from '@openpas/fhir-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultsOf, NO_FAULTS, readCaseLedger } from './cluster/case-invariants.ts';
import { type Answer, attempt, fhirJson, tmpfsPlan } from './cluster/tools.ts';
import { type Platform, startPlatform } from './harness.ts';

// The embedded database (PGlite) on a disk that fills up: its folder on a small tmpfs mounted for the test,
// the rest of the space taken by a ballast file. Submissions are refused with a clear 503 while the disk is
// full, nothing of them is half-stored, and once space is freed the server takes submissions again with no
// restart — and the folder opens again with everything that was acknowledged.

const plan = tmpfsPlan('embedded-database disk-full test');
const BALLAST_LEAVES_BYTES = 1_500_000;

describe.skipIf(plan.kind === 'skip')('the embedded database when its disk is full', () => {
  let mountPoint: string;
  let dataDir: string;
  let db: Database;
  let sql: FastSql;
  let platform: Platform;
  let token: string;

  beforeAll(async () => {
    if (plan.kind !== 'run') return;
    mountPoint = await mkdtemp(join(tmpdir(), 'openpas-disk-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', mountPoint]);
    dataDir = join(mountPoint, 'data');
    db = await openDatabase({ url: null, dataDir });
    sql = await openFastSql(db);
    platform = await startPlatform(db);
    await platform.backendClient('his-a', '0101090517', 'system/*.cruds');
    token = await platform.token('his-a', 'system/*.cruds');
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await sql?.close();
    await db?.close();
    if (mountPoint) {
      execFileSync('umount', ['-l', mountPoint]);
      await rm(mountPoint, { recursive: true, force: true });
    }
  });

  const submit = () =>
    attempt(
      `${platform.base}/Bundle`,
      fhirJson(token, sandboxRequestBundle('a-breast-her2-trastuzumab-pertuzumab')),
    );

  /** Fills the disk with a ballast file until only `leave` bytes are free. */
  function fillDisk(leave: number): string {
    const path = join(mountPoint, 'ballast');
    const block = Buffer.alloc(1 << 20);
    const fd = openSync(path, 'w');
    try {
      for (;;) {
        const { bavail, bsize } = statfsSync(mountPoint);
        const room = bavail * bsize - leave;
        if (room <= 0) break;
        writeSync(fd, block, 0, Math.min(block.length, room));
      }
    } finally {
      closeSync(fd);
    }
    return path;
  }

  it('refuses submissions with 503 and Retry-After while the disk is full, half-stores nothing, and takes them again once space is freed', async () => {
    const ballast = fillDisk(BALLAST_LEAVES_BYTES);
    const answers: Answer[] = [];
    for (let i = 0; i < 60; i += 1) {
      const answer = await submit();
      answers.push(answer);
      if (answer.status !== 201) break;
    }
    const refused = answers.at(-1);
    expect(refused?.status, 'the disk never filled').toBe(503);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused?.body).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'fatal', code: 'transient' }],
    });
    expect(faultsOf(await readCaseLedger(sql))).toEqual(NO_FAULTS);

    rmSync(ballast);
    // No restart: the same server, the same database.
    const after = await submit();
    expect(after.status).toBe(201);
    const acknowledged = [...answers, after].filter((answer) => answer.status === 201);
    const ledger = await readCaseLedger(sql);
    expect(faultsOf(ledger)).toEqual(NO_FAULTS);
    expect(ledger.numbers).toHaveLength(acknowledged.length);

    // Closed and opened again, the folder holds every acknowledged submission.
    await platform.stop();
    await sql.close();
    await db.close();
    db = await openDatabase({ url: null, dataDir });
    sql = await openFastSql(db);
    platform = await startPlatform(db);
    const reopened = await readCaseLedger(sql);
    expect(faultsOf(reopened)).toEqual(NO_FAULTS);
    for (const answer of acknowledged) expect(reopened.bundles.has(String(answer.body.id))).toBe(true);
  });
});
