// The decision clock of a case: how long is left until the decision is due, or how late it is, or —
// once decided — whether it was decided in time. Whole days, counted up (a case due in 3 hours is due
// "in 1 day" until the day it falls due, then "today").

export type SlaState =
  | { kind: 'none' }
  | { kind: 'due-in'; days: number }
  | { kind: 'due-today' }
  | { kind: 'overdue'; days: number }
  | { kind: 'met' }
  | { kind: 'missed' };

const DAY_MS = 24 * 60 * 60 * 1000;

export function slaState(due: string | null, decidedAt: string | null, now: Date): SlaState {
  if (!due) return { kind: 'none' };
  const dueAt = Date.parse(due);
  if (Number.isNaN(dueAt)) return { kind: 'none' };
  if (decidedAt) return Date.parse(decidedAt) <= dueAt ? { kind: 'met' } : { kind: 'missed' };
  const left = dueAt - now.getTime();
  if (left < 0) return { kind: 'overdue', days: Math.max(1, Math.floor(-left / DAY_MS)) };
  if (left < DAY_MS) return { kind: 'due-today' };
  return { kind: 'due-in', days: Math.floor(left / DAY_MS) };
}

/** The badge tone for a clock: late and nearly late stand out. */
export function slaTone(state: SlaState): 'bad' | 'warn' | 'good' | 'neutral' {
  switch (state.kind) {
    case 'overdue':
    case 'missed':
      return 'bad';
    case 'due-today':
      return 'warn';
    case 'due-in':
      return state.days <= 2 ? 'warn' : 'neutral';
    case 'met':
      return 'good';
    default:
      return 'neutral';
  }
}
