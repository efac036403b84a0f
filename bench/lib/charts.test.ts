import { describe, expect, it } from 'vitest';
import { growthSpec, soakLatencySpec, soakMemorySpec } from './chart-specs.ts';
import { renderSvg } from './charts.ts';
import type { GrowthResult, SoakResult } from './results.ts';

const load = (rps: number, p99: number) => ({
  rps,
  p50: 1,
  p99,
  errors: 0,
  timeouts: 0,
  non2xx: 0,
  total: 1,
});
const plan = (buffers: number) => ({ scans: {}, seqScans: [], buffers, executionMs: 1, planningMs: 1 });
const size = (claims: number) => ({
  claims,
  bulkSeconds: 1,
  readySeconds: 2,
  search: load(300, 40),
  read: load(2000, 10),
  plan: plan(200),
  rss: {},
});
const growth: GrowthResult = {
  commit: 'abc1234',
  at: '2026-12-05T00:00:00.000Z',
  database: 'postgresql',
  durationSeconds: 3,
  connections: 32,
  search: 'ClaimResponse?…',
  bareNode: load(20_000, 5),
  sizes: [size(10_000), size(100_000)],
  againstLog: { searchP99: [], readP99: [], searchBuffers: [] },
};
const summary = { count: 1, errors: 0, p50: 5, p99: 9 };
const buckets = [{ bucket: 0, ...summary }];
const soak: SoakResult = {
  commit: 'abc1234',
  at: '2026-12-05T00:00:00.000Z',
  database: 'postgresql',
  ratePerSecond: 2,
  minutes: 1,
  bucketSeconds: 60,
  statistics: 'autovacuum on',
  flows: { started: 1, completed: 1, failed: 0, skipped: 0 },
  flow: summary,
  steps: { token: summary, submit: summary, search: summary, decide: summary },
  buckets: { token: buckets, submit: buckets, search: buckets, decide: buckets },
  rss: [
    { at: 0, app: 'auth', mib: 180 },
    { at: 5, app: 'fhir', mib: 700 },
  ],
  drift: {
    p99PerMinute: { token: 0, submit: 0, search: 0, decide: 0 },
    rssPerMinute: { auth: 0, fhir: 0 },
  },
  cpuMsPerFlow: { auth: 5, fhir: 40 },
  failures: [],
};

describe('the charts', () => {
  it('draws growth with the sizes measured in its title', async () => {
    const svg = await renderSvg(growthSpec(growth));
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('claims stored: 10,000, 100,000');
    expect(svg).toContain('fhir-search');
  });

  it('draws the soak’s p99 per step and RSS per app', async () => {
    const latency = await renderSvg(soakLatencySpec(soak));
    expect(latency).toContain('decide');
    const memory = await renderSvg(soakMemorySpec(soak));
    expect(memory).toContain('fhir');
    expect(memory).toContain('2 flows/s for 1 min');
  });
});
