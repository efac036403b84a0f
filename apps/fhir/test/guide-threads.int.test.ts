import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = resolve(import.meta.dirname, '../src/main.ts');

// That the threads answer as the calling thread does, and finish their work when closed:
// packages/ig-validation/test/pool.test.ts.
describe('the guide layer’s worker threads', () => {
  it('stop with the FHIR API on SIGTERM, after the server, and the process exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'openpas-fhir-sigterm-'));
    try {
      const child = spawn(process.execPath, [MAIN], {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'info',
          DATABASE_URL: '',
          OPENPAS_DATA_DIR: dataDir,
          FHIR_PORT: '0',
          FHIR_GUIDE_THREADS: '2',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += String(chunk);
      });
      child.stderr.on('data', (chunk) => {
        out += String(chunk);
      });
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      const deadline = Date.now() + 90_000;
      while (!/^listening \d+$/m.test(out)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`never listened:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const port = /^listening (\d+)$/m.exec(out)?.[1];
      expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toMatchObject({
        guide: { validation: 'on' },
      });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const messages = out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg: string; threads?: number });
      const said = messages.map((m) => m.msg);
      expect(said).toContain('implementation guide loaded; guide validation on');
      const stopping = said.indexOf('shutting down');
      const stopped = messages.findIndex((m) => m.msg === 'guide worker threads stopped');
      expect(stopping).toBeGreaterThan(-1);
      expect(stopped).toBeGreaterThan(stopping);
      expect(messages[stopped]?.threads).toBe(2);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
