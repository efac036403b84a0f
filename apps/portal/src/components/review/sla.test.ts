import { describe, expect, it } from 'vitest';
import { slaState, slaTone } from './sla.ts';

const NOW = new Date('2026-10-10T02:00:00Z');

describe('the decision clock', () => {
  it.each([
    ['due in 3 days and some hours', '2026-10-13T12:00:00+08:00', { kind: 'due-in', days: 3 }],
    ['due in 5 hours', '2026-10-10T15:00:00+08:00', { kind: 'due-today' }],
    ['2 hours late', '2026-10-10T08:00:00+08:00', { kind: 'overdue', days: 1 }],
    ['4 days late', '2026-10-06T09:00:00+08:00', { kind: 'overdue', days: 4 }],
  ] as const)('counts whole days for a case %s', (_name, due, expected) => {
    expect(slaState(due, null, NOW)).toEqual(expected);
  });

  it('says whether a decided case was decided in time, whatever the time now', () => {
    expect(slaState('2026-10-06T09:00:00+08:00', '2026-10-05T09:00:00+08:00', NOW)).toEqual({ kind: 'met' });
    expect(slaState('2026-10-06T09:00:00+08:00', '2026-10-06T09:00:01+08:00', NOW)).toEqual({
      kind: 'missed',
    });
  });

  it('has no clock without a due date', () => {
    expect(slaState(null, null, NOW)).toEqual({ kind: 'none' });
    expect(slaState('not a date', null, NOW)).toEqual({ kind: 'none' });
  });

  it('makes late and nearly late cases stand out', () => {
    expect(slaTone({ kind: 'overdue', days: 1 })).toBe('bad');
    expect(slaTone({ kind: 'due-in', days: 2 })).toBe('warn');
    expect(slaTone({ kind: 'due-in', days: 9 })).toBe('neutral');
    expect(slaTone({ kind: 'met' })).toBe('good');
  });
});
