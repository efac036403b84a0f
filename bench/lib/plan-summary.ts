// What an EXPLAIN (ANALYZE, BUFFERS) text says about growth: which scans it uses, the buffers it touched
// and its execution time.

export interface PlanSummary {
  /** Scan nodes by kind, e.g. { 'Index Scan': 9, 'CTE Scan': 2 } */
  scans: Record<string, number>;
  /** Sequential scans of tables (not of CTEs or functions): what grows with n */
  seqScans: string[];
  /** The top node's shared buffers: hit + read */
  buffers: number;
  executionMs: number;
  planningMs: number;
}

export function summarizePlan(text: string): PlanSummary {
  const scans: Record<string, number> = {};
  const seqScans: string[] = [];
  for (const match of text.matchAll(/(?:->\s+|^)([A-Za-z ]*?Scan)(?: using \S+)? on (\S+)/gm)) {
    const kind = match[1] ?? '';
    scans[kind] = (scans[kind] ?? 0) + 1;
    if (/Seq Scan$/.test(kind)) seqScans.push(match[2] ?? '');
  }
  // The first Buffers line belongs to the top node, which counts everything under it; the planner's own
  // buffers come after "Planning:".
  const execution = text.split(/^Planning:/m)[0] ?? '';
  const top = /Buffers: shared((?: \w+=\d+)+)/.exec(execution)?.[1] ?? '';
  let buffers = 0;
  for (const [, kind, count] of top.matchAll(/(\w+)=(\d+)/g)) {
    if (kind === 'hit' || kind === 'read') buffers += Number(count);
  }
  const number = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);
  return {
    scans,
    seqScans,
    buffers,
    executionMs: number(/Execution Time: ([\d.]+) ms/),
    planningMs: number(/Planning Time: ([\d.]+) ms/),
  };
}
