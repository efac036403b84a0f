import { describe, expect, it } from 'vitest';
import { dateRange, FAR_FUTURE, FAR_PAST, periodRange } from './date-range.ts';
import { SearchError } from './types.ts';

function iso(range: { start: Date; end: Date } | null): [string, string] | null {
  return range ? [range.start.toISOString(), range.end.toISOString()] : null;
}

describe('dateRange', () => {
  it.each([
    ['a year covers the whole year', '2024', '2024-01-01T00:00:00.000Z', '2024-12-31T23:59:59.999Z'],
    [
      'a month covers the whole month in UTC',
      '2024-03',
      '2024-03-01T00:00:00.000Z',
      '2024-03-31T23:59:59.999Z',
    ],
    [
      'February of a leap year ends on the 29th',
      '2024-02',
      '2024-02-01T00:00:00.000Z',
      '2024-02-29T23:59:59.999Z',
    ],
    [
      'February of a common year ends on the 28th',
      '2023-02',
      '2023-02-01T00:00:00.000Z',
      '2023-02-28T23:59:59.999Z',
    ],
    [
      'December ends at the end of the year',
      '2024-12',
      '2024-12-01T00:00:00.000Z',
      '2024-12-31T23:59:59.999Z',
    ],
    [
      'a day covers the whole day in UTC',
      '2024-07-30',
      '2024-07-30T00:00:00.000Z',
      '2024-07-30T23:59:59.999Z',
    ],
    [
      'a year before 100 is not read as 19xx',
      '0099-01-01',
      '0099-01-01T00:00:00.000Z',
      '0099-01-01T23:59:59.999Z',
    ],
    [
      'a dateTime with seconds covers one second, shifted to UTC',
      '2024-03-05T10:20:30+08:00',
      '2024-03-05T02:20:30.000Z',
      '2024-03-05T02:20:30.999Z',
    ],
    ['a dateTime in Z', '2024-03-05T10:20:30Z', '2024-03-05T10:20:30.000Z', '2024-03-05T10:20:30.999Z'],
    [
      'a dateTime without a zone is read as UTC',
      '2024-03-05T10:20:30',
      '2024-03-05T10:20:30.000Z',
      '2024-03-05T10:20:30.999Z',
    ],
    [
      'a dateTime to the minute covers the minute',
      '2024-03-05T10:20Z',
      '2024-03-05T10:20:00.000Z',
      '2024-03-05T10:20:59.999Z',
    ],
    [
      'one fraction digit covers a tenth of a second',
      '2024-03-05T10:20:30.5Z',
      '2024-03-05T10:20:30.500Z',
      '2024-03-05T10:20:30.599Z',
    ],
    [
      'an instant with milliseconds is a single millisecond',
      '2024-03-05T10:20:30.123+00:00',
      '2024-03-05T10:20:30.123Z',
      '2024-03-05T10:20:30.123Z',
    ],
    [
      'digits beyond milliseconds are cut',
      '2024-03-05T10:20:30.123456Z',
      '2024-03-05T10:20:30.123Z',
      '2024-03-05T10:20:30.123Z',
    ],
    [
      'a negative offset can move the instant into the next year',
      '2024-12-31T23:30:00-01:00',
      '2025-01-01T00:30:00.000Z',
      '2025-01-01T00:30:00.999Z',
    ],
    [
      'a leap second falls in the last second of the minute',
      '2016-12-31T23:59:60Z',
      '2016-12-31T23:59:59.000Z',
      '2016-12-31T23:59:59.999Z',
    ],
  ])('%s (%s)', (_name, value, start, end) => {
    expect(iso(dateRange(value))).toEqual([start, end]);
  });

  it.each([
    ['a thirteenth month', '2024-13'],
    ['the 30th of February', '2024-02-30'],
    ['hour 25', '2024-03-05T25:00:00Z'],
    ['an offset beyond 14 hours', '2024-03-05T10:20:30+15:00'],
    ['a time without minutes', '2024-03-05T10Z'],
    ['a two-digit year', '24-03-05'],
    ['words', 'yesterday'],
    ['an empty string', ''],
  ])('rejects %s (%s)', (_name, value) => {
    expect(dateRange(value)).toBeNull();
  });

  it('throws a SearchError naming the expression when given one for a query value', () => {
    expect(() => dateRange('2024-13', 'created')).toThrow(SearchError);
    try {
      dateRange('2024-13', 'created');
    } catch (error) {
      expect(error).toMatchObject({ status: 400, expression: 'created' });
    }
  });
});

describe('periodRange', () => {
  it.each([
    [
      'runs from the start of the start to the end of the end',
      '2024-01',
      '2024-02-10',
      '2024-01-01T00:00:00.000Z',
      '2024-02-10T23:59:59.999Z',
    ],
    [
      'runs to the far future when the end is missing',
      '2024-01-15',
      undefined,
      '2024-01-15T00:00:00.000Z',
      FAR_FUTURE.toISOString(),
    ],
    [
      'runs from the far past when the start is missing',
      undefined,
      '2024',
      FAR_PAST.toISOString(),
      '2024-12-31T23:59:59.999Z',
    ],
    [
      'treats a JSON null end as missing',
      '2024-01-15',
      null,
      '2024-01-15T00:00:00.000Z',
      FAR_FUTURE.toISOString(),
    ],
  ])('%s', (_name, start, end, from, to) => {
    expect(iso(periodRange(start, end))).toEqual([from, to]);
  });

  it.each([
    ['has neither start nor end', undefined, undefined],
    ['has an invalid start', 'soon', '2024'],
    ['has a start that is not a string', 20240101, undefined],
    ['ends before it starts', '2024-05-01', '2024-04-30'],
  ])('gives nothing for a period that %s', (_name, start, end) => {
    expect(periodRange(start, end)).toBeNull();
  });
});
