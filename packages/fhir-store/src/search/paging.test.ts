import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, MAX_OFFSET, nextPageCursor } from './paging.ts';
import { SearchError } from './types.ts';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('paging cursors', () => {
  it.each([0, 1, 20, 40, MAX_OFFSET])('round-trips offset %i', (offset) => {
    expect(decodeCursor(encodeCursor({ offset }))).toStrictEqual({ offset });
  });

  it('encodes base64url JSON of the offset', () => {
    expect(encodeCursor({ offset: 40 })).toBe(b64('{"offset":40}'));
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', b64('offset=1')],
    ['a JSON array', b64('[1]')],
    ['JSON null', b64('null')],
    ['a negative offset', b64('{"offset":-1}')],
    ['an offset beyond what the database takes (a forged cursor)', b64('{"offset":2147483648}')],
    ['a fractional offset', b64('{"offset":1.5}')],
    ['a string offset', b64('{"offset":"1"}')],
    ['an extra key', b64('{"offset":1,"x":2}')],
    ['no offset', b64('{}')],
    ['non-canonical padding bits', `${b64('{"offset":1}').slice(0, -1)}z`],
  ])('refuses a cursor that is %s with 400', (_name, cursor) => {
    let error: unknown;
    try {
      decodeCursor(cursor, '_page');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SearchError);
    expect(error).toMatchObject({ status: 400, expression: '_page' });
  });

  it('will not encode a negative offset', () => {
    expect(() => encodeCursor({ offset: -1 })).toThrow(RangeError);
  });
});

describe('nextPageCursor', () => {
  it('points past the page when more matches remain', () => {
    expect(decodeCursor(nextPageCursor({ offset: 40, count: 20, hasNext: true }) ?? '')).toStrictEqual({
      offset: 60,
    });
  });

  it('has no next page when no more matches remain', () => {
    expect(nextPageCursor({ offset: 40, count: 20, hasNext: false })).toBeUndefined();
  });

  it('has no next page for _count=0, which asks for the total alone, even when matches exist', () => {
    expect(nextPageCursor({ offset: 0, count: 0, hasNext: true })).toBeUndefined();
  });
});
