import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXED_MTIME, readTar, writeTar } from './tar.ts';

const files = [
  { name: 'package/package.json', data: Buffer.from('{"name":"x"}\n') },
  { name: 'package/empty.json', data: Buffer.alloc(0) },
  { name: `package/${'folder/'.repeat(20)}name.json`, data: Buffer.from('中文 1024'.repeat(200)) },
];

describe('tar', () => {
  it('reads back exactly the files it wrote, names over 100 bytes included', () => {
    const back = readTar(writeTar(files));
    expect(back.map((f) => f.name)).toEqual(files.map((f) => f.name));
    expect(back.map((f) => Buffer.from(f.data).toString())).toEqual(files.map((f) => f.data.toString()));
  });

  it('writes the same bytes for the same files', () => {
    expect(writeTar(files).equals(writeTar(files))).toBe(true);
  });

  it('writes archives the system tar lists with fixed owner, mode and time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tar-test-'));
    writeFileSync(join(dir, 'a.tar'), writeTar(files));
    const listing = execFileSync('tar', ['--numeric-owner', '-tvf', join(dir, 'a.tar')], {
      encoding: 'utf8',
    });
    const lines = listing.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^-rw-r--r-- 0\/0 /);
    execFileSync('tar', ['-xf', join(dir, 'a.tar'), '-C', dir]);
    expect(readFileSync(join(dir, files[2]?.name ?? ''), 'utf8')).toBe(files[2]?.data.toString());
    expect(new Date(FIXED_MTIME * 1000).toISOString()).toBe('1985-10-26T08:15:00.000Z');
  });

  it('reads the pax path records other tools write for long names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tar-test-'));
    const long = `${'deep/'.repeat(40)}resource.json`;
    execFileSync('mkdir', ['-p', join(dir, 'src', long, '..')]);
    writeFileSync(join(dir, 'src', long), '{}');
    execFileSync('tar', ['--format=pax', '-cf', join(dir, 'p.tar'), '-C', join(dir, 'src'), long]);
    const read = readTar(readFileSync(join(dir, 'p.tar')));
    expect(read.map((f) => f.name)).toEqual([long]);
  });

  it('refuses a damaged header', () => {
    const tar = writeTar(files);
    tar[10] = 0x41;
    expect(() => readTar(tar)).toThrow(/bad header checksum at byte 0/);
  });
});
