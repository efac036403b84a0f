import { SearchError } from './types.ts';

// The opaque paging cursor of `next`/`previous` links: base64url (no padding) of the JSON `{"offset":n}`,
// n being how many matches the page skips. Not signed: a client that edits it only pages elsewhere in
// results it may see anyway. Anything that does not decode to exactly that shape is refused with 400.

export interface CursorState {
  /** Matches to skip, a non-negative integer the database takes as an OFFSET (at most MAX_OFFSET) */
  offset: number;
}

/** The largest offset a cursor may carry: PostgreSQL's integer, which the page query's OFFSET is cast to. */
export const MAX_OFFSET = 2_147_483_647;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function encodeCursor(state: CursorState): string {
  if (!Number.isSafeInteger(state.offset) || state.offset < 0) {
    throw new RangeError(`cursor offset must be a non-negative integer, got ${state.offset}`);
  }
  return Buffer.from(JSON.stringify({ offset: state.offset }), 'utf8').toString('base64url');
}

/** Decodes a cursor from `_cursor` (or `_page`); `expression` names the parameter in errors. */
export function decodeCursor(cursor: string, expression = '_cursor'): CursorState {
  const decoded = cursorObject(cursor, expression);
  const offset = decoded.offset;
  if (
    Object.keys(decoded).length !== 1 ||
    typeof offset !== 'number' ||
    !Number.isSafeInteger(offset) ||
    offset < 0 ||
    offset > MAX_OFFSET
  )
    throw invalidCursor(expression);
  return { offset };
}

/** A cursor's JSON object, refused with 400 unless it is canonical base64url of a JSON object. */
export function cursorObject(cursor: string, expression: string): Record<string, unknown> {
  if (!BASE64URL.test(cursor)) throw invalidCursor(expression);
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.toString('base64url') !== cursor) throw invalidCursor(expression);
  let decoded: unknown;
  try {
    decoded = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalidCursor(expression);
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded))
    throw invalidCursor(expression);
  return decoded as Record<string, unknown>;
}

export function invalidCursor(expression: string): SearchError {
  return new SearchError(
    `Search parameter ${JSON.stringify(expression)} is not a paging cursor issued by this server`,
    expression,
  );
}

/**
 * The cursor of the next page, or undefined when there is none: a page of `count` matches starting at
 * `offset` has a next one only when it had room for matches (`_count=0` asks for the total alone) and more
 * remained. A client following `next` links therefore always stops.
 */
export function nextPageCursor(page: {
  offset: number;
  count: number;
  hasNext: boolean;
}): string | undefined {
  if (page.count <= 0 || !page.hasNext) return undefined;
  return encodeCursor({ offset: page.offset + page.count });
}
