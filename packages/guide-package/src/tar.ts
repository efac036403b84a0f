/**
 * The POSIX tar (ustar) format, just what FHIR packages need: regular files written with fixed metadata
 * (so the same files always give the same bytes), and read back — including the pax `path` records and
 * GNU long names that tools such as npm write for long file names.
 */

export interface TarFile {
  /** The path inside the archive, `/`-separated (e.g. `package/package.json`) */
  name: string;
  data: Uint8Array;
}

const BLOCK = 512;
/** 1985-10-26T08:15:00Z, the fixed time npm gives every file it packs; ours do the same. */
export const FIXED_MTIME = 499_162_500;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function put(header: Buffer, text: string, offset: number, width: number): void {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > width) throw new Error(`tar: "${text}" does not fit in ${width} bytes`);
  bytes.copy(header, offset);
}

/** ustar keeps names of up to 100 bytes, or 255 split at a `/` into a prefix and a name. */
function splitName(name: string): { prefix: string; base: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', base: name };
  for (let cut = name.lastIndexOf('/'); cut > 0; cut = name.lastIndexOf('/', cut - 1)) {
    const prefix = name.slice(0, cut);
    const base = name.slice(cut + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(base) <= 100) return { prefix, base };
  }
  throw new Error(`tar: the name "${name}" is too long for ustar`);
}

function header(file: TarFile): Buffer {
  const block = Buffer.alloc(BLOCK);
  const { prefix, base } = splitName(file.name);
  put(block, base, 0, 100);
  put(block, octal(0o644, 8), 100, 8);
  put(block, octal(0, 8), 108, 8);
  put(block, octal(0, 8), 116, 8);
  put(block, octal(file.data.length, 12), 124, 12);
  put(block, octal(FIXED_MTIME, 12), 136, 12);
  put(block, '        ', 148, 8);
  put(block, '0', 156, 1);
  put(block, 'ustar\u000000', 257, 8);
  put(block, prefix, 345, 155);
  let sum = 0;
  for (const byte of block) sum += byte;
  put(block, `${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return block;
}

/** A tar archive of the files in the order given, every file with mode 644, owner 0 and FIXED_MTIME. */
export function writeTar(files: readonly TarFile[]): Buffer {
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(header(file), Buffer.from(file.data));
    const pad = (BLOCK - (file.data.length % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

function text(block: Buffer, offset: number, width: number): string {
  const field = block.subarray(offset, offset + width);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? width : end).toString('utf8');
}

function number(block: Buffer, offset: number, width: number): number {
  const field = text(block, offset, width).trim();
  const value = field === '' ? 0 : Number.parseInt(field, 8);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error('tar: a header holds an invalid number');
  return value;
}

function checksumOk(block: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] as number);
  return sum === number(block, 148, 8);
}

/** The `path` of a pax extended header (`<length> path=<value>\n` records). */
function paxPath(data: Buffer): string | undefined {
  let found: string | undefined;
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space === -1) break;
    const length = Number.parseInt(data.subarray(at, space).toString('utf8'), 10);
    if (!Number.isSafeInteger(length) || length <= 0) break;
    const record = data.subarray(space + 1, at + length - 1).toString('utf8');
    if (record.startsWith('path=')) found = record.slice('path='.length);
    at += length;
  }
  return found;
}

/**
 * The regular files of a tar archive, in archive order; directories, links and other entries are
 * skipped. Throws on a damaged archive (a bad header checksum, a file running past the end).
 */
export function readTar(archive: Uint8Array): TarFile[] {
  const tar = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  const files: TarFile[] = [];
  let at = 0;
  let longName: string | undefined;
  while (at + BLOCK <= tar.length) {
    const block = tar.subarray(at, at + BLOCK);
    if (block.every((byte) => byte === 0)) break;
    if (!checksumOk(block)) throw new Error(`tar: bad header checksum at byte ${at}`);
    const size = number(block, 124, 12);
    const type = text(block, 156, 1);
    const start = at + BLOCK;
    if (start + size > tar.length) throw new Error(`tar: an entry runs past the end of the archive`);
    const data = tar.subarray(start, start + size);
    at = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      longName = paxPath(data) ?? longName;
      continue;
    }
    if (type === 'L') {
      longName = text(data, 0, data.length);
      continue;
    }
    const prefix = text(block, 345, 155);
    const base = text(block, 0, 100);
    const name = longName ?? (prefix ? `${prefix}/${base}` : base);
    longName = undefined;
    if (type === '0' || type === '' || type === '7') files.push({ name, data: Uint8Array.from(data) });
  }
  return files;
}
