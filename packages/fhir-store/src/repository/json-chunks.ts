// JSON text of a large document as pieces, never one long string. V8 keeps a string of more than 128 KiB
// (64K characters once one of them is not Latin-1, as in a Bundle with Chinese in it) in its large-object
// space, mapped afresh for each string, and on the 2-core VMs this runs on every page of it faults, at
// ~15-20 µs a page: JSON.stringify of Bundle-bun-1 took 1.5-2.0 ms and ~90 page faults, its entries each
// written apart 0.14-0.22 ms and none. The pieces go to PostgreSQL and to an HTTP answer as one Buffer of
// UTF-8 (a text parameter in binary form: what the database receives is the same as for the string). Joined
// there instead (`$1 || $2 || …`), each join copied the text so far: ~460 more page faults a submission in
// PostgreSQL, more than was saved here.

/** Largest piece made by joining smaller ones (characters): well under V8's large-object size. */
const CHUNK = 24_000;

/**
 * Objects and arrays down to this depth are written member by member; deeper values whole: in a Bundle, each
 * entry's resource.
 */
const DEPTH = 3;

function writeParts(value: unknown, depth: number, parts: string[]): void {
  if (
    depth === 0 ||
    value === null ||
    typeof value !== 'object' ||
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    // What JSON.stringify writes for the value in an array (undefined, functions and symbols: null).
    parts.push(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    parts.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) parts.push(',');
      writeParts(value[i], depth - 1, parts);
    }
    parts.push(']');
    return;
  }
  parts.push('{');
  let first = true;
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    // Members JSON.stringify leaves out.
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    parts.push(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    writeParts(member, depth - 1, parts);
  }
  parts.push('}');
}

/** Joins consecutive pieces up to CHUNK characters (a piece longer than that stays whole). */
export function joined(parts: readonly string[]): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const part of parts) {
    if (length + part.length > CHUNK && current.length > 0) {
      chunks.push(current.join(''));
      current = [];
      length = 0;
    }
    current.push(part);
    length += part.length;
  }
  if (current.length > 0) chunks.push(current.join(''));
  return chunks;
}

/**
 * JSON.stringify(value) as pieces whose concatenation is exactly that text, each short enough to stay out of
 * V8's large-object space unless one value alone is that large. For plain JSON values (what a parsed body or
 * a resource holds), as JSON.stringify sees them.
 */
export function jsonChunks(value: unknown): string[] {
  const parts: string[] = [];
  writeParts(value, DEPTH, parts);
  return joined(parts);
}

/**
 * A resource's JSON text as pieces: a Bundle, the one kind that is large as a rule, in pieces (its entries'
 * resources each written whole); any other whole, by V8's JSON.stringify alone, about twice as fast as
 * member by member (a rare one over the large-object size, a big attachment, costs what it always did).
 */
export function resourceChunks(resource: { resourceType?: unknown }): string[] {
  return resource.resourceType === 'Bundle' ? jsonChunks(resource) : [JSON.stringify(resource)];
}

/** Pieces of JSON text as one UTF-8 Buffer (an HTTP answer), without joining them into one string first. */
export function utf8Of(chunks: readonly string[]): Buffer {
  let size = 0;
  for (const chunk of chunks) size += Buffer.byteLength(chunk);
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const chunk of chunks) at += out.write(chunk, at);
  return out;
}
