// Vega-Lite specs of the growth and soak charts, built from their results.
import type { TopLevelSpec } from 'vega-lite';
import { type GrowthResult, SOAK_STEPS, type SoakResult } from './results.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const thousands = (n: number) => n.toLocaleString('en-US');

export function growthSpec(result: GrowthResult): TopLevelSpec {
  const loads = result.sizes.flatMap((size) =>
    (['search', 'read'] as const).map((kind) => ({
      claims: size.claims,
      scenario: `fhir-${kind}`,
      p99: size[kind].p99,
      rps: Math.round(size[kind].rps),
    })),
  );
  const plans = result.sizes.map((size) => ({
    claims: size.claims,
    buffers: size.plan.buffers,
    executionMs: size.plan.executionMs,
  }));
  const x = {
    field: 'claims',
    type: 'quantitative',
    title: 'claims stored',
    scale: { type: 'log' },
    axis: { values: result.sizes.map((size) => size.claims), format: '~s' },
  } as const;
  const line = { type: 'line', point: true } as const;
  const color = { field: 'scenario', type: 'nominal', title: null } as const;
  return {
    $schema: SCHEMA,
    title: {
      text: `fhir-search and fhir-read by claims stored: ${result.sizes.map((size) => thousands(size.claims)).join(', ')}`,
      subtitle: `PostgreSQL, ${result.durationSeconds} s runs at ${result.connections} connections, commit ${result.commit}, ${result.at.slice(0, 10)}`,
    },
    hconcat: [
      {
        title: 'p99 (ms)',
        data: { values: loads },
        mark: line,
        encoding: { x, y: { field: 'p99', type: 'quantitative', title: 'ms' }, color },
      },
      {
        title: 'requests per second',
        data: { values: loads },
        mark: line,
        encoding: { x, y: { field: 'rps', type: 'quantitative', title: 'req/s' }, color },
      },
      {
        title: 'fhir-search’s plan: shared buffers touched',
        data: { values: plans },
        mark: { ...line, color: '#555' },
        encoding: { x, y: { field: 'buffers', type: 'quantitative', title: 'buffers (8 KiB)' } },
      },
    ],
  } as TopLevelSpec;
}

function soakTitle(result: SoakResult, what: string) {
  return {
    text: `soak: ${what}`,
    subtitle: `${result.ratePerSecond} flows/s for ${result.minutes} min (token → submit → search → decide), PostgreSQL, commit ${result.commit}, ${result.at.slice(0, 10)}`,
  };
}

export function soakLatencySpec(result: SoakResult): TopLevelSpec {
  const values = SOAK_STEPS.flatMap((step) =>
    result.buckets[step]
      .filter((bucket) => bucket.count > 0)
      .map((bucket) => ({
        minutes: ((bucket.bucket + 1) * result.bucketSeconds) / 60,
        step,
        p99: bucket.p99,
      })),
  );
  return {
    $schema: SCHEMA,
    title: soakTitle(result, `p99 per step, each ${result.bucketSeconds} s`),
    width: 560,
    height: 260,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'minutes', type: 'quantitative', title: 'minutes since the start (end of each window)' },
      y: { field: 'p99', type: 'quantitative', title: 'p99 (ms)' },
      color: { field: 'step', type: 'nominal', sort: [...SOAK_STEPS], title: null },
    },
  } as TopLevelSpec;
}

export function soakMemorySpec(result: SoakResult): TopLevelSpec {
  return {
    $schema: SCHEMA,
    title: soakTitle(result, 'RSS of the auth server and the FHIR API'),
    width: 560,
    height: 260,
    data: { values: result.rss.map((sample) => ({ ...sample, minutes: sample.at / 60 })) },
    mark: { type: 'line' },
    encoding: {
      x: { field: 'minutes', type: 'quantitative', title: 'minutes since the start' },
      y: { field: 'mib', type: 'quantitative', title: 'RSS (MiB)', scale: { zero: true } },
      color: { field: 'app', type: 'nominal', title: null },
    },
  } as TopLevelSpec;
}
