import { describe, expect, it } from 'vitest';
import { statementGrowth } from './statement-growth.ts';

const row = (scenario: string, database: string, statements?: number) => ({
  scenario,
  database,
  ...(statements === undefined ? {} : { sameWork: { statements } }),
});

describe('statementGrowth', () => {
  it('lists a scenario whose request issues more statements than at the before commit', () => {
    expect(
      statementGrowth(
        [
          row('introspect @c830e9d', 'postgresql', 3),
          row('introspect', 'postgresql', 4),
          row('fhir-read @c830e9d', 'postgresql', 3),
          row('fhir-read', 'postgresql', 3),
          row('fhir-search @c830e9d', 'postgresql', 4),
          row('fhir-search', 'postgresql', 3),
        ],
        'c830e9d',
      ),
    ).toEqual([{ scenario: 'introspect', database: 'postgresql', before: 3, now: 4 }]);
  });

  it('compares a scenario with its before on the same database only, and skips rows not recorded', () => {
    expect(
      statementGrowth(
        [
          row('token-backend @c830e9d', 'postgresql', 3),
          row('token-backend', 'pglite'),
          row('token-backend', 'postgresql', 3),
          row('bundle-submit', 'postgresql', 9),
          row('bare-node', '-'),
        ],
        'c830e9d',
      ),
    ).toEqual([]);
  });
});
