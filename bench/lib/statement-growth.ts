// With BENCH_BEFORE and the same-work baseline on, each scenario's request is recorded as the statements it
// sends to PostgreSQL, for both checkouts. A request that now needs more statements (round trips) than it
// did before is the cheapest regression to see and the easiest to miss in req/s alone, which varies from
// run to run by more than one statement costs; the runner lists every such scenario.

export interface StatementRow {
  scenario: string;
  database: string;
  sameWork?: { statements: number };
}

export interface StatementGrowth {
  scenario: string;
  database: string;
  before: number;
  now: number;
}

/** The scenarios whose request issues more statements than at `beforeCommit` (same scenario and database). */
export function statementGrowth(rows: readonly StatementRow[], beforeCommit: string): StatementGrowth[] {
  const suffix = ` @${beforeCommit}`;
  const before = new Map<string, number>();
  for (const row of rows) {
    if (!row.scenario.endsWith(suffix) || !row.sameWork) continue;
    const key = `${row.scenario.slice(0, -suffix.length)}|${row.database}`;
    before.set(key, Math.max(before.get(key) ?? 0, row.sameWork.statements));
  }
  const grown = new Map<string, StatementGrowth>();
  for (const row of rows) {
    if (row.scenario.endsWith(suffix) || !row.sameWork) continue;
    const key = `${row.scenario}|${row.database}`;
    const then = before.get(key);
    if (then === undefined || row.sameWork.statements <= then) continue;
    const now = Math.max(grown.get(key)?.now ?? 0, row.sameWork.statements);
    grown.set(key, { scenario: row.scenario, database: row.database, before: then, now });
  }
  return [...grown.values()];
}
