// The shapes of results/growth.json and results/soak.json, which the charts are drawn from.

import type { StepSummary } from './latency.ts';
import type { PlanSummary } from './plan-summary.ts';
import type { LoadResult } from './processes.ts';
import type { GrowthStep } from './trend.ts';

export interface GrowthSize {
  claims: number;
  /** Bulk insert of the claims, their ClaimResponses, patients and index rows, ANALYZE included (s) */
  bulkSeconds: number;
  /** From nothing to both servers listening: database, sandbox, bulk insert, start-up (s) */
  readySeconds: number;
  search: LoadResult;
  read: LoadResult;
  /** The search's EXPLAIN (ANALYZE, BUFFERS), summarized; the whole plan is in the explain file */
  plan: PlanSummary;
  /** MiB by app after both loads */
  rss: Record<string, number>;
}

export interface GrowthResult {
  commit: string;
  at: string;
  database: string;
  durationSeconds: number;
  connections: number;
  search: string;
  bareNode: LoadResult;
  sizes: GrowthSize[];
  /** Each size against the smallest, beside log n's growth */
  againstLog: { searchP99: GrowthStep[]; readP99: GrowthStep[]; searchBuffers: GrowthStep[] };
}

export const SOAK_STEPS = ['token', 'submit', 'search', 'decide'] as const;
export type SoakStep = (typeof SOAK_STEPS)[number];

export interface SoakResult {
  commit: string;
  at: string;
  database: string;
  ratePerSecond: number;
  minutes: number;
  bucketSeconds: number;
  /** How the planner's statistics were kept fresh during the run */
  statistics: string;
  flows: { started: number; completed: number; failed: number; skipped: number };
  /** The whole flow, its four steps back to back */
  flow: StepSummary;
  steps: Record<SoakStep, StepSummary>;
  buckets: Record<SoakStep, (StepSummary & { bucket: number })[]>;
  /** MiB by app, `at` in seconds since the start */
  rss: { at: number; app: string; mib: number }[];
  /** Least-squares slopes: p99 ms per minute by step, RSS MiB per minute by app */
  drift: { p99PerMinute: Record<SoakStep, number>; rssPerMinute: Record<string, number> };
  /** CPU time of each app process during the run over the flows started (ms a flow) */
  cpuMsPerFlow: Record<string, number>;
  /** The search step's EXPLAIN (ANALYZE, BUFFERS) for the last case, with every case of the run stored */
  searchPlan?: PlanSummary;
  /** A few of the failures, as they were seen */
  failures: string[];
}
