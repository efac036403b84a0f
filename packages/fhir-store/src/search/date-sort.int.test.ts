import { openTargetForSuite, testTargets } from '@openpas/db/testing';
import { describe, expect, it } from 'vitest';
import { createResources } from '../repository/resources.ts';
import { executeSearch } from './execute.ts';
import { searchParameter } from './parameters.ts';
import { parseSearch } from './parse.ts';
import { buildSearchSql } from './sql.ts';

const targets = await testTargets();
const EVERYTHING = { everything: true } as const;
const DUE = 'https://openpas.dev/fhir/StructureDefinition/review-due';

/** A case with the given due dates (none, one, or several: it sorts by its earliest, or latest descending). */
function response(id: string, dues: string[], disposition = '已受理') {
  return {
    resourceType: 'ClaimResponse',
    id,
    status: 'active',
    use: 'preauthorization',
    outcome: 'partial',
    disposition,
    extension: dues.map((valueDateTime) => ({ url: DUE, valueDateTime })),
  };
}

describe.each(targets)('sorting by a date a clause requires, on $name', (target) => {
  const opened = openTargetForSuite(target);

  const ids = async (query: string, offset = 0) => {
    const request = parseSearch('ClaimResponse', new URLSearchParams(query), searchParameter);
    const result = await executeSearch(opened.sql, request, EVERYTHING, offset);
    return { ids: result.matches.map((m) => String(m.resource.id)), hasNext: result.hasNext };
  };

  it('takes the date index only when a clause says the date is there', () => {
    const sqlOf = (query: string) =>
      buildSearchSql(parseSearch('ClaimResponse', new URLSearchParams(query), searchParameter), EVERYTHING, 0)
        .sql;
    expect(sqlOf('review-due:missing=false&_sort=review-due')).toContain(
      'FROM search_date d JOIN fhir_resource r',
    );
    expect(sqlOf('review-due=le2026-12-01&_sort=-review-due')).toContain(
      'FROM search_date d JOIN fhir_resource r',
    );
    expect(sqlOf('_sort=review-due')).not.toContain('FROM search_date d');
    expect(sqlOf('review-due:missing=true&_sort=review-due')).not.toContain('FROM search_date d');
    expect(sqlOf('created=le2026-12-01&_sort=review-due')).not.toContain('FROM search_date d');
  });

  it('walks the date index and gives the same order and pages as the general sort', async () => {
    await opened.sql.transaction((tx) =>
      createResources(
        tx,
        [
          response('d-3', ['2026-10-20T09:00:00+08:00']),
          response('d-1', ['2026-10-10T09:00:00+08:00']),
          response('d-2b', ['2026-10-15T09:00:00+08:00']),
          response('d-2a', ['2026-10-15T09:00:00+08:00']),
          // Two dates: the earliest counts ascending, the latest descending; listed once either way.
          response('d-multi', ['2026-10-30T09:00:00+08:00', '2026-10-12T09:00:00+08:00']),
          response('d-none', []),
          response('d-closed', ['2026-10-01T09:00:00+08:00'], '審畢結果'),
        ] as never,
        { owner: null, keepId: true },
      ),
    );
    const filter = 'disposition:exact=已受理';
    const general = await ids(`${filter}&_sort=review-due,_id&_count=50`);
    expect(general.ids).toEqual(['d-1', 'd-multi', 'd-2a', 'd-2b', 'd-3', 'd-none']);
    // The decided case has no due date in the index: a walk without the status filter passes open cases only.
    const open = await ids('review-due:missing=false&_sort=review-due,_id&_count=50');
    expect(open.ids).toEqual(['d-1', 'd-multi', 'd-2a', 'd-2b', 'd-3']);
    const walked = await ids(`${filter}&review-due:missing=false&_sort=review-due,_id&_count=50`);
    expect(walked.ids).toEqual(['d-1', 'd-multi', 'd-2a', 'd-2b', 'd-3']);
    const before = await ids(`${filter}&review-due=le2026-10-15&_sort=review-due&_count=50`);
    expect(before.ids).toEqual(['d-1', 'd-multi', 'd-2a', 'd-2b']);
    const descending = await ids(`${filter}&review-due:missing=false&_sort=-review-due,_id&_count=50`);
    expect(descending.ids).toEqual(['d-multi', 'd-3', 'd-2a', 'd-2b', 'd-1']);
    // Pages of two: the same cases in the same order, and a next page while there is one.
    const first = await ids(`${filter}&review-due:missing=false&_sort=review-due,_id&_count=2`);
    const second = await ids(`${filter}&review-due:missing=false&_sort=review-due,_id&_count=2`, 2);
    const third = await ids(`${filter}&review-due:missing=false&_sort=review-due,_id&_count=2`, 4);
    expect([first, second, third]).toEqual([
      { ids: ['d-1', 'd-multi'], hasNext: true },
      { ids: ['d-2a', 'd-2b'], hasNext: true },
      { ids: ['d-3'], hasNext: false },
    ]);
  });
});
