// What one request made the app do on PostgreSQL, as a replayable plan: its statements cut into units (a
// transaction, from BEGIN until the connection is idle again, or one statement on its own) on a connection
// each, and the units into waves (units that overlapped in time ran side by side on different connections).
import type { RecordedStatement } from './recorder.ts';
import type { Param } from './wire.ts';

export interface PlannedStatement {
  text: string;
  params: Param[];
  simple: boolean;
}

/** Statements run in order on one pooled connection */
export type Unit = PlannedStatement[];

/** Units run at the same time; waves run one after the other */
export type Wave = Unit[];

interface TimedUnit {
  statements: RecordedStatement[];
  start: number;
  end: number;
}

export function unitsOf(statements: readonly RecordedStatement[]): TimedUnit[] {
  const open = new Map<number, RecordedStatement[]>();
  const units: TimedUnit[] = [];
  const close = (list: RecordedStatement[]) => {
    const first = list[0];
    const last = list[list.length - 1];
    if (first && last) units.push({ statements: list, start: first.start, end: last.end });
  };
  for (const statement of [...statements].sort((a, b) => a.start - b.start)) {
    const list = open.get(statement.connection) ?? [];
    list.push(statement);
    if (statement.status === 'I') {
      open.delete(statement.connection);
      close(list);
    } else open.set(statement.connection, list);
  }
  // A transaction still open when the recording ended is replayed as far as it went.
  for (const list of open.values()) close(list);
  return units.sort((a, b) => a.start - b.start);
}

export function planOf(statements: readonly RecordedStatement[]): Wave[] {
  const waves: Wave[] = [];
  let current: Wave = [];
  let currentEnd = Number.NEGATIVE_INFINITY;
  for (const unit of unitsOf(statements)) {
    if (current.length > 0 && unit.start >= currentEnd) {
      waves.push(current);
      current = [];
    }
    current.push(unit.statements.map(({ text, params, simple }) => ({ text, params, simple })));
    currentEnd = Math.max(currentEnd, unit.end);
  }
  if (current.length > 0) waves.push(current);
  return waves;
}

/** The plan as readable text, one line a statement, for the results folder. */
export function describePlan(waves: readonly Wave[]): string {
  const lines: string[] = [];
  waves.forEach((wave, w) => {
    wave.forEach((unit, u) => {
      lines.push(`-- wave ${w + 1}${wave.length > 1 ? `, connection ${u + 1} of ${wave.length}` : ''}`);
      for (const statement of unit) {
        const params = statement.params.map((param) =>
          param.value === null ? 'null' : param.binary ? `<${param.value.length} base64>` : clip(param.value),
        );
        lines.push(
          `${statement.text.replace(/\s+/g, ' ').trim()}${params.length ? `  -- ${params.join(', ')}` : ''}`,
        );
      }
    });
  });
  return `${lines.join('\n')}\n`;
}

const clip = (value: string) => JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}…` : value);
