import { describe, expect, it } from 'vitest';
import { RULES, type Rule, validateRequestBundle } from '../src/index.ts';

describe('the rule table', () => {
  it('gives every rule a distinct id of the form area.name', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\.[a-z0-9-]+$/);
  });

  it('reports a rule that throws as an exception issue under its id instead of failing', () => {
    const failing: Rule = {
      id: 'test.failing',
      description: 'always throws',
      check() {
        throw new Error('boom');
      },
    };
    expect(validateRequestBundle({ resourceType: 'Bundle' }, {}, [failing])).toEqual([
      expect.objectContaining({ rule: 'test.failing', code: 'exception', severity: 'error' }),
    ]);
  });
});
