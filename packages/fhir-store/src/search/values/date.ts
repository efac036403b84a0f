// Date index values: every date-like item as the [start, end] range it covers.

import { type DateRange, dateRange, periodRange } from '../date-range.ts';
import type { FhirPathItem } from '../fhirpath-adapter.ts';
import { isObject, objectList, stringList } from './json.ts';

function period(value: unknown): DateRange | null {
  return isObject(value) ? periodRange(value.start, value.end) : null;
}

/**
 * date, dateTime, instant → their precision's range; Period → start to end (open ends far past/future);
 * Timing → each event, and the repeat's boundsPeriod.
 */
export function dateRanges(item: FhirPathItem): DateRange[] {
  const { type, value } = item;
  let ranges: (DateRange | null)[];
  switch (type) {
    case 'date':
    case 'dateTime':
    case 'instant':
      ranges = typeof value === 'string' ? [dateRange(value)] : [];
      break;
    case 'Period':
      ranges = [period(value)];
      break;
    case 'Timing':
      ranges = [
        ...stringList(value, 'event').map((event) => dateRange(event)),
        ...objectList(value, 'repeat').map((repeat) => period(repeat.boundsPeriod)),
      ];
      break;
    default:
      ranges = [];
  }
  return ranges.filter((range): range is DateRange => range !== null);
}
